import { describe, expect, it } from 'vitest';
import { matches, parseCron, previousOccurrence } from '../../src/platform/scheduler/cron.js';

const at = (iso: string) => new Date(iso);

describe('cron in Beijing time', () => {
  it('reads the expression in Asia/Shanghai whatever the process time zone', () => {
    const nine = parseCron('0 9 * * *');
    expect(matches(nine, at('2026-11-23T09:00:00+08:00'))).toBe(true);
    expect(matches(nine, at('2026-11-23T09:00:00Z'))).toBe(false);
  });

  it('supports lists, ranges, steps and weekday 7 = Sunday', () => {
    const s = parseCron('*/15 8-9,14 * * 1-5');
    expect(matches(s, at('2026-11-23T08:45:00+08:00'))).toBe(true); // Monday
    expect(matches(s, at('2026-11-23T08:50:00+08:00'))).toBe(false);
    expect(matches(s, at('2026-11-22T08:45:00+08:00'))).toBe(false); // Sunday
    expect(matches(parseCron('0 9 * * 7'), at('2026-11-22T09:00:00+08:00'))).toBe(true);
  });

  it('ORs day-of-month and day-of-week when both are restricted', () => {
    const s = parseCron('0 9 1 * 1');
    expect(matches(s, at('2026-12-01T09:00:00+08:00'))).toBe(true); // the 1st, a Tuesday
    expect(matches(s, at('2026-11-23T09:00:00+08:00'))).toBe(true); // a Monday
    expect(matches(s, at('2026-11-24T09:00:00+08:00'))).toBe(false);
  });

  it('finds the latest scheduled minute within a window', () => {
    const nine = parseCron('0 9 * * *');
    expect(previousOccurrence(nine, at('2026-11-23T10:30:20+08:00'), 120)?.toISOString()).toBe(at('2026-11-23T09:00:00+08:00').toISOString());
    expect(previousOccurrence(nine, at('2026-11-23T11:30:00+08:00'), 120)).toBeUndefined();
  });

  it('rejects malformed expressions with the field named', () => {
    expect(() => parseCron('0 25 * * *')).toThrow(/hour/);
    expect(() => parseCron('0 9 * *')).toThrow(/5 fields/);
    expect(() => parseCron('x 9 * * *')).toThrow(/minute/);
  });
});
