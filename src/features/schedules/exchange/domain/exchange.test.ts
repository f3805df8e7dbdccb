import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../../../platform/calendar/work-calendar.js';
import type { Directory, DirPerson } from '../../../org/index.js';
import { importConflictKeys } from './conflict-keys.js';
import { importConflicts, type ConflictEntry } from './conflicts.js';
import { readRows, type RowContext } from './rows.js';
import { formatProblems, gridFromPaste, readTable, type Grid } from './table.js';

const person = (id: string, name: string, title: string, roles: string[] = ['leader']): DirPerson => ({
  id,
  name,
  openId: null,
  unitId: null,
  title,
  roles,
  inChargeOf: [],
});
const directory: Directory = {
  units: [],
  people: [person('p-zhang', '张伟', '县长'), person('p-li', '李强', '副县长'), person('p-wang', '王晓明', '', ['secretary'])],
};
const ctx = (mayKeep: (l: DirPerson) => boolean = () => true): RowContext => ({ today: '2026-12-07', calendar: new WorkCalendar(), directory, mayKeep });
const grid = (...rows: string[][]): Grid => ({ rows: rows.map((cells, i) => ({ rowNumber: i + 1, cells })) });

describe('weekly table: header', () => {
  it('finds the header under a title row and ignores 序号 and 星期', () => {
    const t = readTable(grid(['领导一周工作安排'], ['序号', '日期', '星期', '时间', '领导', '活动内容'], ['1', '12月8日', '周二', '上午', '张县长', '调研']));
    expect(t).toMatchObject({
      ok: true,
      headerRow: 2,
      rows: [{ rowNumber: 3, values: { date: '12月8日', time: '上午', leader: '张县长', activity: '调研' } }],
    });
  });

  it('names missing required columns and unknown headers', () => {
    const t = readTable(grid(['日期', '时段', '事项', '备忘']));
    expect(t.ok).toBe(false);
    const text = formatProblems(t.ok ? [] : t.problems);
    expect(text).toContain('表头缺少必填列「领导」');
    expect(text).toContain('第1行表头「备忘」不是本表的列');
  });

  it('refuses an empty table and one without a header', () => {
    expect(readTable(grid(['日期', '时间', '领导', '活动内容']))).toMatchObject({ ok: false, problems: [{ message: expect.stringContaining('没有日程') }] });
    expect(readTable(grid(['a', 'b']))).toMatchObject({ ok: false, problems: [{ message: expect.stringContaining('未找到表头') }] });
  });
});

describe('weekly table: pasted text', () => {
  it('splits tabs (from Excel), bars and wide spaces', () => {
    expect(gridFromPaste('日期\t时间\n12月8日\t上午').rows.map((r) => r.cells)).toEqual([
      ['日期', '时间'],
      ['12月8日', '上午'],
    ]);
    expect(gridFromPaste('| 日期 | 时间 |\n\n| 12月8日 | 9:00 |').rows).toEqual([
      { rowNumber: 1, cells: ['日期', '时间'] },
      { rowNumber: 3, cells: ['12月8日', '9:00'] },
    ]);
    expect(gridFromPaste('日期  时间　领导').rows[0]!.cells).toEqual(['日期', '时间', '领导']);
  });
});

