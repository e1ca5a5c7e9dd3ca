import type { BulletinCategory, FlagColour, TaskStatus } from '#contracts';

/** Labels of the battle map (挂图作战). */
export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  in_progress: '推进中',
  completed: '已完成',
  suspended: '已暂停',
};
export const FLAG_LABELS: Record<FlagColour, string> = { red: '红牌', yellow: '黄牌', green: '绿牌' };
export const FLAG_COLOURS: Record<FlagColour, string> = {
  red: '#cf1322',
  yellow: '#d4b106',
  green: '#389e0d',
};
export const CATEGORY_LABELS: Record<BulletinCategory, string> = {
  done: '已完成',
  on_track: '正常推进',
  late: '滞后',
  not_reported: '未报送',
};
export const CATEGORY_COLOURS: Record<BulletinCategory, string> = {
  done: 'green',
  on_track: 'blue',
  late: 'red',
  not_reported: 'orange',
};
export const DUTY_KIND_LABELS = { flag: '季挂牌', override: '挂牌调整', bulletin: '月通报点名' } as const;

/** Today in Shanghai, `YYYY-MM-DD`. */
export function shanghaiToday(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}
/** The quarter a date is in, `2026-Q4`. */
export function quarterOf(date: string): string {
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}
export function previousQuarter(quarter: string): string {
  const year = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(6));
  return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
}
export function previousMonth(month: string): string {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
}
/** The Monday of the week a date is in. */
export function mondayOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const weekday = d.getUTCDay() === 0 ? 7 : d.getUTCDay();
  return new Date(d.getTime() - (weekday - 1) * 86_400_000).toISOString().slice(0, 10);
}
/** An instant shown in Shanghai, `YYYY-MM-DD HH:mm`. */
export function shanghaiTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}
