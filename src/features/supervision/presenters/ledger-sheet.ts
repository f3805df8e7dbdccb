import { defineSheet, type SheetColumn } from '../../../platform/export/sheet.js';
import { STATUS_LABEL, type ItemStatus } from '../domain/states.js';
import { SOURCE_LABEL } from '../view.js';

/** One ledger (台账) line: names resolved, overdue derived. Pure data. */
export interface LedgerRow {
  number: string;
  content: string;
  standard: string;
  sourceType: string;
  sourceRef: string;
  unitName: string;
  personName?: string;
  leaderName?: string;
  deadline: string;
  status: ItemStatus;
  progressPercent: number;
  lastProgress?: string;
  /** 办理结果: the text of the latest closure request. */
  result?: string;
  /** Working days past the deadline: up to today while open, up to closure once closed late; else 0. */
  overdueDays: number;
  /** YYYY-MM-DD (Beijing). */
  createdOn: string;
  closedOn?: string;
}

/** What the sheet says besides its rows. */
export interface LedgerMeta {
  /** The date the figures are as of (Beijing). */
  asOf: string;
  /** What was selected, e.g. 全部事项. */
  filterLabel: string;
  /** Items matching the filter; more than the rows written when the export was capped. */
  total: number;
}

export const LEDGER_SHEET_NAME = '督办台账';

/** Late and not cancelled: the row is shaded and 是否超期 is red. */
const isLate = (r: LedgerRow) => r.overdueDays > 0 && r.status !== 'cancelled';

/** 是 while open and past the deadline; a late closure stays on record; cancelled items are not judged. */
function overdueMark(r: LedgerRow): string {
  if (r.status === 'cancelled') return '—';
  if (r.overdueDays <= 0) return '否';
  return r.status === 'closed' ? '是（逾期办结）' : '是';
}

const COLUMNS: SheetColumn<LedgerRow>[] = [
  { header: '序号', width: 6, value: (_, i) => i, align: 'center' },
  { header: '编号', width: 16, value: (r) => r.number },
  { header: '工作内容', width: 40, value: (r) => r.content },
  { header: '工作标准', width: 30, value: (r) => r.standard },
  { header: '事项来源', width: 13, value: (r) => SOURCE_LABEL[r.sourceType] ?? r.sourceType },
  { header: '来源文号', width: 18, value: (r) => r.sourceRef },
  { header: '承办单位', width: 16, value: (r) => r.unitName },
  { header: '责任人', width: 10, value: (r) => r.personName },
  { header: '负责领导', width: 10, value: (r) => r.leaderName },
  { header: '完成时限', width: 12, value: (r) => r.deadline, align: 'center' },
  { header: '办理状态', width: 10, value: (r) => STATUS_LABEL[r.status], align: 'center' },
  { header: '完成进度', width: 10, value: (r) => (r.status === 'closed' ? 1 : r.progressPercent / 100), numFmt: '0%', align: 'center' },
  { header: '最新进展', width: 36, value: (r) => r.lastProgress, align: 'center' },
  { header: '办理结果', width: 36, value: (r) => r.result },
  { header: '是否超期', width: 10, value: overdueMark, align: 'center', font: (r) => (isLate(r) ? { bold: true, color: 'C00000' } : undefined) },
  { header: '超期工作日', width: 11, value: (r) => (r.overdueDays > 0 ? r.overdueDays : null), align: 'center' },
  { header: '立项日期', width: 12, value: (r) => r.createdOn, align: 'center' },
  { header: '办结日期', width: 12, value: (r) => r.closedOn, align: 'center' },
];

export const LEDGER_HEADERS = COLUMNS.map((c) => c.header);

export function cappedNote(total: number, shown: number): string {
  return `注：符合条件的事项共 ${total} 项，超出单次导出上限，本表仅列出按编号排序的前 ${shown} 项。请缩小筛选范围后分批导出。`;
}

/** The 督办台账: a title row, a frozen bold header, one row per item in the order given (built by platform/export). */
export const LEDGER_SHEET = defineSheet<LedgerRow, LedgerMeta>(import.meta.url, 'LEDGER_SHEET', {
  sheetName: LEDGER_SHEET_NAME,
  title: (m) => `督查督办事项台账（截至 ${m.asOf}）`,
  columns: COLUMNS,
  rowFill: (r) => (isLate(r) ? 'FDE2E2' : undefined),
  notes: (m, rows) => (m.total > rows ? [cappedNote(m.total, rows)] : []),
  footer: (m, rows) => `筛选条件：${m.filterLabel}　共 ${rows} 项`,
});
