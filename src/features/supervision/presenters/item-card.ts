import { officeDate } from '../../../platform/phrases/format.js';
import { actionButton, buttonRow, card, divider, markdown } from '../../../cards/elements.js';
import type { Card, CardElement, HeaderTemplate } from '../../../cards/types.js';
import { isOpen, ITEM_MACHINE, STATUS_LABEL, type ItemAction } from '../domain/states.js';
import { ITEM_ACTION_POLICY } from '../policy.js';
import { mentionOr } from './mention.js';
import { blockText, inline } from './text.js';
import { SOURCE_LABEL, type ItemView, type TimelineEntry } from '../view.js';

/**
 * Every value of the view that goes into markdown is escaped, typed by a person or not: then no field can
 * carry a mention, a link or a colour; and a line break in it cannot start a forged field or timeline
 * row (text.ts: `inline` for values inside a line, `blockText` for the multi-line ones; test:
 * presenters/inert.test.ts).
 *
 * Who the card is for decides its buttons: the responsible person or liaison (assignee), the 督查 group
 * (group: the supervisor's decisions), or anyone asking for details (detail). Buttons say what was
 * clicked; every click is authorized again for the person who clicked.
 */
export type ItemAudience = 'assignee' | 'group' | 'detail';

function template(v: ItemView): HeaderTemplate {
  if (v.status === 'closed') return 'green';
  if (v.status === 'cancelled') return 'grey';
  if (v.overdueDays > 0) return 'red';
  if (v.status === 'pending_close') return 'orange';
  if (v.status === 'returned') return 'carmine';
  return 'blue';
}

function statusLine(v: ItemView): string {
  const overdue = v.overdueDays > 0 && v.status !== 'closed' && v.status !== 'cancelled' ? ` · <font color='red'>已超期${v.overdueDays}个工作日</font>` : '';
  return `**状态**：${STATUS_LABEL[v.status]}${overdue}`;
}

/** The named person; else whoever signed it (the liaison who took it on); else the role still to sign. */
function responsible(v: ItemView, who: (name?: string, openId?: string) => string): string {
  if (v.personName) return who(v.personName, v.personOpenId);
  return v.signerName ? inline(v.signerName) : '单位督查联络员';
}

/** A progress report's text starts with its own figure ("40%，…"); the line shows the figure once. */
const LEADING_PERCENT = /^\s*\d{1,3}%[，,、\s]*/;

/**
 * 已办结 reads 100%, whatever was last reported: an office reads a closed item as done. 待销号 without any
 * progress report shows no figure: "0%" next to a 办理结果 is a number nobody reported.
 */
function progressLine(v: ItemView): string {
  if (v.status === 'pending_ack') return '';
  if (v.status === 'pending_close' && !v.lastProgress) return '';
  const percent = v.status === 'closed' ? 100 : v.progressPercent;
  const note = v.lastProgress?.replace(LEADING_PERCENT, '').trim();
  return `**进展**：${percent}%${note ? `　${blockText(note)}` : ''}`;
}

export function itemFields(v: ItemView): string {
  const who = (name?: string, openId?: string) => mentionOr(name, openId, '（未指定）');
  const lines = [
    `**工作内容**：${blockText(v.content)}`,
    v.standard ? `**工作标准**：${blockText(v.standard)}` : '',
    `**承办单位**：${inline(v.unitName)}　**责任人**：${responsible(v, who)}`,
    `**负责领导**：${v.leaderName ? who(v.leaderName, v.leaderOpenId) : '（未指定）'}　**完成时限**：${inline(v.deadline)}`,
    `**来源**：${SOURCE_LABEL[v.sourceType] ?? inline(v.sourceType)}${v.sourceRef ? `（${inline(v.sourceRef)}）` : ''}${v.promised ? '　**承诺办理（B类）**' : ''}`,
    statusLine(v),
    progressLine(v),
    v.result && (v.status === 'pending_close' || v.status === 'closed') ? `**办理结果**：${blockText(v.result)}` : '',
    v.statusNote && (v.status === 'returned' || v.status === 'cancelled')
      ? `**${v.status === 'returned' ? '退回理由' : '撤销理由'}**：${blockText(v.statusNote)}`
      : '',
  ];
  return lines.filter(Boolean).join('\n');
}

