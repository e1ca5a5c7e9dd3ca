import type { PublicStatusGroup } from '#contracts';

/** Colours of the public status groups, shared by the lookup and the map. */
export const GROUP_COLORS: Record<PublicStatusGroup, string> = {
  reported: '#d48806',
  handling: '#1d5fbf',
  resolved: '#08979c',
  closed: '#389e0d',
};

const timeFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** Beijing time whatever the phone's zone. */
export const formatTime = (iso: string): string => timeFormat.format(new Date(iso));
