import { describe, expect, it } from 'vitest';
import type { Entry } from '../../domain/entry.js';
import { correctionText, dayFor, reminderDueMs, visibleEntry } from './day.js';

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

describe('reminder times', () => {
  const at = (date: string, minute: number) => Date.parse(`${date}T00:00:00+08:00`) + minute * 60_000;
  it('is the start less the entry’s own minutes or the default; none for a part of the day or a cancelled entry', () => {
    expect(reminderDueMs(entry({}), 30, at)).toBe(at('2026-12-01', 14 * 60 + 30));
    expect(reminderDueMs(entry({ remindMinutes: 60 }), 30, at)).toBe(at('2026-12-01', 14 * 60));
    expect(reminderDueMs(entry({ dayPart: 'afternoon', startMinute: null }), 30, at)).toBeUndefined();
    expect(reminderDueMs(entry({ status: 'cancelled' }), 30, at)).toBeUndefined();
  });
});
