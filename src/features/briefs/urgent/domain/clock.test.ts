import { describe, expect, it } from 'vitest';
import { rungIsCurrent, rungKey, URGENT_ESCALATE, URGENT_REMIND, urgentClock } from './clock.js';

const at = (s: string) => new Date(`${s}+08:00`);

describe('the 3-hour clock', () => {
  it('runs from the event time in clock time, else from the report', () => {
    expect(urgentClock(at('2026-12-01T22:10:00'), at('2026-12-01T23:40:00'))).toEqual({
      startAt: at('2026-12-01T22:10:00'),
      remindAt: at('2026-12-02T00:10:00'),
      escalateAt: at('2026-12-02T01:10:00'),
    });
    expect(urgentClock(null, at('2026-12-01T16:05:00')).escalateAt).toEqual(at('2026-12-01T19:05:00'));
  });

  it('a corrected event time gets rungs of its own; the old rungs are no longer current', () => {
    const id = 'n1';
    const before = urgentClock(at('2026-12-01T23:30:00'), at('2026-12-01T23:40:00'));
    const after = urgentClock(at('2026-12-01T22:10:00'), at('2026-12-01T23:40:00'));
    expect(rungKey(URGENT_REMIND, id, before.startAt)).not.toBe(rungKey(URGENT_REMIND, id, after.startAt));
    expect(rungIsCurrent(after, URGENT_REMIND, before.remindAt)).toBe(false);
    expect(rungIsCurrent(after, URGENT_REMIND, after.remindAt)).toBe(true);
    expect(rungIsCurrent(after, URGENT_ESCALATE, after.escalateAt)).toBe(true);
    expect(rungIsCurrent(after, URGENT_ESCALATE, after.remindAt)).toBe(false);
  });
});
