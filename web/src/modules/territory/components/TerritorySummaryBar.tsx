import { Skeleton, Statistic } from 'antd';
import type { TerritorySummary } from '#contracts';
import type { MessageKey } from '../../../app/i18n.ts';
import { useI18n } from '../../../app/i18n.ts';
import { formatNumber } from '../../../ui/format.ts';

type CountKey = keyof TerritorySummary['counts'];

const figures: readonly { key: CountKey; label: MessageKey }[] = [
  { key: 'communities', label: 'summary.communities' },
  { key: 'grids', label: 'summary.grids' },
  { key: 'units', label: 'summary.units' },
  { key: 'buildings', label: 'summary.buildings' },
  { key: 'households', label: 'summary.households' },
];

/** The jurisdiction's counts, each under `data-testid="summary-<key>"`; the unit count is always plain digits. */
export function TerritorySummaryBar({ summary }: { summary: TerritorySummary | undefined }) {
  const { t, locale } = useI18n();
  if (!summary) {
    return (
      <div className="jz-summary">
        <Skeleton active paragraph={false} title={{ width: '100%' }} />
      </div>
    );
  }
  return (
    <div className="jz-summary" data-testid="territory-summary">
      {figures.map(({ key, label }) => {
        const value = summary.counts[key];
        return (
          <Statistic
            key={key}
            title={t(label)}
            value={value}
            formatter={() => (
              <span data-testid={`summary-${key}`}>
                {key === 'units' || value < 10_000 ? String(value) : formatNumber(locale, value)}
              </span>
            )}
          />
        );
      })}
    </div>
  );
}
