import { describe, expect, it } from 'vitest';
import type { Entry } from '../../domain/entry.js';
import { correctionText, dayFor, movedTo, reminderDueMs, visibleEntry } from './day.js';

const entry = (over: Partial<Entry>): Entry => ({
  id: 'e1',
  version: 0,
  createdBy: 't',
  calendarEventId: '',
  leaderId: 'L1',
  date: '2026-12-01',
  dayPart: 'exact',
  startMinute: 15 * 60,
  endMinute: 17 * 60,
  activity: '听取汇报',
  place: '三楼会议室',
  accompany: '',
  attendees: '',
  contact: '',
  visibility: 'public',
  status: 'confirmed',
  source: 'manual',
  backfilled: false,
  remindMinutes: null,
  ...over,
});

const leaders = [
  { id: 'L1', name: '张县长', title: '县长' },
  { id: 'L2', name: '李副县长', title: '副县长' },
];

describe('a group’s view of the day', () => {
  it('keeps the leaders’ order, sorts by time, leaves out cancelled and hidden entries, and shows 外出', () => {
    const entries = [
      entry({ id: 'b', startMinute: 15 * 60 }),
      entry({ id: 'a', startMinute: 9 * 60, endMinute: 11 * 60 + 30, activity: '常务会议' }),
      entry({ id: 'c', startMinute: 10 * 60, status: 'cancelled', activity: '已取消的' }),
      entry({ id: 'd', startMinute: 16 * 60, visibility: 'internal', activity: '内部会' }),
    ];
    const away = [{ leaderId: 'L2', startDate: '2026-11-30', endDate: '2026-12-02', destination: '省城' }];
    const outside = dayFor('2026-12-01', leaders, entries, away, 'external');
    expect(outside.map((d) => d.leader.name)).toEqual(['张县长', '李副县长']);
    expect(outside[0]!.entries.map((e) => e.activity)).toEqual(['常务会议', '听取汇报']);
    expect(outside[1]!.entries).toEqual([]);
    expect(outside[1]!.away?.destination).toBe('省城');
    expect(dayFor('2026-12-01', leaders, entries, [], 'internal')[0]!.entries.map((e) => e.activity)).toEqual(['常务会议', '听取汇报', '内部会']);
  });
});

describe('the correction after a change', () => {
  const v = (e: Entry) => visibleEntry(e, 'internal');
  it('says the old time and the new one, the way the office writes it', () => {
    expect(correctionText('张县长', v(entry({})), v(entry({ startMinute: 16 * 60, endMinute: 17 * 60 })))).toBe(
      '【日程变更】张县长 下午3:00-5:00 听取汇报，改为 4:00-5:00',
    );
  });
  it('names a new place, a cancellation, an addition and a confirmation', () => {
    expect(correctionText('张县长', v(entry({})), v(entry({ place: '县委党校' })))).toBe('【日程变更】张县长 下午3:00-5:00 听取汇报，地点改在县委党校');
    expect(correctionText('张县长', v(entry({})), null)).toBe('【日程变更】张县长 下午3:00-5:00 听取汇报，已取消');
    expect(correctionText('张县长', null, v(entry({})))).toBe('【日程变更】张县长 新增：下午3:00-5:00 听取汇报（地点：三楼会议室）');
    expect(correctionText('张县长', v(entry({ status: 'draft' })), v(entry({})))).toBe('【日程变更】张县长 下午3:00-5:00 听取汇报，已确定');
  });
  it('says nothing where the entry was never shown, and 公务活动 for a 不公开 one', () => {
    const hidden = entry({ visibility: 'internal' });
    expect(correctionText('张县长', visibleEntry(hidden, 'external'), visibleEntry({ ...hidden, startMinute: 16 * 60 }, 'external'))).toBe('');
    const secret = entry({ visibility: 'private' });
    expect(correctionText('张县长', visibleEntry(secret, 'external'), visibleEntry({ ...secret, startMinute: 16 * 60 }, 'external'))).toBe(
      '【日程变更】张县长 下午3:00-5:00 公务活动，改为 4:00-5:00',
    );
  });
});

describe('the correction when the part of the day or the day changes', () => {
  const v = (e: Entry) => visibleEntry(e, 'internal');
  const part = (dayPart: Entry['dayPart']) => entry({ dayPart, startMinute: null, endMinute: null });
  it('writes the new part of the day in full (never an empty 「改为 」)', () => {
    expect(correctionText('张县长', v(entry({})), v(part('afternoon')))).toBe('【日程变更】张县长 下午3:00-5:00 听取汇报，改为 下午');
    expect(correctionText('张县长', v(part('morning')), v(part('afternoon')))).toBe('【日程变更】张县长 上午 听取汇报，改为 下午');
    expect(correctionText('张县长', v(part('morning')), v(part('all_day')))).toBe('【日程变更】张县长 上午 听取汇报，改为 全天');
    expect(correctionText('张县长', v(part('afternoon')), v(entry({})))).toBe('【日程变更】张县长 下午 听取汇报，改为 下午3:00-5:00');
    expect(correctionText('张县长', v(entry({ startMinute: 9 * 60, endMinute: 10 * 60 })), v(entry({})))).toBe(
      '【日程变更】张县长 上午9:00-10:00 听取汇报，改为 下午3:00-5:00',
    );
  });
  it('an entry moved to another day is announced as moved there, not cancelled', () => {
    const before = entry({});
    const after = entry({ date: '2026-12-03', version: 1 });
    const moved = movedTo('2026-12-01', { before, after }, 'internal');
    expect(moved).toEqual({ date: '2026-12-03', entry: v(after) });
    expect(correctionText('张县长', v(before), null, moved)).toBe('【日程变更】张县长 下午3:00-5:00 听取汇报，改至12月3日（周四）下午3:00-5:00');
    // Cancelled, or still today: no move.
    expect(movedTo('2026-12-01', { before, after: { ...after, status: 'cancelled' } }, 'internal')).toBeUndefined();
    expect(movedTo('2026-12-01', { before, after: { ...before, startMinute: 16 * 60 } }, 'internal')).toBeUndefined();
    // Moved and made 内部: a group outside is told only that it left the day.
    const hidden = movedTo('2026-12-01', { before, after: { ...after, visibility: 'internal' } }, 'external');
    expect(correctionText('张县长', visibleEntry(before, 'external'), null, hidden)).toBe('【日程变更】张县长 下午3:00-5:00 听取汇报，改至其他日期');
  });
});

describe('reminder times', () => {
  const at = (date: string, minute: number) => Date.parse(`${date}T00:00:00+08:00`) + minute * 60_000;
  it('is the start less the entry’s own minutes or the default; none for a part of the day or a cancelled entry', () => {
    expect(reminderDueMs(entry({}), 30, at)).toBe(at('2026-12-01', 14 * 60 + 30));
    expect(reminderDueMs(entry({ remindMinutes: 60 }), 30, at)).toBe(at('2026-12-01', 14 * 60));
    expect(reminderDueMs(entry({ dayPart: 'afternoon', startMinute: null }), 30, at)).toBeUndefined();
    expect(reminderDueMs(entry({ status: 'cancelled' }), 30, at)).toBeUndefined();
  });
});
