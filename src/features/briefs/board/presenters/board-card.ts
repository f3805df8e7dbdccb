import { card, inlineText, markdown } from '../../../../cards/elements.js';
import type { Card, CardElement } from '../../../../cards/types.js';
import { formatMinute, officeDate } from '../../../../platform/phrases/index.js';
import { DAY_STATUS_LABEL, DAY_STATUSES, type DayStatus } from '../../domain/states.js';
import { countByStatus, type Board, type BoardLine, type MonthLine } from '../domain/board.js';

const lineText = (l: BoardLine) => `${inlineText(l.unit)}${l.status === 'reported' ? `（${l.notes}条）` : ''}${l.late ? '（迟报）' : ''}`;

const TEMPLATE: Record<DayStatus, string> = { reported: 'green', zero: 'grey', unreported: 'orange', missed: 'red' };

/** 信息 今日: each unit as 已报送 / 零报告 / 未报送 / 漏报, grouped, with the totals first. */
export function presentBoard(b: Board): Card {
  const title = `信息报送情况 · ${officeDate(b.date)}`;
  if (!b.working) return card({ title, summary: title, template: 'grey', elements: [markdown('今天不是工作日，无需报送。')] });
  if (!b.lines.length)
    return card({ title, summary: title, elements: [markdown('尚未登记信息联络员。请管理员「授权 @某人 联络员 信息」后，各单位即列入每日报送。')] });
  const c = countByStatus(b.lines);
  const elements: CardElement[] = [
    markdown(
      `应报 **${b.lines.length}** 个单位：已报送 ${c.reported}，零报告 ${c.zero}，未报送 ${c.unreported}，漏报 ${c.missed}；共报送信息 ${b.lines.reduce((n, l) => n + l.notes, 0)} 条。`,
    ),
  ];
  for (const s of DAY_STATUSES) {
    const ls = b.lines.filter((l) => l.status === s);
    if (!ls.length) continue;
    elements.push(markdown(`<font color='${TEMPLATE[s]}'>**${DAY_STATUS_LABEL[s]}（${ls.length}）**</font>\n${ls.map(lineText).join('、')}`));
  }
  return card({
    title,
    summary: `${title}：已报送${c.reported}，未报送${c.unreported}`,
    template: c.missed ? 'red' : c.unreported ? 'orange' : 'green',
    elements,
  });
}

/** What a liaison without the whole board is told: their own unit's standing. */
export function ownUnitText(l: BoardLine | undefined, date: string): string {
  if (!l) return '您所在单位未列入每日信息报送（尚未登记信息联络员）。';
  const tail =
    l.status === 'reported'
      ? `，共${l.notes}条${l.late ? '（迟报）' : ''}`
      : l.status === 'unreported'
        ? '。请发送「信息 报送 <正文>」报送，无信息可报请发送「信息 零报告」'
        : '';
  return `${l.unit}${officeDate(date)}：${DAY_STATUS_LABEL[l.status]}${tail}。`.replace('。。', '。');
}

/** The nudge a liaison gets when their unit has not reported by the nudge time. */
export function nudgeText(unit: string, date: string, closeMinute: number): string {
  return `【信息报送提醒】${unit}${officeDate(date)}尚未报送政务信息。请于${formatMinute(closeMinute)}前发送「信息 报送 <正文>」报送；如无信息可报，请发送「信息 零报告」。逾时未报将记为漏报。`;
}

/** 信息 月报: per unit, the working days due so far and how each went. */
export function presentMonth(month: string, lines: readonly MonthLine[]): Card {
  const title = `信息报送月度情况 · ${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`;
  if (!lines.length) return card({ title, summary: title, elements: [markdown('尚未登记信息联络员。')] });
  const rows = lines.map(
    (l) => `· ${inlineText(l.unit)}：应报${l.due}天，报送${l.reported}天，零报告${l.zero}天，漏报${l.missed}天，迟报${l.late}天；信息${l.notes}条`,
  );
  const missed = lines.filter((l) => l.missed > 0).length;
  return card({
    title,
    summary: title,
    elements: [markdown(`共 ${lines.length} 个单位，${missed ? `${missed} 个单位有漏报` : '均无漏报'}。`), markdown(rows.join('\n'))],
  });
}
