import { Progress, Tag } from 'antd';
import type { LegacyMappingRow } from '#contracts';
import { useI18n } from '../../../app/i18n.ts';
import { formatShare } from '../../../ui/format.ts';

type Overlap = LegacyMappingRow['overlaps'][number];

/** Each overlapping legacy grid with its share of the unified grid (bar) and of the legacy grid (tag). */
export function OverlapList({ overlaps }: { overlaps: Overlap[] }) {
  const { t, locale } = useI18n();
  if (overlaps.length === 0) return <span className="jz-muted">{t('legacy.noOverlap')}</span>;
  return (
    <div className="jz-overlaps">
      {overlaps.map((overlap) => {
        const ofGrid = formatShare(locale, overlap.shareOfGrid);
        const ofLegacy = formatShare(locale, overlap.shareOfLegacy);
        return (
          <div key={overlap.legacyGrid.id} className="jz-overlap">
            <span className="jz-overlap-name" title={overlap.legacyGrid.code}>
              {overlap.legacyGrid.name} <span className="jz-code">{overlap.legacyGrid.code}</span>
            </span>
            <span className="jz-overlap-figures">
              <span className="jz-overlap-bar" title={t('legacy.shareOfGrid', { p: ofGrid })}>
                <Progress
                  percent={Math.round(overlap.shareOfGrid * 1000) / 10}
                  size="small"
                  showInfo={false}
                  status="normal"
                />
                <span className="jz-overlap-pct">{ofGrid}</span>
              </span>
              <Tag className="jz-overlap-tag" title={t('legacy.shareOfLegacy', { p: ofLegacy })}>
                {t('legacy.shareOfLegacy', { p: ofLegacy })}
              </Tag>
            </span>
          </div>
        );
      })}
    </div>
  );
}
