import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { markdownContents } from '../../../../../test/support/cards.js';
import { expectNoCodes } from '../../../../../test/support/no-codes.js';
import { sheetXlsx } from '../../../../platform/export/sheet.js';
import { DEFAULT_SCORE_SCHEME } from '../../settings.js';
import { unitScores, writerScores, type AdoptionFact, type UnitMonth } from '../domain/scoring.js';
import { presentBulletin, presentScores } from './score-card.js';
import { SCORE_SHEET, UNIT_HEADERS, UNIT_SHEET_NAME, WRITER_HEADERS, WRITER_SHEET_NAME } from './score-sheet.js';

const month = (unitId: string, unit: string, o: Partial<UnitMonth> = {}): UnitMonth => ({
  unitId,
  unit,
  due: 20,
  reported: 20,
  zero: 0,
  missed: 0,
  late: 0,
  notes: 24,
  ...o,
});
const months = [
  month('a', '城关镇', { reported: 18, zero: 1, late: 1, missed: 1 }),
  month('b', '县教育局'),
  month('c', '县应急管理局', { reported: 15, zero: 5, notes: 15 }),
  month('d', '县<b>卫生</b>健康局', { reported: 10, zero: 7, missed: 3 }),
];
const adoptions: AdoptionFact[] = [
  { unitId: 'b', writerId: 'p1', writerName: '张三', level: 'city_daily' },
  { unitId: 'b', writerId: 'p1', writerName: '张三', level: 'instruction' },
  { unitId: 'a', writerId: 'p2', writerName: '李四', level: 'own' },
  { unitId: 'c', writerId: 'p3', writerName: '王五', level: 'province_daily' },
];
const units = unitScores(months, adoptions, DEFAULT_SCORE_SCHEME);
const writers = writerScores(adoptions, new Map(months.map((m) => [m.unitId, m.unit])), DEFAULT_SCORE_SCHEME);

describe('score presenters', () => {
  it('信息 积分: totals, each unit ranked with its days and adoptions, and the scheme', () => {
    const card = presentScores('2026-11', units, DEFAULT_SCORE_SCHEME);
    expect(card).toMatchSnapshot();
    const text = markdownContents(card).join('\n');
    expect(text).toContain(
      '共 4 个单位：报送信息 87 条，零报告 13 天次，漏报 4 天次，迟报 1 天次；录用 4 条（本级采用1、市每日要情1、省每日要情1、领导批示1）。',
    );
    expect(text).toContain('1. **县教育局** +13分（录用+13，扣0）');
    expect(text).toContain('4. **县&lt;b&gt;卫生&lt;/b&gt;健康局** -6分（录用0，扣6）');
    expect(text).toContain('漏报每天扣2分，迟报每天扣1分');
    expectNoCodes(text);
  });

  it('an empty month says there is nothing to score', () => {
    expect(markdownContents(presentScores('2026-11', [], DEFAULT_SCORE_SCHEME)).join('')).toContain('尚未登记信息联络员');
  });

  it('the monthly 通报: top units with points, the units with 漏报, the totals', () => {
    const card = presentBulletin('2026-11', units, DEFAULT_SCORE_SCHEME);
    expect(card).toMatchSnapshot();
    const text = markdownContents(card).join('\n');
    expect(text).toContain('2026年11月，全县 4 个单位共报送政务信息 87 条');
    expect(text).toContain('1. 县教育局　13分');
    expect(text).not.toContain('健康局　');
    expect(text).toContain('城关镇（漏报1天）、县&lt;b&gt;卫生&lt;/b&gt;健康局（漏报3天）');
    expectNoCodes(text);
    const clean = presentBulletin('2026-11', unitScores([month('b', '县教育局')], [], DEFAULT_SCORE_SCHEME), DEFAULT_SCORE_SCHEME);
    expect(markdownContents(clean).join('\n')).toContain('本月各单位均无漏报');
  });

  it('the workbook: a ranked unit sheet and a writer sheet, read back with exceljs', async () => {
    const bytes = await sheetXlsx(SCORE_SHEET, { month: '2026-11', asOf: '2026-12-01', scheme: DEFAULT_SCORE_SCHEME, writers }, units);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual([UNIT_SHEET_NAME, WRITER_SHEET_NAME]);
    const u = wb.getWorksheet(UNIT_SHEET_NAME)!;
    expect(u.getCell(1, 1).value).toBe('2026年11月政务信息报送及录用积分表（截至 2026-12-01）');
    expect((u.getRow(2).values as unknown[]).slice(1)).toEqual(UNIT_HEADERS);
    const row = (r: number) => (u.getRow(r).values as unknown[]).slice(1);
    expect(row(3)).toEqual([1, '县教育局', 20, 20, 0, 0, 0, 24, 0, 1, 0, 0, 1, 13, 0, 13]);
    expect(row(6)).toEqual([4, '县<b>卫生</b>健康局', 20, 10, 7, 3, 0, 24, 0, 0, 0, 0, 0, 0, 6, -6]);
    expect(u.getCell(6, UNIT_HEADERS.indexOf('漏报') + 1).font?.color?.argb).toBe('FFC00000');
    const w = wb.getWorksheet(WRITER_SHEET_NAME)!;
    expect((w.getRow(2).values as unknown[]).slice(1)).toEqual(WRITER_HEADERS);
    expect((w.getRow(3).values as unknown[]).slice(1)).toEqual([1, '张三', '县教育局', 0, 1, 0, 0, 1, 13]);
    expect((w.getRow(5).values as unknown[]).slice(1)).toEqual([3, '李四', '城关镇', 1, 0, 0, 0, 0, 1]);
  });
});
