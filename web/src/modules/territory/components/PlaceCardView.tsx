import { AimOutlined, CloseOutlined } from '@ant-design/icons';
import { Button, Descriptions, type DescriptionsProps, Divider, Skeleton, Statistic, Tag } from 'antd';
import type { CommunityKind, PlaceCard, PlaceLevel } from '#contracts';
import { type MessageKey, useI18n } from '../../../app/i18n.ts';
import { placeHref } from '../../../app/router.ts';
import { ErrorState } from '../../../ui/ErrorState.tsx';
import { formatArea, formatDateTime, formatNumber } from '../../../ui/format.ts';
import { Link } from '../../../ui/Link.tsx';
import type { AsyncState } from '../../../ui/useAsync.ts';
import { kindColors, kindLabelKey, levelLabelKey } from '../kinds.ts';
import { BuildingsTable } from './BuildingsTable.tsx';
import { PlaceLineage } from './PlaceLineage.tsx';

type CountKey = keyof PlaceCard['childCounts'];

/** The counts worth showing for each level (a unit has no communities below it). */
const countsByLevel: Record<PlaceLevel, readonly CountKey[]> = {
  subdistrict: ['communities', 'grids', 'units', 'buildings', 'households'],
  community: ['grids', 'units', 'buildings', 'households'],
  grid: ['units', 'buildings', 'households'],
  unit: ['buildings', 'households'],
};

const countLabels: Record<CountKey, MessageKey> = {
  communities: 'summary.communities',
  grids: 'summary.grids',
  units: 'summary.units',
  buildings: 'summary.buildings',
  households: 'summary.households',
};

function PlaceCounts({ card }: { card: PlaceCard }) {
  const { t, locale } = useI18n();
  return (
    <div className="jz-card-counts">
      {countsByLevel[card.level].map((key) => (
        <Statistic
          key={key}
          title={t(countLabels[key])}
          value={card.childCounts[key]}
          formatter={() => (
            <span data-testid={`card-count-${key}`}>{formatNumber(locale, card.childCounts[key])}</span>
          )}
        />
      ))}
    </div>
  );
}

function PlaceFacts({ card }: { card: PlaceCard }) {
  const { t, locale } = useI18n();
  const items: DescriptionsProps['items'] = [
    {
      key: 'code',
      label: t('card.code'),
      children: (
        <span className="jz-code" data-testid="card-code">
          {card.code}
        </span>
      ),
    },
    ...card.ancestors.map((ancestor) => ({
      key: `a${ancestor.id}`,
      label: t(levelLabelKey(ancestor.level)),
      children: (
        <Link to={placeHref(ancestor.id)} className="jz-place-link">
          {ancestor.name}
        </Link>
      ),
    })),
    { key: 'area', label: t('card.area'), children: formatArea(locale, card.areaM2) },
    { key: 'validFrom', label: t('card.validFrom'), children: formatDateTime(locale, card.validFrom) },
  ];
  if (card.validTo)
    items.push({ key: 'validTo', label: t('card.validTo'), children: formatDateTime(locale, card.validTo) });
  return <Descriptions size="small" column={1} bordered items={items} className="jz-card-facts" />;
}

function CloseButton({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Button
      type="text"
      size="small"
      icon={<CloseOutlined />}
      title={t('common.close')}
      aria-label={t('common.close')}
      onClick={onClose}
    />
  );
}

function PlaceHeader({ card, communityKind, onClose, onZoom }: CardBodyProps) {
  const { t } = useI18n();
  const kind = card.kind ?? communityKind;
  return (
    <div className="jz-card-header">
      <div className="jz-card-heading">
        <h3 className="jz-card-name" data-testid="card-name">
          {card.name}
        </h3>
        <div className="jz-card-tags">
          <Tag>{t(levelLabelKey(card.level))}</Tag>
          {kind ? (
            <Tag color={kindColors[kind]} data-testid="card-kind">
              {t(kindLabelKey(kind))}
            </Tag>
          ) : null}
          {card.current ? null : <Tag color="red">{t('territory.historical')}</Tag>}
        </div>
      </div>
      <div className="jz-card-actions">
        {onZoom ? (
          <Button
            type="text"
            size="small"
            icon={<AimOutlined />}
            title={t('card.zoom')}
            aria-label={t('card.zoom')}
            onClick={onZoom}
          />
        ) : null}
        {onClose ? <CloseButton onClose={onClose} /> : null}
      </div>
    </div>
  );
}

interface CardActions {
  onClose?: () => void;
  onZoom?: () => void;
  /** The kind of the community the place lies in (the card carries a kind for communities only). */
  communityKind?: CommunityKind | null;
}

type CardBodyProps = { card: PlaceCard } & CardActions;

/** Everything about one place: where it sits, its size, its counts, its buildings and its lineage. */
export function PlaceCardBody({ card, communityKind, onClose, onZoom }: CardBodyProps) {
  const { t } = useI18n();
  return (
    <div className="jz-card-body" data-place-id={card.id} data-level={card.level}>
      <PlaceHeader card={card} communityKind={communityKind} onClose={onClose} onZoom={onZoom} />
      <PlaceFacts card={card} />
      <PlaceCounts card={card} />
      {card.level === 'unit' ? (
        <>
          <Divider titlePlacement="start" className="jz-card-divider">
            {t('card.buildings')}
          </Divider>
          <BuildingsTable buildings={card.buildings} />
        </>
      ) : null}
      <Divider titlePlacement="start" className="jz-card-divider">
        {t('card.lineage')}
      </Divider>
      <PlaceLineage card={card} />
    </div>
  );
}

interface PlaceCardViewProps extends CardActions {
  placeId: number;
  state: AsyncState<PlaceCard>;
}

/** The card for the selected place, with its loading and error states. */
export function PlaceCardView({ placeId, state, communityKind, onClose, onZoom }: PlaceCardViewProps) {
  const card = state.data && state.dataKey === `place:${placeId}` ? state.data : undefined;
  if (card) {
    return (
      <section className="jz-card" data-testid="unit-card">
        <PlaceCardBody card={card} communityKind={communityKind} onClose={onClose} onZoom={onZoom} />
      </section>
    );
  }
  return (
    <section className="jz-card" data-testid="unit-card" aria-busy={!state.error}>
      {onClose ? (
        <div className="jz-card-actions jz-card-actions-float">
          <CloseButton onClose={onClose} />
        </div>
      ) : null}
      {state.error && !state.loading ? (
        <ErrorState error={state.error} onRetry={state.reload} />
      ) : (
        <Skeleton active paragraph={{ rows: 8 }} />
      )}
    </section>
  );
}
