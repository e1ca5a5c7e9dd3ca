import type { MatterStatus, StepMode, VoteChoice } from '#contracts';

/** Chinese labels of the deliberation values (the web takes no contract values but limits and case labels). */
export const MODE_LABELS: Record<StepMode, string> = { online: '线上', offline: '线下', both: '线上线下' };
export const MODE_COLORS: Record<StepMode, string> = { online: 'blue', offline: 'orange', both: 'purple' };
export const STATUS_LABELS: Record<MatterStatus, string> = {
  in_progress: '进行中',
  completed: '已完成',
  not_adopted: '未通过',
  withdrawn: '已撤回',
};
export const CHOICE_LABELS: Record<VoteChoice, string> = { for: '同意', against: '反对', abstain: '弃权' };
export const DISCLOSURE_LABELS = { resolution: '决议公开', result: '实施结果公开' } as const;

export const shanghai = (iso: string | null | undefined): string =>
  iso
    ? new Intl.DateTimeFormat('zh-CN', {
        timeZone: 'Asia/Shanghai',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hour12: false,
      }).format(new Date(iso))
    : '—';
