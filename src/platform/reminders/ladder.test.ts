import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../calendar/work-calendar.js';
import { OfficeTime } from '../calendar/working-time.js';
import { addDays } from '../time.js';
import {
  currentDeadlineRung,
  deadlineRungsOn,
  deadlineRungToSend,
  elapsedRungDueAt,
  elapsedRungToSend,
  nextElapsedRung,
  type DeadlineLadder,
  type ElapsedLadder,
} from './ladder.js';

const cal = new WorkCalendar(); // the 2026 schedule: 国庆 10-01..07, 10-10 a make-up Saturday
const office = new OfficeTime(cal); // default hours 08:30-12:00, 14:30-17:30
// Beijing wall-clock "2026-11-27 16:30" as an instant, and back.
const t = (s: string) => new Date(`${s.replace(' ', 'T')}:00+08:00`);
const bj = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

// Supervision's chase schedule with audiences of this test's own (the ladder knows none).
const chase: DeadlineLadder<'owner' | 'boss'> = {
  before: [3, 1, 0],
  firstOverdue: 1,
  escalateAt: 3,
  repeatEvery: 5,
  audiences: { before: ['owner'], overdue: ['owner'], escalated: ['owner', 'boss'] },
};

describe('deadline ladder (working days)', () => {
  it('reminds before, on the day and after the deadline, with the audiences the caller declared', () => {
    const deadline = '2026-12-04'; // Friday
    expect(currentDeadlineRung(chase, deadline, '2026-11-27', cal)).toBeUndefined();
    expect(currentDeadlineRung(chase, deadline, '2026-12-01', cal)).toEqual({
      rank: 1,
      label: '还有3个工作日到期',
      audience: ['owner'],
      daysLeft: 3,
      phase: 'before',
    });
    expect(currentDeadlineRung(chase, deadline, '2026-12-04', cal)).toMatchObject({ rank: 3, label: '今日到期', daysLeft: 0 });
    expect(currentDeadlineRung(chase, deadline, '2026-12-07', cal)).toMatchObject({ rank: 4, label: '已超期1个工作日', phase: 'overdue' });
    expect(currentDeadlineRung(chase, deadline, '2026-12-09', cal)).toMatchObject({ rank: 5, audience: ['owner', 'boss'], phase: 'escalated' });
    expect(currentDeadlineRung(chase, deadline, '2026-12-16', cal)).toMatchObject({ rank: 6, label: '已超期8个工作日' });
  });

  it('counts 调休 make-up days as working days and the holiday as none', () => {
    // 09-30 to 10-10 over 国庆: 10-08, 10-09 and the make-up Saturday 10-10 are the three working days.
    expect(currentDeadlineRung(chase, '2026-10-10', '2026-09-30', cal)).toMatchObject({ rank: 1, daysLeft: 3 });
    // Due on the make-up Saturday: it is a working day, so "today" on it.
    expect(currentDeadlineRung(chase, '2026-10-10', '2026-10-10', cal)).toMatchObject({ rank: 3, label: '今日到期' });
    // Due Friday 10-09: the make-up Saturday is the first overdue working day; Sunday 10-11 is not one.
    expect(currentDeadlineRung(chase, '2026-10-09', '2026-10-10', cal)).toMatchObject({ rank: 4, daysLeft: -1 });
    expect(currentDeadlineRung(chase, '2026-10-09', '2026-10-12', cal)).toMatchObject({ rank: 4, daysLeft: -2 });
    expect(currentDeadlineRung(chase, '2026-10-09', '2026-10-13', cal)).toMatchObject({ rank: 5, daysLeft: -3, phase: 'escalated' });
  });

  it('sends a rung once, and a missed day catches up with the highest rung only', () => {
    expect(deadlineRungToSend(chase, { deadline: '2026-12-04', sentRank: 3 }, '2026-12-04', cal)).toBeUndefined();
    expect(deadlineRungToSend(chase, { deadline: '2026-12-04', sentRank: 1 }, '2026-12-09', cal)?.rank).toBe(5);
  });

  it('takes the caller’s words for a rung', () => {
    const words: DeadlineLadder<'owner'> = { ...chase, audiences: { before: ['owner'], overdue: ['owner'], escalated: ['owner'] }, label: (d) => `D${d}` };
    expect(currentDeadlineRung(words, '2026-12-04', '2026-12-07', cal)?.label).toBe('D-1');
  });

  it('a day’s run gives the same rung as counting each deadline, and a horizon past which none applies', () => {
    const today = '2026-09-29';
    const { horizon, rungOf } = deadlineRungsOn(chase, today, cal);
    expect(horizon).toBe('2026-10-09'); // 3 working days over 国庆: 09-30, 10-08, 10-09
    for (let d = '2026-08-01'; d <= '2026-12-31'; d = addDays(d, 1)) {
      expect(rungOf(d)).toEqual(currentDeadlineRung(chase, d, today, cal));
      if (d > horizon) expect(rungOf(d)).toBeUndefined();
    }
  });
});

// A review step: nudge the holder at the limit, tell the superior at twice the limit.
const review: ElapsedLadder = {
  mode: 'working',
  rungs: [
    { rank: 1, multiple: 1, audience: ['holder'], label: '已到时限' },
    { rank: 2, multiple: 2, audience: ['holder', 'superior'], label: '已超时限一倍' },
  ],
};
const FOUR_HOURS = 240;