describe('weekly table: rows', () => {
  const table = (...rows: Record<string, string>[]) => {
    const t = readTable(
      grid(['日期', '时间', '领导', '活动内容', '公开范围', '状态'], ...rows.map((r) => [r.d ?? '', r.t ?? '', r.l ?? '', r.a ?? '', r.v ?? '', r.s ?? ''])),
    );
    if (!t.ok) throw new Error(JSON.stringify(t.problems));
    return t.rows;
  };

  it('reads times, parts of the day, visibility and status; a past day is 补录', () => {
    const { drafts, problems } = readRows(
      table({ d: '2026-12-08', t: '9:00-11:30', l: '张县长', a: '常务会议' }, { d: '12月4日', t: '全天', l: '李强', a: '调研', v: '不公开', s: '拟定' }),
      ctx(),
    );
    expect(problems).toEqual([]);
    expect(drafts.map((d) => [d.row, d.leaderId, d.date, d.dayPart, d.startMinute, d.endMinute, d.visibility, d.status, d.backfilled])).toEqual([
      [2, 'p-zhang', '2026-12-08', 'exact', 540, 690, 'internal', 'confirmed', false],
      [3, 'p-li', '2026-12-04', 'all_day', null, null, 'private', 'draft', true],
    ]);
  });

  it('a past day is 补录 whatever the activity says; a 补录 note written into the activity is not kept twice', () => {
    const { drafts } = readRows(
      table(
        { d: '12月4日', t: '下午', l: '张县长', a: '检查安全生产（补录）' },
        { d: '12月3日', t: '上午', l: '张县长', a: '调研 补录' },
        { d: '12月8日', t: '上午', l: '张县长', a: '接待（补录）' },
        { d: '2026-12-07', t: '上午', l: '张县长', a: '今天的会' },
      ),
      ctx(),
    );
    expect(drafts.map((d) => [d.row, d.activity, d.backfilled])).toEqual([
      [2, '检查安全生产', true],
      [3, '调研', true],
      // Not past: what was written stays, and it is no 补录.
      [4, '接待（补录）', false],
      // Today is not past.
      [5, '今天的会', false],
    ]);
  });

  it('names every bad row and field: 25:00, an end before the start, an unknown or not-kept leader, a missing activity', () => {
    const { drafts, problems } = readRows(
      table(
        { d: '12月8日', t: '25:00', l: '张县长', a: '接待' },
        { d: '12月8日', t: '15:00-14:00', l: '张县长', a: '接待' },
        { d: '12月32日', t: '上午', l: '钱县长', a: '' },
        { d: '12月9日', t: '上午', l: '李强', a: '督导' },
      ),
      ctx((l) => l.id === 'p-zhang'),
    );
    expect(drafts).toEqual([]);
    const lines = problems.map((p) => `${p.row}/${p.field}`);
    expect(lines).toEqual(['2/时间', '3/时间', '4/日期', '4/领导', '4/活动内容', '5/领导']);
    expect(problems[0]!.message).toMatch(/^第2行「时间」：时间「25:00」不是有效时间/);
    expect(problems[5]!.message).toContain('您不是李强的秘书');
  });

  it('flags the same leader twice at once and one place booked twice, against saved entries too', () => {
    const base = { status: 'confirmed' as const, startMinute: null, endMinute: null, accompany: '', attendees: '', visibility: 'internal' as const };
    const lines = importConflicts(
      [
        { ...base, id: 'r2', label: '第2行', leaderId: 'p-zhang', date: '2026-12-08', dayPart: 'morning', place: '三楼会议室', activity: 'A' },
        {
          ...base,
          id: 'r3',
          label: '第3行',
          leaderId: 'p-zhang',
          date: '2026-12-08',
          dayPart: 'exact',
          startMinute: 600,
          endMinute: 660,
          place: '',
          activity: 'B',
        },
      ],
      [
        {
          ...base,
          id: 'e1',
          label: '已有日程',
          leaderId: 'p-li',
          date: '2026-12-08',
          dayPart: 'exact',
          startMinute: 540,
          endMinute: 600,
          place: '三楼 会议室',
          activity: 'C',
        },
      ],
      (id) => directory.people.find((p) => p.id === id)!.name,
      '2026-12-07',
      () => 'internal',
    );
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^张伟时间冲突 — 第2行：.*；第3行：/);
    expect(lines[1]).toMatch(/^「三楼会议室」同时段重复使用 — 第2行：.*；已有日程：.*李强 C$/);
  });

  it('shows a saved entry as the reader of the card may see it; the rows as the importer wrote them', () => {
    const base = {
      status: 'confirmed' as const,
      dayPart: 'exact' as const,
      startMinute: 540,
      endMinute: 600,
      accompany: '',
      attendees: '',
      date: '2026-12-08',
    };
    const row = { ...base, id: 'r2', label: '第2行', leaderId: 'p-zhang', place: '三楼会议室', activity: '听取汇报', visibility: 'private' as const };
    const saved = (visibility: 'public' | 'internal' | 'private', leaderId = 'p-li') => ({
      ...base,
      id: `e-${visibility}`,
      label: '已有日程',
      leaderId,
      place: '三楼会议室',
      activity: `约谈企业负责人（${visibility}）`,
      visibility,
    });
    const name = (id: string) => directory.people.find((p) => p.id === id)!.name;
    const run = (reader: (leaderId: string) => 'keeper' | 'internal' | 'external', ...others: ReturnType<typeof saved>[]) =>
      importConflicts([row], others, name, '2026-12-07', reader).join('\n');
    // 不公开: 公务活动 to anyone but its keepers, the importer's own 不公开 row as written.
    const privately = run(() => 'internal', saved('private'));
    expect(privately).toContain('第2行：12月8日（周二） 09:00-10:00 张伟 听取汇报');
    expect(privately).toContain('已有日程：12月8日（周二） 09:00-10:00 李强 公务活动');
    expect(privately).not.toContain('约谈企业负责人');
    expect(run((l) => (l === 'p-li' ? 'keeper' : 'internal'), saved('private'))).toContain('李强 约谈企业负责人（private）');
    // 内部: in full inside, not at all outside (only that the room is taken).
    expect(run(() => 'internal', saved('internal'))).toContain('李强 约谈企业负责人（internal）');
    const outside = run(() => 'external', saved('internal'), saved('public'));
    expect(outside).toContain('李强 另有安排');
    expect(outside).not.toContain('约谈企业负责人（internal）');
    expect(outside).toContain('李强 约谈企业负责人（public）');
  });

  it('keys each conflicting pair stably, in the order the lines are listed', () => {
    const at = (id: string, leaderId: string, startMinute: number, place: string): ConflictEntry => ({
      id,
      label: id,
      leaderId,
      date: '2026-12-08',
      dayPart: 'exact',
      startMinute,
      endMinute: startMinute + 60,
      place,
      status: 'confirmed',
      activity: 'x',
      accompany: '',
      attendees: '',
      visibility: 'internal',
    });
    const rows = [at('row-2', 'p-zhang', 540, '三楼会议室'), at('row-3', 'p-zhang', 570, '')];
    expect(importConflictKeys(rows, [at('e1', 'p-li', 540, '三楼会议室'), { ...at('e2', 'p-li', 540, '三楼会议室'), status: 'cancelled' }])).toEqual([
      'leader:row-2:row-3',
      'place:row-2:e1',
    ]);
    expect(importConflictKeys([rows[1]!], [])).toEqual([]);
  });
});
