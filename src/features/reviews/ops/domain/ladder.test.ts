import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../../../platform/calendar/work-calendar.js';
import { parseWorkingHours } from '../../../../platform/calendar/working-hours.js';
import { OfficeTime } from '../../../../platform/calendar/working-time.js';
import { elapsedRungDueAt, elapsedRungToSend, REVIEW_LADDER } from './ladder.js';
import { dayMinutes, parseReviewLimits } from './limits.js';

const at = (s: string) => new Date(`${s}+08:00`);
const office = new OfficeTime(new WorkCalendar());
const [nudge, escalate] = REVIEW_LADDER.rungs as [(typeof REVIEW_LADDER.rungs)[number], (typeof REVIEW_LADDER.rungs)[number]];
const limits = parseReviewLimits('特急:4h,加急:1d,平件:3d', office.hours);

describe('the review ladder in working time', () => {
  it('a 特急 draft reaching its holder Friday 16:30 is due Monday 11:30 (default hours), 2× Tuesday 09:00', () => {
    const friday = at('2026-11-27T16:30:00');
    expect(elapsedRungDueAt(REVIEW_LADDER, nudge, friday, limits.extra_urgent, office)).toEqual(at('2026-11-30T11:30:00'));
    expect(elapsedRungDueAt(REVIEW_LADDER, escalate, friday, limits.extra_urgent, office)).toEqual(at('2026-12-01T09:00:00'));
    // Nothing over the weekend, however long on the clock.
    expect(
      elapsedRungToSend(REVIEW_LADDER, { startedAt: friday, now: at('2026-11-29T23:59:00'), limitMinutes: 240, sentRank: 0, time: office }),
    ).toBeUndefined();
  });

  it('with an office day ending 18:00 it is due Monday 11:00 (the issue’s example)', () => {
    const late = new OfficeTime(new WorkCalendar(), parseWorkingHours('08:30-12:00,14:30-18:00'));
    expect(elapsedRungDueAt(REVIEW_LADDER, nudge, at('2026-11-27T16:30:00'), 240, late)).toEqual(at('2026-11-30T11:00:00'));
  });

  it('the 2026 make-up working days count: Saturday 10-10 and Sunday 09-20', () => {
    // Friday 2026-10-09 16:30 + 4 working hours: 1 h on Friday, 3 h on the make-up Saturday.
    expect(elapsedRungDueAt(REVIEW_LADDER, nudge, at('2026-10-09T16:30:00'), 240, office)).toEqual(at('2026-10-10T11:30:00'));
    // Friday 2026-09-18 16:30: Saturday 09-19 is off, Sunday 09-20 is a make-up working day.
    expect(elapsedRungDueAt(REVIEW_LADDER, nudge, at('2026-09-18T16:30:00'), 240, office)).toEqual(at('2026-09-20T11:30:00'));
    // The National Day holiday does not count: 09-30 16:30 + 4 h runs to 10-08.
    expect(elapsedRungDueAt(REVIEW_LADDER, nudge, at('2026-09-30T16:30:00'), 240, office)).toEqual(at('2026-10-08T11:30:00'));
  });

  it('after downtime only the highest due rung is sent, and a rung already sent is not sent again', () => {
    const o = { startedAt: at('2026-11-27T16:30:00'), limitMinutes: 240, time: office };
    expect(elapsedRungToSend(REVIEW_LADDER, { ...o, now: at('2026-11-30T11:29:00'), sentRank: 0 })).toBeUndefined();
    expect(elapsedRungToSend(REVIEW_LADDER, { ...o, now: at('2026-11-30T11:30:00'), sentRank: 0 })?.rank).toBe(1);
    expect(elapsedRungToSend(REVIEW_LADDER, { ...o, now: at('2026-11-30T14:40:00'), sentRank: 1 })).toBeUndefined();
    expect(elapsedRungToSend(REVIEW_LADDER, { ...o, now: at('2026-12-01T09:00:00'), sentRank: 0 })?.rank).toBe(2);
    expect(elapsedRungToSend(REVIEW_LADDER, { ...o, now: at('2026-12-01T09:00:00'), sentRank: 2 })).toBeUndefined();
  });
});

describe('REVIEW_LIMITS', () => {
  it('reads hours, working days (the day’s office minutes) and keeps defaults for urgencies not named', () => {
    expect(dayMinutes(office.hours)).toBe(390);
    expect(limits).toEqual({ extra_urgent: 240, urgent: 390, normal: 1170 });
    expect(parseReviewLimits('特急:2h', office.hours)).toEqual({ extra_urgent: 120, urgent: 390, normal: 1170 });
    expect(parseReviewLimits('平件：5个工作日，加急=90分钟', office.hours)).toEqual({ extra_urgent: 240, urgent: 90, normal: 1950 });
  });

  it('says what is wrong', () => {
    expect(() => parseReviewLimits('特急4h', office.hours)).toThrow(/urgency:amount/);
    expect(() => parseReviewLimits('很急:4h', office.hours)).toThrow(/not an urgency/);
    expect(() => parseReviewLimits('特急:4h,特急:2h', office.hours)).toThrow(/twice/);
    expect(() => parseReviewLimits('特急:0h', office.hours)).toThrow(/between/);
  });
});
