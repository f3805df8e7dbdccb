import { describe, expect, it } from 'vitest';
import { markdownContents } from '../../../../../test/support/cards.js';
import { parseListFilter } from '../commands/desk.js';
import { planTemplateFile, tableRows } from '../domain/template-file.js';
import { parseCsv } from '../template-grid.js';
import { presentHolders, presentReviewerDigest, MAX_LINES } from './desk.js';
import type { DraftLine } from './lines.js';
import { holderEscalation, holderNudge, superiorNotice } from './reminders.js';

const line = (i: number, o: Partial<DraftLine> = {}): DraftLine => ({
  number: `审〔2026〕${i}号`,
  title: `稿件${i}`,
  kind: 'general',
  urgency: 'normal',
  label: '科长',
  holderName: '李科长',
  dwellMinutes: 100,
  overdue: false,
  ...o,
});

describe('desk presenters', () => {
  it('escape what people typed: a title cannot inject markup', () => {
    const card = presentReviewerDigest('李科长', [line(1, { title: '<at id=all></at>[点我](http://x)' })], 390);
    const text = markdownContents(card).join('\n');
    expect(text).not.toContain('<at');
    expect(text).toContain('&lt;at id=all&gt;&lt;/at&gt;&#91;点我&#93;(http://x)');
  });

  it('a long desk is cut at the card’s limit and the rest counted', () => {
    const many = Array.from({ length: MAX_LINES + 7 }, (_, i) => line(i));
    expect(markdownContents(presentReviewerDigest('李科长', many, 390)).join('\n')).toContain('另有 7 份未列出');
    const groups = Array.from({ length: 60 }, (_, g) => ({ holderName: `审核人${g}`, label: '科长', lines: [line(g)], longest: 100 }));
    expect(markdownContents(presentHolders(groups, 60, 390, '')).join('\n')).toContain(`另有 ${60 - MAX_LINES} 人手中的文稿未列出`);
  });

  it('reminders say what, where, how long and the limit, in working time', () => {
    const f = {
      number: '审〔2026〕3号',
      title: '关于\n做好工作的通知',
      urgency: 'urgent',
      label: '科长',
      holderName: '李科长',
      heldMinutes: 390,
      limitMinutes: 390,
      dayMinutes: 390,
    };
    expect(holderNudge(f)).toBe('【文稿审核提醒】审〔2026〕3号《关于 做好工作的通知》（加急）已送达您处1个工作日，已到审核时限（1个工作日），请及时审核。');
    expect(superiorNotice({ ...f, heldMinutes: 780 })).toContain('已送达李科长（科长）处2个工作日，已超过审核时限（1个工作日）一倍');
    const urgent = { ...f, urgency: 'extra_urgent', heldMinutes: 240, limitMinutes: 240 };
    expect(holderNudge(urgent)).toContain('已送达您处4个工作小时，已到审核时限（4个工作小时）');
    expect(holderEscalation({ ...urgent, heldMinutes: 510, superiorName: '王副主任' })).toContain(
      '已送达您处8个工作小时30分钟，已超过审核时限（4个工作小时）一倍，已同时告知王副主任',
    );
  });
});

describe('审核 列表 filters', () => {
  it('reads kinds, urgencies, 超时 and 本单位 in any order', () => {
    expect(parseListFilter(['超时', '规范性文件', '特急'])).toEqual({ kind: 'normative', urgency: 'extra_urgent', overdue: true, ownUnit: false });
    expect(parseListFilter(['本单位'])).toEqual({ overdue: false, ownUnit: true });
    expect(() => parseListFilter(['很急'])).toThrow(/无法识别筛选条件「很急」/);
  });
});

describe('the chain file', () => {
  it('finds the header, reads quoted cells, and checks every row before anything is written', () => {
    const rows = tableRows(parseCsv('说明：每行一类\r\n种类,流程\r\n讲话稿,"科长, 分管副主任, 主任, 领导审定"\r\n\r\n会议纪要,科长 → 主任\r\n'));
    expect(rows).toEqual([
      { rowNumber: 3, kind: '讲话稿', chain: '科长, 分管副主任, 主任, 领导审定' },
      // Row numbers are the file's lines (the blank line 4 counts), as the admin's editor shows them.
      { rowNumber: 5, kind: '会议纪要', chain: '科长 → 主任' },
    ]);
    const plan = planTemplateFile(rows as Exclude<typeof rows, string>, []);
    expect(plan.ok && plan.changes.map((c) => [c.kind, c.steps.map((s) => s.role)])).toEqual([
      ['speech', ['section_chief', 'deputy_director', 'director', 'leader']],
      ['minutes', ['section_chief', 'director']],
    ]);
    expect(
      planTemplateFile(
        [
          { rowNumber: 2, kind: '讲话稿', chain: '科长' },
          { rowNumber: 3, kind: '讲话', chain: '主任' },
        ],
        [],
      ),
    ).toEqual({
      ok: false,
      problems: ['第 3 行：「讲话」与第 2 行重复。'],
    });
    expect(tableRows(parseCsv('a,b\r\n1,2\r\n'))).toMatch(/未找到表头「种类」「流程」/);
  });
});
