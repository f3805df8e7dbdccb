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
