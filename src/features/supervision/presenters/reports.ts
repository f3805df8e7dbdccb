import { card, markdown } from '../../../cards/elements.js';
import type { Card, CardElement } from '../../../cards/types.js';
import { STATUS_LABEL, type ItemStatus } from '../domain/states.js';
import { inline } from './text.js';

export interface ListRow {
  number: string;
  content: string;
  unitName: string;
  deadline: string;
  status: ItemStatus;
  overdueDays: number;
}

export const LIST_LIMIT = 40;

export function presentItemList(title: string, rows: ListRow[], total: number): Card {
  const elements: CardElement[] = [];
  if (!rows.length) elements.push(markdown('没有符合条件的督办事项。'));
  else {
    const lines = rows.map((r) => {
      const overdue = r.overdueDays > 0 && r.status !== 'closed' && r.status !== 'cancelled' ? ` <font color='red'>超期${r.overdueDays}日</font>` : '';
      const content = r.content.length > 30 ? `${r.content.slice(0, 30)}…` : r.content;
      return `- **${inline(r.number)}** ${inline(content)}｜${inline(r.unitName)}｜${inline(r.deadline)}｜${STATUS_LABEL[r.status]}${overdue}`;
    });
    elements.push(markdown(lines.join('\n')));
    if (total > rows.length) elements.push(markdown(`共 ${total} 项，仅显示前 ${rows.length} 项。发送「督办 导出」获取完整台账。`));
  }
  elements.push(markdown('发送「督办」加事项编号查看详情，如「督办 督〔2026〕15号」。'));
  return card({ title, template: 'blue', summary: title, elements });
}

export interface UnitStats {
  unitName: string;
  total: number;
  closed: number;
  closedOnTime: number;
  overdue: number;
}

export interface ReportData {
  title: string;
  asOf: string;
  total: number;
  open: number;
  closed: number;
  closedOnTime: number;
  overdue: number;
  byUnit: UnitStats[];
  overdueItems: { number: string; content: string; unitName: string; leaderName?: string; overdueDays: number }[];
}

/** A rate as an office writes it: whole numbers without a decimal (100%, 50%), else one place (66.7%); none to count says so in words. */
export function pct(a: number, b: number, none = '暂无事项'): string {
  if (!b) return none;
  return `${Math.round((a / b) * 1000) / 10}%`;
}

/** 按期办结率 is over the closed items: with none closed yet there is no rate, and the line says so rather than "—". */
const onTimeRate = (onTime: number, closed: number) => pct(onTime, closed, '暂无办结事项');

/** 通报: totals, completion and on-time rates by unit, and the overdue list naming units and leaders. */
export function presentReport(r: ReportData): Card {
  const elements: CardElement[] = [
    markdown(
      `截至 ${inline(r.asOf)}，共有督办事项 **${r.total}** 项：已办结 ${r.closed} 项（办结率：${pct(r.closed, r.total)}，按期办结率：${onTimeRate(r.closedOnTime, r.closed)}），正在办理 ${r.open} 项，其中超期 **${r.overdue}** 项。`,
    ),
  ];
  if (r.byUnit.length) {
    const rows = r.byUnit.map(
      (u) =>
        `- ${inline(u.unitName)}：${u.total} 项，办结 ${u.closed}（${pct(u.closed, u.total)}），按期办结率：${onTimeRate(u.closedOnTime, u.closed)}${u.overdue ? `，<font color='red'>超期 ${u.overdue}</font>` : ''}`,
    );
    elements.push(markdown(`**各单位办理情况**\n${rows.join('\n')}`));
  }
  if (r.overdueItems.length) {
    const rows = r.overdueItems
      .slice(0, 30)
      .map(
        (i) =>
          `- **${inline(i.number)}** ${inline(i.content.length > 30 ? `${i.content.slice(0, 30)}…` : i.content)}｜${inline(i.unitName)}｜负责领导：${inline(i.leaderName ?? '—')}｜超期${i.overdueDays}个工作日`,
      );
    elements.push(
      markdown(`**超期事项**（${r.overdueItems.length} 项）\n${rows.join('\n')}${r.overdueItems.length > 30 ? '\n……完整名单见「督办 导出」。' : ''}`),
    );
  } else elements.push(markdown('目前没有超期事项。'));
  return card({ title: r.title, template: r.overdue ? 'orange' : 'green', summary: r.title, elements });
}
