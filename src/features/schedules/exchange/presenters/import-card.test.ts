import { describe, expect, it } from 'vitest';
import { buttonLabels, buttonValue, cardText } from '../../../../../test/support/cards.js';
import type { ImportDraft } from '../domain/rows.js';
import { IMPORT_CONFIRM, presentImportCard, presentImportDone } from './import-card.js';

const draft = (row: number, over: Partial<ImportDraft> = {}): ImportDraft => ({
  row,
  leaderId: 'p-zhang',
  leaderName: '张伟',
  date: '2026-12-08',
  dayPart: 'exact',
  startMinute: 540,
  endMinute: 690,
  activity: '主持召开县政府常务会议',
  place: '三楼会议室',
  accompany: '',
  attendees: '',
  contact: '',
  visibility: 'internal',
  status: 'confirmed',
  backfilled: false,
  ...over,
});

describe('import confirmation card', () => {
  it('lists every row with its marks and carries only the proposal id', () => {
    const card = presentImportCard({
      proposalId: 'prop-1',
      sourceName: '文件「领导一周工作安排.xlsx」',
      drafts: [
        draft(3),
        draft(4, {
          date: '2026-12-04',
          dayPart: 'afternoon',
          startMinute: null,
          endMinute: null,
          status: 'draft',
          backfilled: true,
          visibility: 'private',
          place: '',
        }),
      ],
      conflicts: [],
      today: '2026-12-07',
    });
    expect(card).toMatchSnapshot();
    expect(buttonLabels(card)).toEqual(['确认导入', '取消']);
    expect(buttonValue(card, '确认导入')).toEqual({ a: IMPORT_CONFIRM, p: 'prop-1' });
    expect(cardText(card)).toContain('4. 12月4日（周五） 下午　**张伟**　主持召开县政府常务会议（拟定，补录，不公开）');
    expect(cardText(card)).toContain('**补录 1 条**：第4行的日期已过，确认导入即按补录保存');
    expect(cardText(card)).not.toContain('均已过');
  });

  it('past rows are listed as 补录 by row number, also past the first 40 lines; a table of only past days is questioned', () => {
    const many = Array.from({ length: 45 }, (_, i) => draft(i + 3));
    many[43] = draft(46, { date: '2026-12-03', backfilled: true });
    const text = cardText(presentImportCard({ proposalId: 'p', sourceName: '粘贴的表格', drafts: many, conflicts: [], today: '2026-12-07' }));
    expect(text).toContain('另有 5 条');
    expect(text).toContain('**补录 1 条**：第46行的日期已过');
    const past = [draft(3, { date: '2026-12-01', backfilled: true }), draft(4, { date: '2026-12-02', backfilled: true })];
    const allPast = cardText(presentImportCard({ proposalId: 'p', sourceName: '粘贴的表格', drafts: past, conflicts: [], today: '2026-12-07' }));
    expect(allPast).toContain('**补录 2 条**：第3行、第4行的日期已过');
    expect(allPast).toContain('本表所有日程的日期均已过，请核对是否选错了表格。');
    const done = cardText(presentImportDone({ sourceName: '粘贴的表格', count: 2, outcome: 'saved', backfilledRows: [3, 4] }));
    expect(done).toContain('其中补录 2 条（第3行、第4行）');
  });

  it('with conflicts: an orange card, and the button says it saves anyway', () => {
    const card = presentImportCard({
      proposalId: 'p',
      sourceName: '粘贴的表格',
      drafts: [draft(2)],
      conflicts: ['张伟时间冲突 — 第2行；已有日程'],
      today: '2026-12-07',
    });
    expect(card.header?.template).toBe('orange');
    expect(buttonLabels(card)).toEqual(['仍然确认导入', '取消']);
    expect(cardText(card)).toContain('发现 1 处冲突');
  });

  it('user text cannot inject markup', () => {
    const card = presentImportCard({
      proposalId: 'p',
      sourceName: '粘贴的表格',
      drafts: [draft(2, { activity: '<at id=all></at>[链接](http://x)' })],
      conflicts: [],
      today: '2026-12-07',
    });
    expect(cardText(card)).not.toContain('<at id=all>');
    expect(cardText(presentImportDone({ sourceName: 'x', count: 2, outcome: 'saved', byName: '王晓明' }))).toContain('已导入 **2** 条日程');
  });
});
