import { actionButton, buttonRow, card, divider, markdown, md } from '../../../../cards/elements.js';
import type { Card, CardElement } from '../../../../cards/types.js';
import { officeDate } from '../../../../platform/phrases/index.js';
import type { AgendaLine, MeetingView } from '../agenda-view.js';
import { MEETING_ACTIONS } from './actions.js';
import { slotText, whenText } from './text.js';

/** A ready topic of the meeting's type, and why it may not go on (agendaBlocker), if it may not. */
export interface PoolLine {
  topicId: string;
  version: number;
  number: string;
  title: string;
  unitName: string;
  minutes: number;
  postponedCount: number;
  blocker?: string;
}

/** A topic of the type still in the chain (not in the pool): what it waits for. */
export interface PendingLine {
  number: string;
  title: string;
  unitName: string;
  reason: string;
}

const head = (v: MeetingView) =>
  [md`**会议时间**：${whenText(v.startsAt)}`, md`**会议地点**：${v.place}`, v.presidingName ? md`**主持**：${v.presidingName}` : ''].filter(Boolean).join('\n');

function lineText(l: AgendaLine): string {
  const attend = l.attendUnitNames.length ? md`；列席：${l.attendUnitNames.join('、')}` : '';
  const again = l.postponedCount ? '（顺延）' : '';
  return (
    md`**${l.position}. ${l.title}**${again}\n` +
    md`　${slotText(l.start, l.end)}（${l.minutes}分钟）　汇报：${l.presenterName || '未定'}（${l.unitName}）` +
    attend +
    md`　${l.number}` +
    (l.materialNames.length
      ? md`
　材料：${l.materialNames.join('、')}`
      : '')
  );
}

const attendLine = (v: MeetingView) => (v.attendUnitNames.length ? md`**列席单位**：${v.attendUnitNames.join('、')}` : '');

/**
 * The agenda as the meeting group and the people on it read it: numbered topics with presenters, slots
 * from the start time and the estimated durations, and the 列席 units. A tracked card: changes to the
 * agenda, the time or the state update it in place.
 */
export function presentAgendaCard(v: MeetingView): Card {
  const blocks: CardElement[] = [markdown(head(v))];
  if (v.status === 'cancelled') blocks.push(markdown("<font color='red'>**本次会议已取消。**</font>"));
  blocks.push(divider());
  blocks.push(markdown(v.lines.length ? v.lines.map(lineText).join('\n') : '议程中暂无议题。'));
  const attend = attendLine(v);
  if (attend) blocks.push(markdown(attend));
  blocks.push(markdown("<font color='grey'>请汇报人提前到会，列席单位按议题时间参会。议程如有调整，本卡片将同步更新。</font>"));
  return card({
    title: `${v.number}议程`,
    subtitle: v.statusLabel,
    template: v.status === 'cancelled' ? 'grey' : 'blue',
    summary: `${v.number} ${whenText(v.startsAt)}`,
    elements: blocks,
  });
}

/**
 * The office's card for building the agenda: the agenda with ↑ / ↓ / 移出 (and 顺延 once published), the
 * pool of ready topics with 列入议程 (or why one may not go on), the topics still in the chain, and 发布议程.
 * Every button names the meeting and the version shown: a click on an older card is told to look again.
 */
