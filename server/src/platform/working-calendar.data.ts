import type { CalendarYearInput } from './working-calendar.ts';

/**
 * China's statutory holidays (法定节假日, 休) and make-up working days (调休上班) per calendar year, as
 * published each November by the General Office of the State Council (国务院办公厅). Plain data: an
 * administrator adds next year's notice here (later: through the admin pages), and
 * `parseCalendarYear` refuses inconsistent entries.
 *
 * Rules of the data:
 * - One entry per calendar year; every date lies inside its year. A notice's dates that fall in the
 *   previous December (it has happened, e.g. 元旦 2019) go into that previous year's entry.
 * - `holidays` are whole days off, weekends inside a holiday included; `makeUpWorkdays` are the
 *   Saturdays and Sundays that are working days.
 * - `loaded: false` means no official arrangement is known: every computation that touches such a
 *   year is flagged as uncertain. Never fill a year from a pattern or from a library's fallback.
 *
 * Sources (see the workplace's `../shared/REFERENCE.md` §2):
 * - 2025: 《国务院办公厅关于2025年部分节假日安排的通知》 国办发明电〔2024〕12号, 2024-11-12,
 *   https://www.gov.cn/zhengce/content/202411/content_6986382.htm
 *   (full text: https://m.gmw.cn/2024-11/12/content_1303894933.htm). 28 days off, 5 make-up days.
 * - 2026: 《国务院办公厅关于2026年部分节假日安排的通知》, 2025-11-04,
 *   https://www.gov.cn/zhengce/content/202511/content_7047090.htm
 *   (full text: https://politics.gmw.cn/2025-11/04/content_38391083.htm; the number
 *   国办发明电〔2025〕7号 is cited by third parties only). 33 days off, 6 make-up days.
 * - 2027: no notice seen (REFERENCE.md §2 marks it UNCONFIRMED). Not loaded. Load it from gov.cn.
 */
export const CALENDAR_YEARS: readonly CalendarYearInput[] = [
  {
    year: 2025,
    loaded: true,
    source: '国办发明电〔2024〕12号 (2024-11-12)',
    holidays: [
      { name: '元旦', from: '2025-01-01', to: '2025-01-01' },
      { name: '春节', from: '2025-01-28', to: '2025-02-04' },
      { name: '清明节', from: '2025-04-04', to: '2025-04-06' },
      { name: '劳动节', from: '2025-05-01', to: '2025-05-05' },
      { name: '端午节', from: '2025-05-31', to: '2025-06-02' },
      { name: '国庆节、中秋节', from: '2025-10-01', to: '2025-10-08' },
    ],
    makeUpWorkdays: [
      { name: '春节', date: '2025-01-26' },
      { name: '春节', date: '2025-02-08' },
      { name: '劳动节', date: '2025-04-27' },
      { name: '国庆节、中秋节', date: '2025-09-28' },
      { name: '国庆节、中秋节', date: '2025-10-11' },
    ],
  },
  {
    year: 2026,
    loaded: true,
    source: '国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04)',
    holidays: [
      { name: '元旦', from: '2026-01-01', to: '2026-01-03' },
      { name: '春节', from: '2026-02-15', to: '2026-02-23' },
      { name: '清明节', from: '2026-04-04', to: '2026-04-06' },
      { name: '劳动节', from: '2026-05-01', to: '2026-05-05' },
      { name: '端午节', from: '2026-06-19', to: '2026-06-21' },
      { name: '中秋节', from: '2026-09-25', to: '2026-09-27' },
      { name: '国庆节', from: '2026-10-01', to: '2026-10-07' },
    ],
    makeUpWorkdays: [
      { name: '元旦', date: '2026-01-04' },
      { name: '春节', date: '2026-02-14' },
      { name: '春节', date: '2026-02-28' },
      { name: '劳动节', date: '2026-05-09' },
      { name: '国庆节', date: '2026-09-20' },
      { name: '国庆节', date: '2026-10-10' },
    ],
  },
  {
    year: 2027,
    loaded: false,
    source: 'no State Council notice seen yet (REFERENCE.md §2: UNCONFIRMED)',
    holidays: [],
    makeUpWorkdays: [],
  },
];
