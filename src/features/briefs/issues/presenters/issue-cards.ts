import { actionButton, buttonRow, card, divider, escapeMarkdown, inlineText, markdown, plain } from '../../../../cards/elements.js';
import type { Card, CardElement } from '../../../../cards/types.js';

export const REMOVE_ACTION = 'briefs.issue.remove';
export const CONFIRM_ACTION = 'briefs.issue.confirm';
export const APPROVE_ACTION = 'briefs.issue.approve';
export const RETURN_ACTION = 'briefs.issue.return';

/** An issue as its cards show it. */
export interface IssueView {
  id: string;
  /** 《政务信息》第12期 */
  heading: string;
  stateLabel: string;
  items: { id: string; kind: string; title: string }[];
  /** Whether the editor may still change it (编辑中 / 已退回). */
  editable: boolean;
  /**
   * The 签发 chain as it stands: the current round's levels (who passed, who holds it, a 退回 with its
   * opinion), or the last round's when it was 退回. Empty before the first 确认编期.
   */
  chain: StepView[];
}

export interface StepView {
  id: string;
  version: number;
  label: string;
  personName: string;
  statusLabel: string;
  comment: string;
  /** The step now holds the issue (its holder may 通过 / 退回). */
  current: boolean;
}

function itemList(v: IssueView, removable: boolean): CardElement[] {
  if (!v.items.length) return [markdown('（本期暂无条目）')];
  return v.items.flatMap((item, i) => {
    const line = markdown(`${i + 1}. 【${inlineText(item.kind)}】${inlineText(item.title)}`);
    return removable ? [line, buttonRow([actionButton('移出', REMOVE_ACTION, { issue: v.id, item: item.id })])] : [line];
  });
}

/** 签发进度: one line per level, the holder marked, a 退回's opinion quoted. */
function chainLines(v: IssueView): CardElement[] {
  if (!v.chain.length) return [];
  const lines = v.chain.map((s, i) => {
    const who = `${i + 1}. ${inlineText(s.label)}　${inlineText(s.personName)}　**${s.current ? '办理中' : s.statusLabel}**`;
    return s.comment ? `${who}（意见：${escapeMarkdown(s.comment)}）` : who;
  });
  return [divider(), markdown(`**签发进度**\n${lines.join('\n')}`)];
}

/** The editor's preview: the items in order, 移出 each, 确认编期 (送 the 签发 chain). */
export function presentIssuePreview(v: IssueView, note?: string): Card {
  const elements: CardElement[] = [
    markdown(`**状态**：${v.stateLabel}　**条目**：${v.items.length} 条`),
    divider(),
    ...itemList(v, v.editable),
    ...chainLines(v),
  ];
  if (note) elements.push(markdown(escapeMarkdown(note)));
  if (v.editable && v.items.length) elements.push(divider(), buttonRow([actionButton('确认编期', CONFIRM_ACTION, { issue: v.id }, { type: 'primary' })]));
  return card({ title: `信息编期：${v.heading}`, template: v.editable ? 'blue' : 'green', elements });
}

/**
 * A signer's card, kept up to date: the items and the chain's progress; 通过 / 退回 (with a comment) only
 * while the step holds the issue — once decided, passed on, 退回 or voided by a new round, no buttons.
 */
export function presentStepCard(v: IssueView, step: StepView): Card {
  const open = step.current;
  const elements: CardElement[] = [
    markdown(`**环节**：${inlineText(step.label)}（${inlineText(step.personName)}）　**状态**：${step.statusLabel}　**简报**：${v.stateLabel}`),
    divider(),
    ...itemList(v, false),
    ...chainLines(v),
  ];
  if (step.comment) elements.push(markdown(`**本环节意见**：${escapeMarkdown(step.comment)}`));
  if (open) {
    const value = { issue: v.id, step: step.id, version: String(step.version) };
    const submit = (label: string, key: string, type: 'primary' | 'danger', name: string): CardElement => ({
      tag: 'button',
      name,
      text: plain(label),
      type,
      form_action_type: 'submit',
      behaviors: [{ type: 'callback', value: { a: key, ...value } }],
    });
    elements.push(divider(), {
      tag: 'form',
      name: 'issue_step',
      elements: [
        { tag: 'input', name: 'comment', required: false, input_type: 'text', max_length: 500, placeholder: plain('意见（退回时必填）') },
        buttonRow([submit('通过', APPROVE_ACTION, 'primary', 'approve'), submit('退回', RETURN_ACTION, 'danger', 'return')]),
      ],
    });
  }
  return card({ title: `${step.label}：${v.heading}`, template: open ? 'orange' : 'grey', elements });
}
