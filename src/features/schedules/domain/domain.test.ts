import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../../platform/calendar/work-calendar.js';
import { findConflicts } from './conflicts.js';
import { timeLabel, type Entry } from './entry.js';
import { understandEntry } from './input.js';
import { parseOneLine } from './one-line.js';
import { isInsider, visibleText } from './visibility.js';

const calendar = new WorkCalendar();
const ctx = { today: '2026-12-07', calendar };

const entry = (over: Partial<Entry>): Entry => ({
  id: 'e1',
  version: 0,
  createdBy: 'ou',
  calendarEventId: '',
  leaderId: 'L1',
  date: '2026-12-08',
  dayPart: 'exact',
  startMinute: 9 * 60,
  endMinute: 11 * 60 + 30,
  activity: '主持召开县政府常务会议',
  place: '三楼会议室',
  accompany: '',
  attendees: '',
  contact: '',
  visibility: 'internal',
  status: 'confirmed',
  source: 'manual',
  backfilled: false,
  remindMinutes: null,
  ...over,
});

describe('one line', () => {
  it('reads date and time together, the leader, the place and the activity', () => {
    const { leader, raw } = parseOneLine('明天上午9:00-11:30 张县长 三楼会议室 主持召开县政府常务会议', ctx);
    expect(leader).toBe('张县长');
    expect(raw).toMatchObject({ date: '明天', time: '上午9:00-11:30', place: '三楼会议室', activity: '主持召开县政府常务会议' });
    const u = understandEntry(raw, ctx);
    expect(u.fields).toMatchObject({ date: '2026-12-08', dayPart: 'exact', startMinute: 540, endMinute: 690, visibility: 'internal', status: 'confirmed' });
  });

  it('reads the date and time apart, flags and keyed parts anywhere after the leader', () => {
    const { raw } = parseOneLine('12月9日 下午 李副县长 调研 陪同:王秘书 公开 拟定', ctx);
    expect(raw).toMatchObject({ date: '12月9日', time: '下午', activity: '调研', accompany: '王秘书', visibility: '公开', status: '拟定' });
    expect(raw.place).toBeUndefined();
    expect(understandEntry(raw, ctx).fields).toMatchObject({ dayPart: 'afternoon', startMinute: null, visibility: 'public', status: 'draft' });
  });

  it('names the field of a bad time, an end before the start, a past date', () => {
    expect(() => understandEntry(parseOneLine('明天25:00 张县长 开会', ctx).raw, ctx)).toThrow(/时间「25:00」不是有效时间/);
    expect(() => understandEntry(parseOneLine('明天下午4:00-3:00 张县长 开会', ctx).raw, ctx)).toThrow(/结束时间应晚于开始时间/);
    expect(() => understandEntry(parseOneLine('2026-12-01上午 张县长 开会', ctx).raw, ctx)).toThrow(/已过/);
  });

  it('a past date is taken as 补录 when said, and marked', () => {
    const raw = { ...parseOneLine('2026-12-01 上午 张县长 开会 补录', ctx).raw };
    expect(understandEntry(raw, ctx).fields.backfilled).toBe(true);
    // Without a year, 补录 means this year's day gone by (not next year's).
    expect(understandEntry(parseOneLine('12月1日 上午 张县长 开会 补录', ctx).raw, ctx).fields).toMatchObject({ date: '2026-12-01', backfilled: true });
  });
});

describe('visibility', () => {
  it('公开 everywhere; 内部 only inside; 不公开 as 公务活动 except to keepers', () => {
    const pub = entry({ visibility: 'public' });
    const int = entry({ visibility: 'internal' });
    const pri = entry({ visibility: 'private' });
    expect(visibleText(pub, 'external')).toBe('上午9:00-11:30 主持召开县政府常务会议（地点：三楼会议室）');
    expect(visibleText(int, 'internal')).toContain('常务会议');
    expect(visibleText(int, 'external')).toBeNull();
    expect(visibleText(pri, 'internal')).toBe('上午9:00-11:30 公务活动');
    expect(visibleText(pri, 'keeper')).toContain('常务会议');
    expect(visibleText(entry({ status: 'draft' }), 'internal')).toMatch(/（拟定）$/);
    expect(visibleText(entry({ status: 'cancelled' }), 'keeper')).toBeNull();
  });

  it('inside means the office’s own people, not anyone in the directory', () => {
    expect(isInsider({ roles: ['leader'], unitKind: 'other' })).toBe(true);
    expect(isInsider({ roles: ['secretary'], unitKind: null })).toBe(true);
    expect(isInsider({ roles: ['director'], unitKind: 'other' })).toBe(true);
    expect(isInsider({ roles: [], unitKind: 'office_section' })).toBe(true);
    // A town's liaison, a department's legal reviewer, an admin of no section, someone with no unit: outside.
    expect(isInsider({ roles: ['liaison'], unitKind: 'town' })).toBe(false);
    expect(isInsider({ roles: ['legal_reviewer'], unitKind: 'department' })).toBe(false);
    expect(isInsider({ roles: ['admin'], unitKind: 'other' })).toBe(false);
    expect(isInsider({ roles: [], unitKind: null })).toBe(false);
  });
  it('time labels say the part of the day', () => {
    expect(timeLabel(entry({ startMinute: 15 * 60, endMinute: 16 * 60 }))).toBe('下午3:00-4:00');
    expect(timeLabel(entry({ startMinute: 11 * 60, endMinute: 14 * 60 }))).toBe('上午11:00-下午2:00');
    expect(timeLabel(entry({ dayPart: 'all_day', startMinute: null, endMinute: null }))).toBe('全天');
  });
});

describe('conflicts', () => {
  it('the same leader overlapping, or one place double-booked; cancelled ones hold nothing', () => {
    const a = entry({ id: 'a' });
    const sameLeader = entry({ id: 'b', startMinute: 11 * 60, endMinute: 12 * 60, place: '县委' });
    const samePlace = entry({ id: 'c', leaderId: 'L2', startMinute: 10 * 60, endMinute: 10 * 60 + 30, place: '三楼 会议室' });
    const apart = entry({ id: 'd', leaderId: 'L1', startMinute: 11 * 60 + 30, endMinute: 12 * 60 });
    const cancelled = entry({ id: 'e', status: 'cancelled' });
    const morning = entry({ id: 'f', leaderId: 'L1', dayPart: 'morning', startMinute: null, endMinute: null, place: '' });
    const found = findConflicts(a, [sameLeader, samePlace, apart, cancelled, morning, a], 'a');
    expect(found.map((c) => [c.kind, c.other.id])).toEqual([
      ['leader', 'b'],
      ['place', 'c'],
      ['leader', 'f'],
    ]);
  });
});
