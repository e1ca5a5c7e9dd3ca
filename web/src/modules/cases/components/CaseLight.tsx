import { Tooltip } from 'antd';
import type { CaseClock } from '#contracts';
import { useI18n } from '../../../app/i18n.ts';
import { formatDateTime } from '../../../ui/format.ts';
import { LIGHT_COLORS, LIGHT_LABELS, STEP_LABELS, UNIT_LABELS } from '../labels.ts';

/** The red / yellow / green light of a case's running clock, with its deadline (Beijing time). */
export function CaseLight({ clock, compact = false }: { clock: CaseClock | null; compact?: boolean }) {
  const { locale } = useI18n();
  if (!clock) {
    return (
      <span className="jz-muted" data-testid="case-light" data-light="none">
        —
      </span>
    );
  }
  const deadline = formatDateTime(locale, clock.deadline);
  const title = `${STEP_LABELS[clock.step]}时限（${UNIT_LABELS[clock.unit]}）至 ${deadline}${
    clock.uncertain ? `；${clock.missingYears.join('、')} 年节假日数据未加载，时限待定` : ''
  }`;
  return (
    <Tooltip title={title}>
      <span className="jz-case-light" data-testid="case-light" data-light={clock.light}>
        <span className="jz-case-light-dot" style={{ background: LIGHT_COLORS[clock.light] }} />
        <span style={{ color: LIGHT_COLORS[clock.light] }}>{LIGHT_LABELS[clock.light]}</span>
        {compact ? null : <span className="jz-muted jz-small">{deadline}</span>}
        {clock.uncertain ? <span className="jz-error-text jz-small">待定</span> : null}
      </span>
    </Tooltip>
  );
}