function milestoneBlock(v: ItemView): CardElement[] {
  if (!v.milestones.length) return [];
  const lines = v.milestones.map((m) => `${m.done ? '✅' : '⬜'} ${inline(m.dueDate)}　${inline(m.title)}`);
  return [markdown(`**实施步骤**\n${lines.join('\n')}`)];
}

/** The policy side whose buttons a card shows: the responsible side's card, or the 督查科's. */
const SIDE: Record<ItemAudience, 'supervision.handle' | 'supervision.decide'> = {
  assignee: 'supervision.handle',
  group: 'supervision.decide',
  detail: 'supervision.decide',
};

/** The button(s) of one action; 撤销 has none (a command: it needs a reason on record). */
function actionButtons(v: ItemView, action: ItemAction): CardElement[] {
  const id = { id: v.id };
  switch (action) {
    case 'acknowledge':
      return [actionButton('签收', 'sv.ack', id, { type: 'primary' })];
    case 'report_progress':
      return [actionButton('反馈进展', 'sv.progress.open', id, { type: 'primary' })];
    case 'request_closure':
      return [actionButton('申请办结', 'sv.closure.open', id)];
    case 'request_extension':
      return [actionButton('申请延期', 'sv.ext.open', id)];
    case 'close':
      return [actionButton('销号', 'sv.close', id, { type: 'primary', confirm: { title: '确认销号', text: `确认 ${v.number} 已办结并销号？` } })];
    case 'refuse_closure':
      return [actionButton('退回', 'sv.refuse.open', id, { type: 'danger' })];
    case 'decide_extension': {
      const ext = { ...id, ext: v.pendingExtension?.id ?? '' };
      return [actionButton('同意延期', 'sv.ext.approve', ext, { type: 'primary' }), actionButton('不同意延期', 'sv.ext.refuse', ext, { type: 'danger' })];
    }
    case 'cancel':
      return [];
  }
}

/** The buttons are the actions the machine allows now, on the side of the card's audience, in its order. */
function buttons(v: ItemView, audience: ItemAudience): CardElement[] {
  const allowed = ITEM_MACHINE.allowed(v.status, { pendingExtension: !!v.pendingExtension }, (a) => ITEM_ACTION_POLICY[a] === SIDE[audience]);
  const b = allowed.flatMap((a) => actionButtons(v, a));
  return b.length ? [buttonRow(b)] : [];
}

function footer(v: ItemView, audience: ItemAudience): CardElement[] {
  if (v.pendingExtension && isOpen(v.status)) {
    return [
      markdown(`**延期申请**：申请延至${inline(officeDate(v.pendingExtension.proposedDate))}，待督查科审批；理由：${blockText(v.pendingExtension.reason)}`),
    ];
  }
  if (audience === 'assignee' && v.status === 'pending_close') return [markdown('已申请办结，等待督查科审核销号。')];
  if (v.status === 'closed') return [markdown('该事项已办结销号。')];
  if (v.status === 'cancelled') return [markdown('该事项已撤销。')];
  return [];
}

export function presentItemCard(v: ItemView, audience: ItemAudience, timeline: TimelineEntry[] = []): Card {
  const elements: CardElement[] = [markdown(itemFields(v)), ...milestoneBlock(v), ...footer(v, audience), ...buttons(v, audience)];
  if (timeline.length) {
    elements.push(divider());
    // Most recent 30 entries keep the card within Lark's size limits. One entry, one line: what was
    // written is folded into its row, so a typed line break cannot add a row of its own.
    const shown = timeline.slice(-30);
    elements.push(markdown(`**办理记录**\n${shown.map((t) => `${inline(t.at)}　${inline(t.who)}　${inline(t.what)}`).join('\n')}`));
  }
  const title = `${v.urgent ? '【急】' : ''}督办事项 ${v.number}`;
  return card({ title, subtitle: STATUS_LABEL[v.status], template: template(v), summary: `${v.number} ${STATUS_LABEL[v.status]}`, elements });
}
