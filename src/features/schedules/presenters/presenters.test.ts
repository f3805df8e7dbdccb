import { describe, expect, it } from 'vitest';
import type { Entry } from '../domain/entry.js';
import { presentConfirmCard } from './confirm-card.js';
import { presentEntryCard } from './entry-card.js';
import { presentScheduleCard } from './schedule-card.js';

const fields = {
  leaderId: 'L1',
  date: '2026-12-08',
  dayPart: 'exact' as const,
  startMinute: 540,
  endMinute: 690,
  activity: '主持召开县政府常务会议 <at id=all></at>',
  place: '三楼会议室',
  accompany: '',
  attendees: '',
  contact: '王晓明',
  visibility: 'internal' as const,
  status: 'confirmed' as const,
  source: 'manual' as const,
  backfilled: false,
  remindMinutes: null,
};
const leader = { id: 'L1', name: '张伟', title: '县长' };

describe('日程 presenters', () => {
  it('the confirmation card: what was understood, the clash, 仍然保存 only with a clash; typed text escaped', () => {
    const card = presentConfirmCard({
      proposalId: 'p1',
      kind: 'add',
      fields,
      leader,
      dateText: '12月8日（周二）',
      notes: ['3点按下午3点'],
      changes: [],
      conflicts: [{ kind: 'place', leader: { name: '李强', title: '副县长' }, text: '上午10:00-11:00 公务活动', place: '三楼会议室' }],
    });
    expect(card).toMatchSnapshot();
    const text = JSON.stringify(card);
    expect(text).not.toContain('<at id=all>');
    expect(text).toContain('仍然保存');
    expect(
      JSON.stringify(presentConfirmCard({ proposalId: 'p1', kind: 'add', fields, leader, dateText: '12月8日（周二）', notes: [], changes: [], conflicts: [] })),
    ).not.toContain('仍然保存');
  });

  it('an entry card offers 确认日程 only for 拟定, nothing for a cancelled one', () => {
    const entry: Entry = { ...fields, id: 'e1', version: 3, createdBy: 'ou', calendarEventId: '' };
    const labels = (e: Entry) =>
      [...JSON.stringify(presentEntryCard(e, leader, '12月8日（周二）')).matchAll(/"tag":"button","text":\{"tag":"plain_text","content":"([^"]+)"/g)].map(
        (m) => m[1],
      );
    expect(labels({ ...entry, status: 'draft' })).toEqual(['确认日程', '修改', '取消日程']);
    expect(labels(entry)).toEqual(['修改', '取消日程']);
    expect(labels({ ...entry, status: 'cancelled' })).toEqual([]);
  });

  it('the week card: 在单位办公 on a working day, 外出 instead, only leaders with something on a day off', () => {
    const card = presentScheduleCard({
      title: '领导日程 · 本周',
      days: [
        { date: '2026-12-07', label: '12月7日（周一）', working: true },
        { date: '2026-12-12', label: '12月12日（周六）', working: false },
      ],
      leaders: [
        { leader, lines: { '2026-12-07': ['上午9:00 开会'] }, away: {} },
        { leader: { id: 'L2', name: '李强', title: '副县长' }, lines: {}, away: { '2026-12-07': '北京（12月7日）' } },
        { leader: { id: 'L3', name: '周敏', title: '副县长' }, lines: {}, away: {} },
      ],
    });
    const text = JSON.stringify(card);
    expect(text).toContain('**张伟（县长）**\\n- 上午9:00 开会');
    expect(text).toContain('**李强（副县长）**　外出：北京（12月7日）');
    expect(text).toContain('**周敏（副县长）**　在单位办公');
    expect(text).toContain("**12月12日（周六）**　<font color='grey'>休息日</font>\\n无安排。");
  });

  it('the week card: a leader whose entries of a day are all hidden reads 另有公务安排 (not 在单位办公)', () => {
    const card = presentScheduleCard({
      title: '领导日程 · 本周',
      days: [{ date: '2026-12-07', label: '12月7日（周一）', working: true }],
      leaders: [
        { leader, lines: {}, away: {}, hidden: { '2026-12-07': true } },
        { leader: { id: 'L3', name: '周敏', title: '副县长' }, lines: {}, away: {} },
      ],
    });
    const text = JSON.stringify(card);
    expect(text).toContain('**张伟（县长）**　另有公务安排');
    expect(text).not.toContain('**张伟（县长）**　在单位办公');
    expect(text).toContain('**周敏（副县长）**　在单位办公');
  });
});