describe('elapsed ladder (working minutes)', () => {
  it('a limit of 240 working minutes from Friday 16:30 falls due on Monday 11:30, not on Saturday', () => {
    const start = t('2026-11-27 16:30');
    expect(bj(elapsedRungDueAt(review, review.rungs[0]!, start, FOUR_HOURS, office))).toBe('2026-11-30 11:30');
    // Twice the limit: 60 on Friday, 390 on Monday, 30 on Tuesday.
    expect(bj(elapsedRungDueAt(review, review.rungs[1]!, start, FOUR_HOURS, office))).toBe('2026-12-01 09:00');
  });

  it('counts the make-up Saturday 2026-10-10 as a working day', () => {
    const start = t('2026-10-09 16:30');
    expect(bj(elapsedRungDueAt(review, review.rungs[0]!, start, FOUR_HOURS, office))).toBe('2026-10-10 11:30');
    // From the day before 国庆 the holiday does not count.
    expect(bj(elapsedRungDueAt(review, review.rungs[0]!, t('2026-09-30 16:30'), FOUR_HOURS, office))).toBe('2026-10-08 11:30');
  });

  it('a step reaching the holder outside office hours starts counting at the next working instant', () => {
    // Saturday: from Monday 08:30, 210 minutes to noon and 30 after lunch.
    expect(bj(elapsedRungDueAt(review, review.rungs[0]!, t('2026-11-28 10:00'), FOUR_HOURS, office))).toBe('2026-11-30 15:00');
    // Over lunch on a working day: from 14:30.
    expect(bj(elapsedRungDueAt(review, review.rungs[0]!, t('2026-12-01 12:10'), 60, office))).toBe('2026-12-01 15:30');
  });

  it('sends nothing before the limit, then each rung once', () => {
    const o = { startedAt: t('2026-11-27 16:30'), limitMinutes: FOUR_HOURS, time: office };
    expect(elapsedRungToSend(review, { ...o, now: t('2026-11-28 10:00'), sentRank: 0 })).toBeUndefined(); // Saturday
    expect(elapsedRungToSend(review, { ...o, now: t('2026-11-30 11:29'), sentRank: 0 })).toBeUndefined();
    expect(elapsedRungToSend(review, { ...o, now: t('2026-11-30 11:30'), sentRank: 0 })?.rank).toBe(1);
    expect(elapsedRungToSend(review, { ...o, now: t('2026-11-30 15:00'), sentRank: 1 })).toBeUndefined();
    expect(elapsedRungToSend(review, { ...o, now: t('2026-12-01 09:00'), sentRank: 1 })?.rank).toBe(2);
    expect(elapsedRungToSend(review, { ...o, now: t('2026-12-03 09:00'), sentRank: 2 })).toBeUndefined();
  });

  it('catches up with the highest rung only', () => {
    const o = { startedAt: t('2026-11-27 16:30'), limitMinutes: FOUR_HOURS, time: office };
    // The bot was down through Monday: on Tuesday only the escalation goes, not the nudge as well.
    expect(elapsedRungToSend(review, { ...o, now: t('2026-12-01 10:00'), sentRank: 0 })).toMatchObject({ rank: 2, audience: ['holder', 'superior'] });
    // Rungs declared out of order change nothing.
    const shuffled: ElapsedLadder = { ...review, rungs: [...review.rungs].reverse() };
    expect(elapsedRungToSend(shuffled, { ...o, now: t('2026-12-01 10:00'), sentRank: 0 })?.rank).toBe(2);
  });

  it('tells when the next rung falls due', () => {
    const o = { startedAt: t('2026-11-27 16:30'), limitMinutes: FOUR_HOURS, time: office };
    const next = nextElapsedRung(review, { ...o, sentRank: 1 });
    expect(next?.rung.rank).toBe(2);
    expect(bj(next!.dueAt)).toBe('2026-12-01 09:00');
    expect(nextElapsedRung(review, { ...o, sentRank: 2 })).toBeUndefined();
  });
});

describe('elapsed ladder (clock minutes)', () => {
  const emergency: ElapsedLadder = { ...review, mode: 'clock' };

  it('counts the night, the weekend and the holiday like any other minute', () => {
    expect(bj(elapsedRungDueAt(emergency, emergency.rungs[0]!, t('2026-11-27 16:30'), FOUR_HOURS, office))).toBe('2026-11-27 20:30');
    expect(bj(elapsedRungDueAt(emergency, emergency.rungs[1]!, t('2026-11-27 16:30'), FOUR_HOURS, office))).toBe('2026-11-28 00:30');
    expect(bj(elapsedRungDueAt(emergency, emergency.rungs[0]!, t('2026-10-01 09:00'), 30, office))).toBe('2026-10-01 09:30');
  });

  it('sends at night when the clock says so', () => {
    const o = { startedAt: t('2026-11-27 16:30'), limitMinutes: FOUR_HOURS, time: office };
    expect(elapsedRungToSend(emergency, { ...o, now: t('2026-11-27 21:00'), sentRank: 0 })?.rank).toBe(1);
    expect(elapsedRungToSend(emergency, { ...o, now: t('2026-11-28 01:00'), sentRank: 0 })?.rank).toBe(2);
  });

  it('rounds a fractional multiple to whole minutes', () => {
    const half: ElapsedLadder = { mode: 'clock', rungs: [{ rank: 1, multiple: 1.5, audience: ['holder'] }] };
    expect(bj(elapsedRungDueAt(half, half.rungs[0]!, t('2026-11-27 16:30'), 45, office))).toBe('2026-11-27 17:38'); // 67.5 → 68
  });
});
