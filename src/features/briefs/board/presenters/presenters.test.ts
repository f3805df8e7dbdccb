import { describe, expect, it } from 'vitest';
import { markdownContents } from '../../../../../test/support/cards.js';
import { expectNoCodes } from '../../../../../test/support/no-codes.js';
import type { BoardLine } from '../domain/board.js';
import { nudgeText, ownUnitText, presentBoard, presentMonth } from './board-card.js';

const line = (unit: string, status: BoardLine['status'], o: Partial<BoardLine> = {}): BoardLine => ({
  unitId: unit,
  unit,
  status,
  notes: 0,
  late: false,
  nudged: false,
  ...o,
});

describe('board presenters', () => {
  const lines = [
    line('城关镇', 'reported', { notes: 2 }),
    line('县教育局', 'reported', { notes: 1, late: true, nudged: true }),
    line('县卫生健康局', 'zero'),
    line('县交通运输局', 'missed', { nudged: true }),
    line('县水利局', 'unreported'),
  ];

  it('the daily board: totals first, then each status with its units', () => {
    const card = presentBoard({ date: '2026-12-01', working: true, lines });
    expect(card).toMatchSnapshot();
    const text = markdownContents(card).join('\n');
    expect(text).toContain('应报 **5** 个单位：已报送 2，零报告 1，未报送 1，漏报 1；共报送信息 3 条。');
    expect(text).toContain('城关镇（2条）、县教育局（1条）（迟报）');
    expectNoCodes(text);
  });

  it('a day off and an office without liaisons say so', () => {
    expect(markdownContents(presentBoard({ date: '2026-12-05', working: false, lines })).join('')).toBe('今天不是工作日，无需报送。');
    expect(markdownContents(presentBoard({ date: '2026-12-01', working: true, lines: [] })).join('')).toContain('尚未登记信息联络员');
  });

  it('escapes what people typed: a unit name cannot inject markup', () => {
    const text = markdownContents(presentBoard({ date: '2026-12-01', working: true, lines: [line('<at id=all></at>[点我](http://x)', 'unreported')] })).join(
      '\n',
    );
    expect(text).not.toContain('<at');
    expect(text).not.toContain('[点我]');
  });

  it('the month per unit', () => {
    const card = presentMonth('2026-12', [
      { unitId: 'a', unit: '城关镇', due: 3, reported: 2, zero: 1, missed: 0, late: 1, notes: 4 },
      { unitId: 'b', unit: '县交通运输局', due: 3, reported: 1, zero: 0, missed: 2, late: 0, notes: 1 },
    ]);
    expect(card).toMatchSnapshot();
    const text = markdownContents(card).join('\n');
    expect(text).toContain('共 2 个单位，1 个单位有漏报。');
    expectNoCodes(text);
  });

  it('the nudge and a liaison’s own line', () => {
    expect(nudgeText('县水利局', '2026-12-01', 17 * 60 + 30)).toMatchSnapshot();
    expect(ownUnitText(line('城关镇', 'reported', { notes: 2, late: true }), '2026-12-01')).toBe('城关镇12月1日（周二）：已报送，共2条（迟报）。');
    expect(ownUnitText(line('县水利局', 'unreported'), '2026-12-01')).toBe(
      '县水利局12月1日（周二）：未报送。请发送「信息 报送 <正文>」报送，无信息可报请发送「信息 零报告」。',
    );
    expect(ownUnitText(line('县卫生健康局', 'zero'), '2026-12-01')).toBe('县卫生健康局12月1日（周二）：零报告。');
    expect(ownUnitText(undefined, '2026-12-01')).toContain('未列入每日信息报送');
  });
});
