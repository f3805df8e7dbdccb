import { actionButton, card, markdown, md, plain } from '../../../cards/elements.js';
import type { Card, CardElement } from '../../../cards/types.js';
import { KIND_LABEL, KINDS, URGENCIES, URGENCY_LABEL } from '../domain/kinds.js';
import type { DraftView, StepView } from '../view.js';
import { stepValue } from './holder-card.js';
import { inline } from './text.js';

/**
 * Forms open in place of the holder's card (a DM: only the holder sees it); submitting answers with the
 * card in its new state, 返回 restores it. Whoever submits is checked again, never the card.
 */
const input = (name: string, label: string, o: { required?: boolean; multiline?: boolean; placeholder?: string; value?: string } = {}): CardElement => ({
  tag: 'input',
  name,
  label: plain(label),
  required: o.required ?? false,
  input_type: o.multiline ? 'multiline_text' : 'text',
  max_length: o.multiline ? 1000 : 200,
  ...(o.placeholder ? { placeholder: plain(o.placeholder) } : {}),
  ...(o.value ? { default_value: o.value } : {}),
});

const select = (name: string, placeholder: string, options: [string, string][], initial?: string): CardElement => ({
  tag: 'select_static',
  name,
  required: false,
  placeholder: plain(placeholder),
  ...(initial ? { initial_option: initial } : {}),
  options: options.map(([value, label]) => ({ text: plain(label), value })),
});

const submit = (label: string, actionKey: string, value: Record<string, string | number>): CardElement => ({
  tag: 'button',
  name: 'submit',
  text: plain(label),
  type: 'primary',
  form_action_type: 'submit',
  behaviors: [{ type: 'callback', value: { a: actionKey, ...value } }],
});

const label = (text: string, required = false): CardElement => markdown(`**${text}**${required ? "<font color='red'>*</font>" : ''}`);

function stepForm(v: DraftView, s: StepView, title: string, fields: CardElement[], submitLabel: string, key: string, error?: string): Card {
  return card({
    title: `${title} · ${v.number}`,
    template: 'wathet',
    elements: [
      markdown(md`**${v.title}**\n审核级别：${s.label}（${s.personName}）`),
      ...(error ? [markdown(`**未能提交**：${inline(error)}`)] : []),
      { tag: 'form', name: key.replace(/\W/g, '_'), elements: [...fields, submit(submitLabel, key, stepValue(v, s))] },
      actionButton('返回', 'rv.back', stepValue(v, s)),
    ],
  });
}

export function presentReturnForm(v: DraftView, s: StepView, error?: string): Card {
  return stepForm(
    v,
    s,
    '退回修改',
    [input('comment', '修改意见（必填）', { required: true, multiline: true, placeholder: '请写明需要修改的内容' })],
    '确认退回',
    'rv.return.submit',
    error,
  );
}

export function presentTransferForm(v: DraftView, s: StepView, people: { id: string; name: string }[], error?: string): Card {
  return stepForm(
    v,
    s,
    '转交',
    [
      label(`转交给（同为「${s.label}」的人员）`, true),
      select(
        'to',
        people.length ? '请选择' : '名册中没有其他可转交的人员',
        people.map((p) => [p.id, p.name]),
      ),
      input('reason', '转交理由（必填）', { required: true, multiline: true, placeholder: '如：出差，由其代为审核' }),
    ],
    '确认转交',
    'rv.transfer.submit',
    error,
  );
}

export function presentAddForm(v: DraftView, s: StepView, error?: string): Card {
  return stepForm(
    v,
    s,
    '加签',
    [
      input('person', '加签人姓名（必填）', { required: true, placeholder: '名册中的姓名，如 秦审查' }),
      input('label', '加签事项', { placeholder: '如：业务把关（不填为「加签」）' }),
    ],
    '确认加签',
    'rv.add.submit',
    error,
  );
}

export interface SubmitFormOptions {
  units: { id: string; name: string }[];
  /** The drafter's own unit (preselected). */
  unitId?: string;
  /** A file sent to the bot: the draft is that file. */
  file?: { messageId: string; key: string; name: string };
  error?: string;
  values?: Record<string, string>;
}

/** 审核 提交: title, kind, urgency, the docx link (or the file sent), the drafter's unit and a note. */
export function presentSubmitForm(o: SubmitFormOptions): Card {
  const v = (k: string) => o.values?.[k] || undefined;
  const fields: CardElement[] = [
    input('title', '文稿标题（必填）', { required: true, value: v('title') ?? (o.file ? o.file.name.replace(/\.[^.]+$/, '') : undefined) }),
    label('文稿类型', true),
    select(
      'kind',
      '请选择文稿类型',
      KINDS.map((k) => [k, KIND_LABEL[k]]),
      v('kind'),
    ),
    label('紧急程度'),
    select(
      'urgency',
      '平件',
      URGENCIES.map((u) => [u, URGENCY_LABEL[u]]),
      v('urgency') ?? 'normal',
    ),
    ...(o.file
      ? [markdown(md`文稿：附件「${o.file.name}」`)]
      : [input('link', '飞书文档链接（必填）', { required: true, placeholder: 'https://….feishu.cn/docx/…', value: v('link') })]),
    label('起草单位'),
    select(
      'unit',
      '本人所在单位',
      o.units.map((u) => [u.id, u.name]),
      v('unit') ?? o.unitId,
    ),
    input('note', '说明', { multiline: true, value: v('note') }),
  ];
  const value: Record<string, string> = o.file ? { m: o.file.messageId, f: o.file.key, n: o.file.name } : {};
  return card({
    title: '提交文稿审核',
    template: 'wathet',
    elements: [
      markdown(o.file ? '请填写文稿信息后提交，文稿为您刚发送的文件。' : '请填写文稿信息后提交。也可把文稿文件（.docx、.pdf 等）私聊发给助手，按提示提交。'),
      ...(o.error ? [markdown(`**未能提交**：${inline(o.error)}`)] : []),
      { tag: 'form', name: 'submit_draft', elements: [...fields, submit('提交送审', 'rv.submit', value)] },
    ],
  });
}
