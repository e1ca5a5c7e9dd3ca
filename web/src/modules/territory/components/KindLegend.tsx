import type { CommunityKind } from '#contracts';
import { useI18n } from '../../../app/i18n.ts';
import { communityKinds, kindColors, kindLabelKey } from '../kinds.ts';

interface KindLegendProps {
  /** Communities of each kind, shown beside the label when known. */
  counts?: Partial<Record<CommunityKind, number>>;
}

/** Colour key of the unit fill: the four community kinds. */
export function KindLegend({ counts }: KindLegendProps) {
  const { t } = useI18n();
  return (
    <div className="jz-legend" data-testid="kind-legend">
      <div className="jz-legend-title">{t('kind.legend')}</div>
      {communityKinds.map((kind) => (
        <div key={kind} className="jz-legend-row">
          <span className="jz-legend-swatch" style={{ background: kindColors[kind] }} />
          <span>{t(kindLabelKey(kind))}</span>
          {counts?.[kind] !== undefined ? <span className="jz-legend-count">{counts[kind]}</span> : null}
        </div>
      ))}
      <div className="jz-legend-row jz-legend-lines">
        <span className="jz-legend-line jz-legend-line-subdistrict" />
        <span>{t('level.subdistrict')}</span>
        <span className="jz-legend-line jz-legend-line-grid" />
        <span>{t('level.grid')}</span>
      </div>
    </div>
  );
}
