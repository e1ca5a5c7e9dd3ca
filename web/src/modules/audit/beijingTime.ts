/** Anything with Day.js's format(): what antd's pickers hand back. */
export interface Formattable {
  format: (template: string) => string;
}

/**
 * A picked wall-clock time read as Beijing time (UTC+8 all year: China has no daylight saving),
 * whatever the browser's own zone: `2026-03-01T08:00:00+08:00`.
 */
export function beijingIso(value: Formattable, edge: 'start' | 'end', precision: 'minute' | 'day'): string {
  if (precision === 'day') {
    return `${value.format('YYYY-MM-DD')}T${edge === 'start' ? '00:00:00.000' : '23:59:59.999'}+08:00`;
  }
  const minute = value.format('YYYY-MM-DDTHH:mm');
  return `${minute}${edge === 'start' ? ':00.000' : ':59.999'}+08:00`;
}
