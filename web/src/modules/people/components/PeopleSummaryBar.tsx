import { Statistic } from 'antd';
import type { PeopleSummary } from '#contracts';
import { useI18n } from '../../../app/i18n.ts';
import { formatNumber } from '../../../ui/format.ts';
import { usePeopleSummary } from '../hooks/usePeople.ts';

const STAFF_COUNTS: readonly (keyof PeopleSummary)[] = [
  'communityWorkers',
  'gridAssistants',
  'partTimeWorkers',
  'stewards',
  'gridLeaders',
];

/** The teams' sizes within the account's scope (nothing shown if the summary cannot be read). */
export function PeopleSummaryBar({ keys = STAFF_COUNTS }: { keys?: readonly (keyof PeopleSummary)[] }) {
  const { t, locale } = useI18n();
  const summary = usePeopleSummary();
  if (!summary.data) return null;
  const data = summary.data;
  return (
    <div className="jz-people-summary" data-testid="people-summary">
      {keys.map((key) => (
        <Statistic
          key={key}
          title={t(`staff.summary.${key}`)}
          value={typeof data[key] === 'number' ? data[key] : 0}
          formatter={(value) => formatNumber(locale, Number(value))}
        />
      ))}
    </div>
  );
}
