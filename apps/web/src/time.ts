import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import relativeTime from 'dayjs/plugin/relativeTime';
import 'dayjs/locale/zh-cn';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(relativeTime);

/** Every time the dashboard shows is Beijing time, whatever the browser's zone. */
export const BEIJING = 'Asia/Shanghai';

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return dayjs(iso).tz(BEIJING).format('YYYY-MM-DD HH:mm');
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  // Dates without a time (2026-11-01) are calendar dates already; do not shift them through a zone.
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  return dayjs(iso).tz(BEIJING).format('YYYY-MM-DD');
}

export function fromNow(iso: string | null | undefined, language: string): string {
  if (!iso) return '—';
  return dayjs(iso)
    .locale(language.startsWith('zh') ? 'zh-cn' : 'en')
    .fromNow();
}
