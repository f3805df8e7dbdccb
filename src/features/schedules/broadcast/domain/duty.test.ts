import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../../../platform/calendar/work-calendar.js';
import { parseDutyLine, parseDutyTable } from './duty.js';

const ctx = { today: '2026-09-28', calendar: new WorkCalendar() };

describe('值班表 rows', () => {
  it('reads date, 带班领导, 值班人员 and phone', () => {
    expect(parseDutyLine(['10月5日', '张县长', '李明、王芳', '0371-1234567'], ctx)).toEqual({
      date: '2026-10-05',
      leaderName: '张县长',
      staff: '李明、王芳',
      phone: '0371-1234567',
    });
  });
  it('names the row and the field when a row is wrong', () => {
    expect(() => parseDutyTable('日期\t带班领导\t值班人员\t电话\n10月5日\t张县长\t李明\n10月36日\t张县长\t王芳', ctx)).toThrow(/第 3 行：值班日期「10月36日」/);
    expect(() => parseDutyTable('10月5日 张县长', ctx)).toThrow(/第 1 行：值班安排需写明/);
    expect(() => parseDutyLine(['10月5日', '张县长', '李明', '电话打不通'], ctx)).toThrow(/值班电话/);
  });
  it('skips a header line and reads tab-separated rows copied from a spreadsheet', () => {
    const rows = parseDutyTable('日期\t带班领导\t值班人员\t电话\n10月5日\t张县长\t李明\t123456\n2026-10-06\t吴副县长\t王芳\t', ctx);
    expect(rows.map((r) => r.date)).toEqual(['2026-10-05', '2026-10-06']);
  });
});
