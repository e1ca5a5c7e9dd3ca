import { Empty, Tag } from 'antd';
import type { PlaceCard } from '#contracts';
import { useI18n } from '../../../app/i18n.ts';
import { placeHref } from '../../../app/router.ts';
import { formatDateTime } from '../../../ui/format.ts';
import { Link } from '../../../ui/Link.tsx';

type LineageEntry = PlaceCard['predecessors'][number];

function LineageItem({ entry, direction }: { entry: LineageEntry; direction: 'madeBy' | 'replacedBy' }) {
  const { t, locale } = useI18n();
  const kind = t(entry.kind === 'split' ? 'change.split' : 'change.merge');
  return (
    <div className="jz-lineage-item" data-testid={`lineage-${direction}`}>
      <div className="jz-lineage-head">
        <Tag color={entry.kind === 'split' ? 'orange' : 'blue'}>{kind}</Tag>
        <span>{t(direction === 'madeBy' ? 'card.madeBy' : 'card.replacedBy', { kind })}</span>
      </div>
      <div className="jz-lineage-places">
        {entry.places.map((place) => (
          <Link key={place.id} to={placeHref(place.id)} className="jz-place-link">
            {place.name} <span className="jz-code">{place.code}</span>
          </Link>
        ))}
      </div>
      <div className="jz-muted jz-lineage-meta">
        {formatDateTime(locale, entry.at)} · {entry.reason}
      </div>
    </div>
  );
}

/** Which changes made this place and which replaced it, with links to the places on the other side. */
export function PlaceLineage({ card }: { card: PlaceCard }) {
  const { t } = useI18n();
  if (card.predecessors.length === 0 && card.successors.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('card.noLineage')} />;
  }
  return (
    <div className="jz-lineage">
      <Link to={`/changes?place=${card.id}`} className="jz-lineage-all">
        {t('card.allChanges')}
      </Link>
      {card.predecessors.map((entry) => (
        <LineageItem key={`p${entry.changeId}`} entry={entry} direction="madeBy" />
      ))}
      {card.successors.map((entry) => (
        <LineageItem key={`s${entry.changeId}`} entry={entry} direction="replacedBy" />
      ))}
    </div>
  );
}
