import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../../platform/calendar/work-calendar.js';
import { currentRung, progressDue, rungToSend } from './chase-ladder.js';
import { overdueWorkingDays, parseDeadline } from './deadline.js';
import { canApply, transition } from './states.js';

const cal = new WorkCalendar();

describe('item states', () => {
  it('follows 待签收 → 办理中 → 待销号 → 已办结, with 已退回 back to work', () => {
    expect(transition('acknowledge', 'pending_ack')).toBe('in_progress');
    expect(transition('request_closure', 'in_progress')).toBe('pending_close');
    expect(transition('refuse_closure', 'pending_close')).toBe('returned');
    expect(transition('request_closure', 'returned')).toBe('pending_close');
    expect(transition('close', 'pending_close')).toBe('closed');
    expect(canApply('report_progress', 'returned')).toBe(true);
  });

  it('explains why a stale action no longer applies', () => {
    expect(() => transition('acknowledge', 'in_progress')).toThrow('无需重复签收');
    expect(() => transition('close', 'closed')).toThrow('已办结');
    expect(() => transition('close', 'in_progress')).toThrow('不在待销号状态');
    expect(() => transition('request_closure', 'pending_ack')).toThrow('请先签收');
  });
});

describe('deadlines', () => {
  it('accepts dates and "N个工作日", counted across holidays and make-up days', () => {
    expect(parseDeadline('2026-12-15', '2026-11-23', cal).date).toBe('2026-12-15');
    expect(parseDeadline('2026年12月15日', '2026-11-23', cal).date).toBe('2026-12-15');
    // 2026-09-30 + 3 working days: 10-01..07 are 国庆, 10-08 Thu, 10-09 Fri, 10-10 Sat is a make-up day.
    expect(parseDeadline('3个工作日', '2026-09-30', cal).date).toBe('2026-10-10');
  });

  it('refuses a past date and a day off, suggesting the working days either side', () => {
    expect(() => parseDeadline('2026-11-01', '2026-11-23', cal)).toThrow('早于今天');
    expect(() => parseDeadline('2026-10-02', '2026-09-01', cal)).toThrow(
      '期限10月2日（周五，国庆节假期）不是工作日，请改为前后的工作日：9月30日（周三）或10月8日（周四）。',
    );
    expect(() => parseDeadline('2026-11-29', '2026-11-23', cal)).toThrow(/不是工作日.*11月27日（周五）或11月30日（周一）/);
    expect(() => parseDeadline('下周', '2026-11-23', cal)).toThrow('无法识别');
  });

  it('derives overdue working days from the calendar', () => {
    expect(overdueWorkingDays('2026-09-30', '2026-10-08', cal)).toBe(1);
    expect(overdueWorkingDays('2026-11-27', '2026-11-30', cal)).toBe(1); // over a weekend
    expect(overdueWorkingDays('2026-11-27', '2026-11-27', cal)).toBe(0);
  });
});

describe('chase ladder', () => {
  const deadline = '2026-12-04'; // a Friday
  it('reminds at 3 and 1 working days before and on the day, then escalates', () => {
    expect(currentRung(deadline, '2026-11-27', cal)).toBeUndefined(); // 5 working days left
    expect(currentRung(deadline, '2026-12-01', cal)).toMatchObject({ rank: 1, label: '还有3个工作日到期', audience: ['assignee'] });
    expect(currentRung(deadline, '2026-12-03', cal)).toMatchObject({ rank: 2, label: '还有1个工作日到期' });
    expect(currentRung(deadline, '2026-12-04', cal)).toMatchObject({ rank: 3, label: '今日到期' });
    expect(currentRung(deadline, '2026-12-07', cal)).toMatchObject({ rank: 4, label: '已超期1个工作日', audience: ['assignee'] });
    expect(currentRung(deadline, '2026-12-09', cal)).toMatchObject({ rank: 5, audience: ['assignee', 'leader', 'group'] });
    expect(currentRung(deadline, '2026-12-15', cal)).toMatchObject({ rank: 5 }); // within the first week
    expect(currentRung(deadline, '2026-12-16', cal)).toMatchObject({ rank: 6, label: '已超期8个工作日' }); // weekly repeat
  });

  it('sends each rung once, and catches up a missed day with the highest rung', () => {
    expect(rungToSend({ deadline, chaseStep: 3 }, '2026-12-04', cal)).toBeUndefined();
    expect(rungToSend({ deadline, chaseStep: 2 }, '2026-12-09', cal)?.rank).toBe(5);
  });

  it('asks for progress on the first working day of the week or month', () => {
    const weekly = { progressCycle: 'weekly', lastProgressAt: '2026-11-18', createdOn: '2026-11-01' };
    expect(progressDue(weekly, '2026-11-23', cal)).toBe(true); // Monday
    expect(progressDue(weekly, '2026-11-24', cal)).toBe(false);
    expect(progressDue({ ...weekly, lastProgressAt: '2026-11-23' }, '2026-11-23', cal)).toBe(false);
    // October 2026 starts with 国庆: the first working day is 10-08.
    const monthly = { progressCycle: 'monthly', lastProgressAt: '2026-09-15', createdOn: '2026-09-01' };
    expect(progressDue(monthly, '2026-10-08', cal)).toBe(true);
    expect(progressDue(monthly, '2026-10-09', cal)).toBe(false);
  });
});
