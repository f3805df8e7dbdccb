import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import { describe, expect, it } from 'vitest';
import { atBeijing, beijingDate, beijingMinute, beijingMinuteOfDay } from './time.js';

dayjs.extend(utc);
dayjs.extend(timezone);

describe('Beijing time from the fixed +08:00 offset', () => {
  it('agrees with the tz database every 97 minutes across 2025–2027', () => {
    for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2028, 0, 1); t += 97 * 60_000) {
      const d = new Date(t);
      const tz = dayjs(d).tz('Asia/Shanghai');
      expect(beijingDate(d)).toBe(tz.format('YYYY-MM-DD'));
      expect(beijingMinute(d)).toBe(tz.format('YYYY-MM-DDTHH:mm'));
      expect(beijingMinuteOfDay(d)).toBe(tz.hour() * 60 + tz.minute());
    }
  });

  it('reads dates in Beijing, not in the process time zone (00:30 on 10-01 is 国庆, not 09-30)', () => {
    expect(beijingDate(new Date('2026-09-30T16:30:00Z'))).toBe('2026-10-01');
    expect(atBeijing('2026-10-01', '00:30').toISOString()).toBe('2026-09-30T16:30:00.000Z');
  });
});
