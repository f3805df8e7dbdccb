import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../../../platform/calendar/work-calendar.js';
import { minutesDueDate, minutesRungToSend } from './due.js';

const calendar = new WorkCalendar();

describe('the 纪要 due date and its chase', () => {
  it('a meeting on Wed 2026-09-30 is due on Sat 2026-10-10, the make-up working day after 国庆', () => {
    expect(minutesDueDate('2026-09-30', calendar)).toBe('2026-10-10');
    expect(minutesDueDate('2026-12-02', calendar)).toBe('2026-12-07');
  });

  it('day 2 reminds the drafter, day 3 the office director, then the presiding leader too; no rung twice', () => {
    const due = '2026-10-10';
    expect(minutesRungToSend({ dueDate: due, sentRank: 0 }, '2026-10-08', calendar)).toBeUndefined();
    const day2 = minutesRungToSend({ dueDate: due, sentRank: 0 }, '2026-10-09', calendar)!;
    expect(day2).toEqual({ rank: 1, label: '纪要还有1个工作日到期', audience: ['drafter'] });
    expect(minutesRungToSend({ dueDate: due, sentRank: 1 }, '2026-10-09', calendar)).toBeUndefined();
    const day3 = minutesRungToSend({ dueDate: due, sentRank: 1 }, '2026-10-10', calendar)!;
    expect(day3).toEqual({ rank: 2, label: '纪要今日到期', audience: ['director'] });
    const late = minutesRungToSend({ dueDate: due, sentRank: 2 }, '2026-10-12', calendar)!;
    expect(late).toEqual({ rank: 4, label: '纪要已超期1个工作日', audience: ['drafter', 'director', 'presiding'] });
    expect(minutesRungToSend({ dueDate: due, sentRank: 4 }, '2026-10-13', calendar)).toBeUndefined();
    expect(minutesRungToSend({ dueDate: due, sentRank: 4 }, '2026-10-14', calendar)?.rank).toBe(5);
    // A day the bot was down is caught up with the highest rung due, not a burst.
    expect(minutesRungToSend({ dueDate: due, sentRank: 0 }, '2026-10-10', calendar)?.rank).toBe(2);
  });
});
