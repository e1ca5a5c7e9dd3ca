import type { DatePickerProps } from 'antd';
import zhCN from 'antd/es/locale/zh_CN';
import { useI18n } from '../app/i18n.ts';

type PickerLocale = NonNullable<DatePickerProps['locale']>;

/**
 * antd's Chinese date-picker locale with the weekday and month names given outright: otherwise
 * the calendar asks Day.js, whose Chinese locale the app does not load, and shows "Su Mo … / Nov".
 */
const zhPicker: PickerLocale | undefined = zhCN.DatePicker && {
  ...zhCN.DatePicker,
  lang: {
    ...zhCN.DatePicker.lang,
    shortWeekDays: ['日', '一', '二', '三', '四', '五', '六'],
    shortMonths: ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'],
  },
};

/** The `locale` prop for DatePicker / RangePicker in the current language (undefined: antd's own). */
export function usePickerLocale(): PickerLocale | undefined {
  const { locale } = useI18n();
  return locale === 'zh' ? zhPicker : undefined;
}
