/**
 * Dwell time (how long a level has held a draft), in working minutes, written the way an office says it:
 * 40分钟, 3小时20分钟, 2个工作日3小时. A working day is the day's office minutes.
 */
export function formatDwell(minutes: number, dayMinutes: number, o: { hours?: boolean } = {}): string {
  const m = Math.max(0, Math.floor(minutes));
  if (m < 60) return `${m}分钟`;
  // A limit counted in hours (特急: 4 hours) is spoken of in hours: 8小时, not 1个工作日1小时.
  const days = o.hours ? 0 : Math.floor(m / dayMinutes);
  const rest = m - days * dayMinutes;
  const hours = Math.floor(rest / 60);
  const mins = rest % 60;
  if (days === 0) return mins ? `${hours}小时${mins}分钟` : `${hours}小时`;
  return hours ? `${days}个工作日${hours}小时` : `${days}个工作日`;
}

/** The median of the values (the mean of the middle two for an even count); undefined when empty. */
export function median(values: readonly number[]): number | undefined {
  if (!values.length) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** A share as an office writes it: 87.5%, 100%, 0%. */
export function percent(part: number, whole: number): string {
  if (!whole) return '—';
  const p = Math.round((part / whole) * 1000) / 10;
  return `${p}%`;
}
