import { actionButton, buttonRow, card, divider, markdown, md } from '../../../../cards/elements.js';
import type { Card } from '../../../../cards/types.js';
import { officeDate } from '../../../../platform/phrases/index.js';
import type { ImportDraft } from '../domain/rows.js';
import { clockLabel, VISIBILITY_LABEL } from '../domain/wording.js';

export const IMPORT_CONFIRM = 'sch.import.confirm';
export const IMPORT_CANCEL = 'sch.import.cancel';

export interface ImportCardView {
  proposalId: string;
  sourceName: string;
  drafts: readonly ImportDraft[];
  /** One line per conflict found (the same leader twice at once, a room booked twice). */
  conflicts: readonly string[];
  today: string;
}

const MAX_LINES = 40;

/** 第3行、第5行 */
export const rowList = (rows: readonly number[]) => rows.map((r) => `第${r}行`).join('、');

function line(d: ImportDraft, today: string): string {
  const marks = [d.status === 'draft' ? '拟定' : '', d.backfilled ? '补录' : '', d.visibility !== 'internal' ? VISIBILITY_LABEL[d.visibility] : ''].filter(
    Boolean,
  );
  const where = d.place ? `　${d.place}` : '';
  return md`${d.row}. ${officeDate(d.date, today)} ${clockLabel(d)}　**${d.leaderName}**　${d.activity}${where}${marks.length ? `（${marks.join('，')}）` : ''}`;
}

/** What was understood from the table, every row, before anything is saved (确认导入 / 取消). */
export function presentImportCard(v: ImportCardView): Card {
  const lines = v.drafts.slice(0, MAX_LINES).map((d) => line(d, v.today));
  if (v.drafts.length > MAX_LINES) lines.push(`……另有 ${v.drafts.length - MAX_LINES} 条，确认后一并导入。`);
  const leaders = new Set(v.drafts.map((d) => d.leaderName)).size;
  const drafts = v.drafts.filter((d) => d.status === 'draft').length;
  const backfilled = v.drafts.filter((d) => d.backfilled).length;
  const elements = [
    markdown(
      md`来源：${v.sourceName}\n共 **${v.drafts.length}** 条日程，涉及 ${leaders} 位领导${drafts ? `，其中拟定 ${drafts} 条` : ''}${backfilled ? `，补录（日期已过）${backfilled} 条` : ''}。请核对以下识别结果，确认后一次性保存。`,
    ),
    divider(),
    markdown(lines.join('\n')),
  ];
  const past = v.drafts.filter((d) => d.backfilled);
  if (past.length) {
    // Every row of a past day, by row number (even those past the list's first 40 lines): saved as 补录 only.
    const all = past.length === v.drafts.length ? '本表所有日程的日期均已过，请核对是否选错了表格。' : '';
    elements.push(
      divider(),
      markdown(`**补录 ${past.length} 条**：${rowList(past.map((d) => d.row))}的日期已过，确认导入即按补录保存，并在日程中标注“补录”。${all}`),
    );
  }
  if (v.conflicts.length) {
    elements.push(
      divider(),
      markdown(`**⚠ 发现 ${v.conflicts.length} 处冲突**（确认导入即视为知悉，仍然保存）：\n${v.conflicts.map((c) => md`- ${c}`).join('\n')}`),
    );
  }
  elements.push(
    buttonRow([
      actionButton(v.conflicts.length ? '仍然确认导入' : '确认导入', IMPORT_CONFIRM, { p: v.proposalId }, { type: 'primary' }),
      actionButton('取消', IMPORT_CANCEL, { p: v.proposalId }),
    ]),
  );
  return card({
    title: '日程导入确认',
    subtitle: '领导一周工作安排',
    template: v.conflicts.length ? 'orange' : 'blue',
    summary: `日程导入确认：${v.drafts.length} 条`,
    elements,
  });
}

/** The card after the click: what happened, no buttons. */
export function presentImportDone(v: {
  sourceName: string;
  count: number;
  outcome: 'saved' | 'cancelled';
  byName?: string;
  /** The rows saved as 补录 (their day had passed). */
  backfilledRows?: readonly number[];
}): Card {
  const past = v.backfilledRows?.length ? `其中补录 ${v.backfilledRows.length} 条（${rowList(v.backfilledRows)}）。` : '';
  const text =
    v.outcome === 'saved'
      ? md`已导入 **${v.count}** 条日程（${v.sourceName}）${v.byName ? `，导入人：${v.byName}` : ''}。${past}可发送「日程 本周」「日程 下周」查看。`
      : md`已取消本次导入（${v.sourceName}），未保存任何日程。`;
  return card({
    title: v.outcome === 'saved' ? '日程已导入' : '日程导入已取消',
    template: v.outcome === 'saved' ? 'green' : 'grey',
    elements: [markdown(text)],
  });
}
