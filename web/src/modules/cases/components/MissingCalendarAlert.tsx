import { Alert } from 'antd';
import type { CaseSummary } from '#contracts';
import { useAuth } from '../../../app/auth.tsx';
import { Link } from '../../../ui/Link.tsx';
import { useAsync } from '../../../ui/useAsync.ts';
import { fetchDeadlineWarnings } from '../api/cases.api.ts';

/**
 * A year without holiday data is never taken as Monday–Friday silently: when a deadline on the page
 * rests on such a year, say so, and send the administrator to load it (工作日历).
 */
export function MissingCalendarAlert({ cases }: { cases: readonly CaseSummary[] | undefined }) {
  const { can } = useAuth();
  // Every open case in the viewer's scope, not only the page shown.
  const warnings = useAsync('case-deadline-warnings', fetchDeadlineWarnings);
  const years = [
    ...new Set([
      ...(warnings.data?.years ?? []).map((entry) => entry.year),
      ...(cases ?? []).flatMap((c) => (c.clock?.uncertain ? c.clock.missingYears : [])),
    ]),
  ].sort((a, b) => a - b);
  if (years.length === 0) return null;
  const named = years.map((year) => `${year} 年`).join('、');
  const count = (warnings.data?.years ?? []).reduce((sum, entry) => sum + entry.openCases, 0);
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="case-calendar-missing"
      title={`${count > 0 ? `${count} 件未办结案件` : '部分案件'}的时限落在 ${named}，该年节假日和调休安排尚未加载，时限暂按周一至周五估算（标“待定”）。`}
      description={
        can('calendar.manage') ? (
          <span>
            请在 <Link to="/calendar">工作日历</Link> 中加载 {named}
            的安排（国务院办公厅通知），已有案件的时限会随之重算。
          </span>
        ) : (
          '请联系系统管理员加载该年工作日历。'
        )
      }
    />
  );
}
