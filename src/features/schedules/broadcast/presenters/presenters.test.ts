import { describe, expect, it } from 'vitest';
import type { Entry } from '../../domain/entry.js';
import { dayFor } from '../domain/day.js';
import { presentDayCard, presentDutyCard } from './day-card.js';
import { draftNotice, presentPreview, reminderText } from './preview.js';
import { visibleEntry } from '../domain/day.js';

const entry = (over: Partial<Entry>): Entry => ({
  id: 'e1',
  version: 0,
  createdBy: 't',
  calendarEventId: '',
  leaderId: 'L1',
  date: '2026-12-01',
  dayPart: 'exact',
  startMinute: 9 * 60,
  endMinute: 11 * 60 + 30,
  activity: '主持召开县政府常务会议',
  place: '三楼会议室',
  accompany: '李秘书',
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
  { id: 'L3', name: '王副县长', title: '副县长' },
];
const entries = [entry({}), entry({ id: 'e2', startMinute: 15 * 60, endMinute: null, activity: '约谈', visibility: 'private', status: 'draft' })];
const away = [{ leaderId: 'L3', startDate: '2026-11-30', endDate: '2026-12-02', destination: '省城', reason: '参加全省工作会议' }];

describe('the broadcast side’s cards', () => {
  it('the morning card: leaders in order, 在单位办公, 外出 with dates, 不公开 as 公务活动, drafts marked', () => {
    const card = presentDayCard({ date: '2026-12-01', days: dayFor('2026-12-01', leaders, entries, away, 'external'), catchUp: false });
    expect(card).toMatchSnapshot();
  });
  it('a leader whose entries are all hidden from the group reads 另有公务安排, not 在单位办公', () => {
    const inner = [entry({ leaderId: 'L2', visibility: 'internal', activity: '研究人事事项' }), entry({ id: 'e3', leaderId: 'L1', status: 'cancelled' })];
    const outside = JSON.stringify(presentDayCard({ date: '2026-12-01', days: dayFor('2026-12-01', leaders, inner, [], 'external'), catchUp: false }));
    expect(outside).toContain('**李副县长** 副县长\\n- 另有公务安排');
    expect(outside).not.toContain('研究人事事项');
    // A cancelled entry hides nothing: 张县长 (only a cancelled one) and 王副县长 (none) are 在单位办公.
    expect(outside).toContain('**张县长** 县长\\n- 在单位办公');
    expect(outside).toContain('**王副县长** 副县长\\n- 在单位办公');
    const inside = JSON.stringify(presentDayCard({ date: '2026-12-01', days: dayFor('2026-12-01', leaders, inner, [], 'internal'), catchUp: false }));
    expect(inside).toContain('研究人事事项');
    expect(inside).not.toContain('另有公务安排');
  });
  it('marked 补发 and 已更新 with the time', () => {
    const card = presentDayCard({ date: '2026-12-01', days: dayFor('2026-12-01', leaders, entries, [], 'internal'), catchUp: true, updatedAt: '13:10' });
    expect(JSON.stringify(card)).toContain('补发');
    expect(JSON.stringify(card)).toContain('已更新 13:10');
    expect(card).toMatchSnapshot();
  });
  it('今日值班, the evening preview, the draft notice and the reminder', () => {
    expect(presentDutyCard('2026-10-05', [{ leaderName: '张县长', staff: '李明、王芳', phone: '0371-1234567' }], '国庆节', false)).toMatchSnapshot();
    expect(presentPreview({ date: '2026-12-01', leaders: leaders.slice(0, 1), entries })).toMatchSnapshot();
    expect(draftNotice('2026-12-01', [{ leader: '张县长', entry: visibleEntry(entries[1]!, 'keeper')! }])).toBe(
      '12月1日（周二）日程已发送，以下日程仍为「拟定」，已在群内标注。请尽快核实后确定或修改：\n- 张县长 下午3:00 约谈',
    );
    expect(reminderText('张县长', 30, visibleEntry(entries[0]!, 'keeper')!, '2026-12-01')).toBe(
      '【日程提醒】张县长：12月1日（周二）上午9:00-11:30 主持召开县政府常务会议，30分钟后开始。\n地点：三楼会议室\n陪同：李秘书',
    );
  });
  it('the preview before a long holiday names the day it is for (not 次日 or 明早), in Chinese quotes', () => {
    // Sent on Wednesday 2026-09-30, before 国庆: the next working day is Thursday 10月8日.
    const card = presentPreview({ date: '2026-10-08', leaders: leaders.slice(0, 1), entries: entries.map((e) => ({ ...e, date: '2026-10-08' })) });
    const text = JSON.stringify(card);
    expect(text).toContain('日程预览 10月8日（周四）');
    expect(text).toContain('以下为下一个工作日10月8日（周四）的领导日程');
    expect(text).toContain('未确定的将在10月8日早上的日程中标注「拟定」');
    for (const word of ['次日', '明早', '明天']) expect(text).not.toContain(word);
    expect(text).not.toMatch(/\\"[^\\"]*[\u4e00-\u9fff]+\\"/);
  });
});
