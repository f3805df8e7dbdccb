import { defineSheet, extraSheet, type SheetColumn, type SheetSpec } from '../../../../platform/export/sheet.js';
import { ADOPTION_LEVEL_LABEL, ADOPTION_LEVELS } from '../../domain/states.js';
import type { ScoreScheme } from '../../settings.js';
import type { UnitScore, WriterScore } from '../domain/scoring.js';
import { monthLabel, schemeText } from './score-card.js';

/** What the workbook says besides the unit rows: the month, the scheme, and the writers' sheet. */
export interface ScoreMeta {
  month: string;
  /** The date the figures are as of (Beijing). */
  asOf: string;
  scheme: ScoreScheme;
  writers: WriterScore[];
}

export const UNIT_SHEET_NAME = '单位积分';
export const WRITER_SHEET_NAME = '个人录用';

const levelColumns = <R extends { adoptions: UnitScore['adoptions'] }>(): SheetColumn<R>[] =>
  ADOPTION_LEVELS.map((l) => ({ header: ADOPTION_LEVEL_LABEL[l], width: 11, value: (r: R) => r.adoptions[l], align: 'center' as const }));

const UNIT_COLUMNS: SheetColumn<UnitScore>[] = [
  { header: '名次', width: 6, value: (r) => r.rank, align: 'center' },
  { header: '单位', width: 20, value: (r) => r.unit },
  { header: '应报天数', width: 9, value: (r) => r.due, align: 'center' },
  { header: '报送天数', width: 9, value: (r) => r.reported, align: 'center' },
  { header: '零报告', width: 8, value: (r) => r.zero, align: 'center' },
  { header: '漏报', width: 7, value: (r) => r.missed, align: 'center', font: (r) => (r.missed ? { bold: true, color: 'C00000' } : undefined) },
  { header: '迟报', width: 7, value: (r) => r.late, align: 'center' },
  { header: '信息条数', width: 9, value: (r) => r.notes, align: 'center' },
  ...levelColumns<UnitScore>(),
  { header: '录用得分', width: 9, value: (r) => r.gained, align: 'center' },
  { header: '扣分', width: 7, value: (r) => r.deducted, align: 'center' },
  { header: '总分', width: 8, value: (r) => r.total, align: 'center', font: () => ({ bold: true }) },
];

const WRITER_COLUMNS: SheetColumn<WriterScore>[] = [
  { header: '名次', width: 6, value: (r) => r.rank, align: 'center' },
  { header: '撰稿人', width: 12, value: (r) => r.writer },
  { header: '所在单位', width: 20, value: (r) => r.unit },
  ...levelColumns<WriterScore>(),
  { header: '录用得分', width: 9, value: (r) => r.gained, align: 'center' },
];

export const UNIT_HEADERS = UNIT_COLUMNS.map((c) => c.header);
export const WRITER_HEADERS = WRITER_COLUMNS.map((c) => c.header);

const WRITER_SHEET: SheetSpec<WriterScore, ScoreMeta> = {
  sheetName: WRITER_SHEET_NAME,
  title: (m) => `${monthLabel(m.month)}政务信息个人录用情况`,
  columns: WRITER_COLUMNS,
  notes: (m, rows) => (rows ? [] : ['本月暂无录用信息。']).concat(schemeText(m.scheme)),
  footer: (m, rows) => `${monthLabel(m.month)}　共 ${rows} 人`,
};

/** The month's scoring workbook: per unit (ranked, 漏报 in red), then per writer. */
export const SCORE_SHEET = defineSheet<UnitScore, ScoreMeta>(import.meta.url, 'SCORE_SHEET', {
  sheetName: UNIT_SHEET_NAME,
  title: (m) => `${monthLabel(m.month)}政务信息报送及录用积分表（截至 ${m.asOf}）`,
  columns: UNIT_COLUMNS,
  rowFill: (r) => (r.missed ? 'FDE2E2' : undefined),
  notes: (m) => [schemeText(m.scheme)],
  footer: (m, rows) => `${monthLabel(m.month)}　共 ${rows} 个单位`,
  extraSheets: (m) => [extraSheet(WRITER_SHEET, m, m.writers)],
});
