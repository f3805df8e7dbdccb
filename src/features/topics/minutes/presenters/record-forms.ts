import { card, inlineText, markdown, plain } from '../../../../cards/elements.js';
import type { Card, CardElement } from '../../../../cards/types.js';
import { TOPIC_OUTCOME_LABEL, TOPIC_OUTCOMES } from '../../domain/topic-fields.js';
import { MINUTES_ACTIONS } from './record-card.js';

/** Which topic of which meeting a form is for, and what was typed (shown again with the reason on a refusal). */
export interface RecordFormInput {
  meetingId: string;
  meetingNumber: string;
  topicId: string;
  topicTitle: string;
  values?: Record<string, string>;
  error?: string;
}

const input = (
  name: string,
  label: string,
  o: { value?: string; placeholder?: string; required?: boolean; multiline?: boolean; max?: number },
): CardElement => ({
  tag: 'input',
  name,
  label: plain(label),
  required: o.required ?? false,
  input_type: o.multiline ? 'multiline_text' : 'text',
  max_length: o.max ?? 200,
  ...(o.placeholder ? { placeholder: plain(o.placeholder) } : {}),
  ...(o.value ? { default_value: o.value } : {}),
});

const buttons = (f: RecordFormInput, submit: string): CardElement[] => [
  {
    tag: 'button',
    name: 'submit',
    text: plain('保存'),
    type: 'primary',
    form_action_type: 'submit',
    behaviors: [{ type: 'callback', value: { a: submit, m: f.meetingId, t: f.topicId } }],
  },
  {
    tag: 'button',
    name: 'back',
    text: plain('返回'),
    type: 'default',
    behaviors: [{ type: 'callback', value: { a: MINUTES_ACTIONS.back, m: f.meetingId } }],
  },
];

const head = (f: RecordFormInput): CardElement[] => [
  ...(f.error ? [markdown(`<font color='red'>${inlineText(f.error)}</font>`)] : []),
  markdown(`**${inlineText(f.meetingNumber)}**　议题「${inlineText(f.topicTitle)}」`),
];

/** 记录结果: the outcome (通过 / 原则通过 / 修改后通过 / 暂缓 / 不通过) and an opinion. */
export function presentOutcomeForm(f: RecordFormInput): Card {
  const v = f.values ?? {};
  const select: CardElement = {
    tag: 'select_static',
    name: 'outcome',
    required: true,
    placeholder: plain('审议结果'),
    ...(v.outcome ? { initial_option: v.outcome } : {}),
    options: TOPIC_OUTCOMES.map((o) => ({ text: plain(TOPIC_OUTCOME_LABEL[o]), value: TOPIC_OUTCOME_LABEL[o] })),
  };
  return card({
    title: '记录审议结果',
    template: 'wathet',
    elements: [
      ...head(f),
      {
        tag: 'form',
        name: 'outcome',
        elements: [
          markdown("**审议结果**<font color='red'>*</font>"),
          select,
          input('note', '会议意见（可选）', { value: v.note, multiline: true, max: 500, placeholder: '如：请进一步细化资金测算' }),
          ...buttons(f, MINUTES_ACTIONS.outcome),
        ],
      },
    ],
  });
}

/** 添加议定事项: content, 承办单位 (required), 负责领导, 完成时限 (any phrase of the shared date parser). */
export function presentDecisionForm(f: RecordFormInput): Card {
  const v = f.values ?? {};
  return card({
    title: '添加议定事项',
    template: 'wathet',
    elements: [
      ...head(f),
      {
        tag: 'form',
        name: 'decision',
        elements: [
          input('content', '议定内容（必填）', { value: v.content, required: true, multiline: true, max: 500 }),
          input('unit', '承办单位（必填）', { value: v.unit, required: true, max: 100, placeholder: '如：县住建局' }),
          input('leader', '负责领导（可选）', { value: v.leader, max: 50, placeholder: '如：李副县长' }),
          input('deadline', '完成时限（可选，不填则不列入督查督办）', { value: v.deadline, max: 50, placeholder: '如：10月30日、下周五、10个工作日' }),
          ...buttons(f, MINUTES_ACTIONS.decision),
        ],
      },
    ],
  });
}
