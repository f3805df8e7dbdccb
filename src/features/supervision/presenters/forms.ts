import { actionButton, card, markdown, plain } from '../../../cards/elements.js';
import type { Card, CardElement } from '../../../cards/types.js';
import { CYCLE_LABEL, SOURCE_LABEL, type ItemView } from '../view.js';
import { blockText, inline } from './text.js';

/**
 * Forms open in place of the item card (the click's response replaces the card); submitting returns
 * the item card in its new state, 返回 returns it unchanged.
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

const select = (name: string, placeholder: string, options: [string, string][], o: { required?: boolean; initial?: string } = {}): CardElement => ({
  tag: 'select_static',
  name,
  required: o.required ?? false,
  placeholder: plain(placeholder),
  ...(o.initial ? { initial_option: o.initial } : {}),
  options: options.map(([value, label]) => ({ text: plain(label), value })),
});

const submit = (label: string, actionKey: string, value: Record<string, string>): CardElement => ({
  tag: 'button',
  name: 'submit',
  text: plain(label),
  type: 'primary',
  form_action_type: 'submit',
  behaviors: [{ type: 'callback', value: { a: actionKey, ...value } }],
});

function formCard(v: ItemView, title: string, formName: string, fields: CardElement[], submitLabel: string, actionKey: string): Card {
  return card({
    title: `${title} · ${v.number}`,
    template: 'wathet',
    elements: [
      markdown(`**工作内容**：${blockText(v.content)}\n**完成时限**：${inline(v.deadline)}`),
      { tag: 'form', name: formName, elements: [...fields, submit(submitLabel, actionKey, { id: v.id })] },
      actionButton('返回', 'sv.back', { id: v.id }),
    ],
  });
}

const PERCENTS: [string, string][] = ['10', '20', '30', '40', '50', '60', '70', '80', '90', '100'].map((p) => [p, `${p}%`]);

export function presentProgressForm(v: ItemView): Card {
  return formCard(
    v,
    '反馈进展',
    'progress',
    [
      input('done', '已完成的工作', { required: true, multiline: true, placeholder: '本阶段完成了哪些工作' }),
      select('percent', '完成进度', PERCENTS, { required: true }),
      input('next', '下一步计划', { multiline: true }),
    ],
    '提交进展',
    'sv.progress.submit',
  );
}

export function presentExtensionForm(v: ItemView): Card {
  return formCard(
    v,
    '申请延期',
    'extension',
    [
      input('reason', '延期理由', { required: true, multiline: true }),
      { tag: 'date_picker', name: 'date', required: true, placeholder: plain('申请延至（须为工作日）') },
    ],
    '提交申请',
    'sv.ext.submit',
  );
}

export function presentClosureForm(v: ItemView): Card {
  return formCard(
    v,
    '申请办结',
    'closure',
    [input('result', '办理结果', { required: true, multiline: true, placeholder: '办理结果及成效' })],
    '提交办结申请',
    'sv.closure.submit',
  );
}

export function presentRefuseForm(v: ItemView): Card {
  return formCard(v, '退回办结申请', 'refuse', [input('reason', '退回理由', { required: true, multiline: true })], '确认退回', 'sv.refuse.submit');
}

export interface CreateFormOptions {
  /** In the office's order (org formLists): 办公室科室, 镇街, 县直部门. */
  units: { id: string; name: string }[];
  /** By rank (org formLists): 县长, 常务副县长, 副县长… */
  leaders: { id: string; name: string; title?: string }[];
}

/** A select or date picker shows only its value once chosen (the placeholder goes): its label stays above it. */
const label = (text: string, required = false): CardElement => markdown(`**${text}**${required ? "<font color='red'>*</font>" : ''}`);

/** 吴立新（常务副县长）; a name that already says the title (吴副县长) as it is. */
const leaderLabel = (l: { name: string; title?: string }) => (l.title && !l.name.endsWith(l.title.slice(-2)) ? `${l.name}（${l.title}）` : l.name);

export const LEADER_DEFAULT_NOTE = '负责领导不选时，为承办单位在名册中的分管领导；该单位未登记分管领导的，超期时只提醒承办单位和督查工作群，不通知领导。';

/**
 * 督办 新建: every ledger field, one form. After a refused submission it comes back with the error and
 * what was typed, so nothing has to be entered twice.
 */
export function presentCreateForm(o: CreateFormOptions, error?: string, values: Record<string, string> = {}): Card {
  const v = (k: string) => values[k] || undefined;
  const fields: CardElement[] = [
    input('content', '工作内容', { required: true, multiline: true, value: v('content') }),
    input('standard', '工作标准', { multiline: true, value: v('standard') }),
    label('承办单位', true),
    select(
      'unit',
      '承办单位',
      o.units.map((u) => [u.id, u.name]),
      { required: true, initial: v('unit') },
    ),
    input('person', '责任人姓名（不填则由单位督查联络员负责）', { value: v('person') }),
    label('负责领导'),
    select(
      'leader',
      '负责领导',
      o.leaders.map((l) => [l.id, leaderLabel(l)]),
      { initial: v('leader') },
    ),
    markdown(`<font color='grey'>${LEADER_DEFAULT_NOTE}</font>`),
    label('完成时限', true),
    {
      tag: 'date_picker',
      name: 'deadline',
      required: true,
      placeholder: plain('完成时限（须为工作日）'),
      ...(v('deadline') ? { initial_date: v('deadline')!.slice(0, 10) } : {}),
    },
    label('事项来源', true),
    select('source', '事项来源', Object.entries(SOURCE_LABEL), { required: true, initial: v('source') ?? 'instruction' }),
    input('ref', '来源文号或说明', { placeholder: '如：县长批示〔2026〕12号、第8次常务会', value: v('ref') }),
    label('紧急程度'),
    select(
      'urgency',
      '紧急程度',
      [
        ['normal', '一般'],
        ['urgent', '紧急'],
      ],
      { initial: v('urgency') ?? 'normal' },
    ),
    label('进展报送周期'),
    select('cycle', '进展报送周期', Object.entries(CYCLE_LABEL), { initial: v('cycle') ?? 'none' }),
    label('是否承诺办理（B类提案）'),
    select(
      'promised',
      '是否承诺办理（B类提案）',
      [
        ['no', '否'],
        ['yes', '是'],
      ],
      { initial: v('promised') ?? 'no' },
    ),
    input('milestones', '实施步骤（可选，每行一项：日期 事项）', {
      multiline: true,
      placeholder: '2026-12-10 完成方案制定\n2026-12-25 完成主体工程',
      value: v('milestones'),
    }),
    input('followup', '办结后回访（可选：办结后几个工作日回访，不填则不回访）', { placeholder: '如：10个工作日', value: v('followup') }),
    submit('立项', 'sv.create.submit', {}),
  ];
  const elements: CardElement[] = [];
  if (error) elements.push(markdown(`<font color='red'>${inline(error)}</font>`));
  elements.push({ tag: 'form', name: 'create', elements: fields });
  return card({ title: '督办事项立项', template: 'blue', elements });
}