export function presentArrangeCard(v: MeetingView, pool: readonly PoolLine[], pending: readonly PendingLine[], o: { notice?: string } = {}): Card {
  const value = (t?: string) => ({ m: v.id, v: v.version, ...(t ? { t } : {}) });
  const open = v.status === 'planned' || v.status === 'published';
  const blocks: CardElement[] = [];
  if (o.notice) blocks.push(markdown(`<font color='green'>${md`${o.notice}`}</font>`));
  blocks.push(markdown(head(v)));
  blocks.push(divider());
  blocks.push(markdown(`**议程**（${v.lines.length}项）`));
  if (!v.lines.length) blocks.push(markdown('议程中暂无议题，请从下方待列入议程的议题中选择。'));
  for (const l of v.lines) {
    blocks.push(markdown(lineText(l)));
    if (!open || l.status !== 'scheduled') continue;
    const buttons = [
      actionButton('↑', MEETING_ACTIONS.up, value(l.topicId), { disabled: l.position === 1 }),
      actionButton('↓', MEETING_ACTIONS.down, value(l.topicId), { disabled: l.position === v.lines.length }),
      actionButton('移出', MEETING_ACTIONS.remove, value(l.topicId)),
    ];
    if (v.status === 'published') buttons.push(actionButton('顺延', MEETING_ACTIONS.postpone, value(l.topicId)));
    blocks.push(buttonRow(buttons));
  }
  const attend = attendLine(v);
  if (attend) blocks.push(markdown(attend));
  if (open) {
    blocks.push(divider());
    blocks.push(markdown(`**待列入议程的议题**（${v.typeName}）`));
    if (!pool.length) blocks.push(markdown('暂无已完成审核、待列入议程的议题。'));
    for (const p of pool) {
      const again = p.postponedCount ? '（顺延）' : '';
      blocks.push(markdown(md`${p.number} **${p.title}**${again}　${p.unitName}　约${p.minutes}分钟`));
      if (p.blocker) blocks.push(markdown(`<font color='red'>不能列入：${md`${p.blocker}`}</font>`));
      else blocks.push(buttonRow([actionButton('列入议程', MEETING_ACTIONS.add, value(p.topicId), { type: 'primary' })]));
    }
    if (pending.length) {
      blocks.push(markdown('**尚不能列入的议题**'));
      blocks.push(markdown(pending.map((p) => md`- ${p.number} ${p.title}（${p.unitName}）：${p.reason}`).join('\n')));
    }
    blocks.push(
      markdown(`<font color='grey'>调整顺序也可发送「会议 排序 会议编号 议题编号 位置」，如「会议 排序 ${md`${v.number}`} 议〔2026〕12号 1」。</font>`),
    );
    if (v.status === 'planned')
      blocks.push(
        buttonRow([
          actionButton('发布议程', MEETING_ACTIONS.publish, value(), {
            type: 'primary',
            disabled: !v.lines.length,
            confirm: { title: '发布议程', text: '议程将发送至会议群，并私信各汇报人和列席单位联络员。' },
          }),
        ]),
      );
    else if (v.reminderDate) blocks.push(markdown(`<font color='grey'>议程已发布；会前提醒将于${officeDate(v.reminderDate)}发送。</font>`));
  }
  return card({ title: `${v.number}议程安排`, subtitle: v.statusLabel, template: v.status === 'cancelled' ? 'grey' : 'wathet', elements: blocks });
}

/** What the agenda DM says to one person: why they receive it (汇报 item N, or 列席 for their unit). */
export interface AgendaNotice {
  presenting: number[];
  attendingFor: string[];
}

function roleText(n: AgendaNotice): string {
  const parts: string[] = [];
  if (n.presenting.length) parts.push(`您为第${n.presenting.join('、')}项议题的汇报人`);
  if (n.attendingFor.length) parts.push(md`${n.attendingFor.join('、')}列席本次会议`);
  return parts.join('；');
}

/** The DM to a presenter or a 列席 unit's liaison on 发布议程 (and the day-before reminder). */
export function presentAgendaNotice(v: MeetingView, n: AgendaNotice, kind: 'publish' | 'remind'): Card {
  const lead = kind === 'remind' ? `**会前提醒**：${md`${v.number}`}将于${md`${whenText(v.startsAt)}`}召开。` : `${md`${v.number}`}议程已发布。`;
  const mine = v.lines.filter((l) => n.presenting.includes(l.position));
  const blocks: CardElement[] = [markdown(`${lead}\n${roleText(n)}。`), markdown(head(v)), divider()];
  blocks.push(markdown(v.lines.map(lineText).join('\n') || '议程中暂无议题。'));
  if (mine.length) blocks.push(markdown(`请按时到会汇报：${mine.map((l) => md`第${l.position}项 ${slotText(l.start, l.end)}`).join('；')}。`));
  return card({
    title: kind === 'remind' ? `会前提醒：${v.number}` : `会议通知：${v.number}`,
    template: kind === 'remind' ? 'orange' : 'blue',
    elements: blocks,
  });
}

/** The group's reminder the working day before. */
export function presentGroupReminder(v: MeetingView): Card {
  return card({
    title: `会前提醒：${v.number}`,
    template: 'orange',
    elements: [
      markdown(`${md`${v.number}`}将于${md`${whenText(v.startsAt)}`}在${md`${v.place}`}召开，共${v.lines.length}项议题。`),
      divider(),
      markdown(v.lines.map(lineText).join('\n') || '议程中暂无议题。'),
    ],
  });
}
