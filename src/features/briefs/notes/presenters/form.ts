import { card, escapeMarkdown, markdown, plain } from '../../../../cards/elements.js';
import type { Card, CardElement } from '../../../../cards/types.js';

export const REPORT_FORM_ACTION = 'info.report.form';

/** What a card input may hold (Lark's limit); a longer note goes by command. */
export const FORM_MAX_CHARS = 1000;

const select = (name: string, placeholder: string, options: readonly (readonly [string, string])[], initial: string): CardElement => ({
  tag: 'select_static',
  name,
  required: false,
  placeholder: plain(placeholder),
  initial_option: initial,
  options: options.map(([value, text]) => ({ text: plain(text), value })),
});

/**
 * 信息 报送 without text: a form with the text, the kind (or none), 内部/涉密 and 急情要事. The submit button
 * carries nothing but its action: who reports for which unit is read from the clicker, never the card.
 */
export function presentReportForm(kinds: readonly string[]): Card {
  const fields: CardElement[] = [
    {
      tag: 'input',
      name: 'body',
      label: plain('信息正文'),
      required: true,
      input_type: 'multiline_text',
      max_length: FORM_MAX_CHARS,
      placeholder: plain('时间、地点、事件、成效、数字等写清楚；超过1000字请用「信息 报送 <正文>」'),
    },
    markdown('**类别**（可不选，由信息科确定）'),
    select('kind', '类别', [['', '不指定'], ...kinds.map((k) => [k, k] as const)], ''),
    markdown('**密级标记**'),
    select(
      'mark',
      '密级标记',
      [
        ['none', '无'],
        ['internal', '内部'],
        ['secret', '涉密'],
      ],
      'none',
    ),
    markdown('**是否急情要事**'),
    select(
      'urgent',
      '是否急情要事',
      [
        ['no', '否'],
        ['yes', '是（立即报送信息科和值班领导）'],
      ],
      'no',
    ),
    {
      tag: 'button',
      name: 'submit',
      text: plain('报送'),
      type: 'primary',
      form_action_type: 'submit',
      behaviors: [{ type: 'callback', value: { a: REPORT_FORM_ACTION } }],
    },
  ];
  return card({ title: '报送政务信息', template: 'wathet', summary: '报送政务信息', elements: [{ tag: 'form', name: 'report', elements: fields }] });
}

/** The form's card once the note is taken: the receipt in place of the form (no second submit). */
export function presentReported(receipt: string): Card {
  return card({ title: '政务信息已报送', template: 'green', summary: '政务信息已报送', elements: [markdown(escapeMarkdown(receipt))] });
}
