import { card, markdown, plain } from '../../../cards/elements.js';
import type { Card, CardElement } from '../../../cards/types.js';
import { LEGAL_BASES, LEGAL_BASIS_LABEL, TOPIC_LIMITS } from '../domain/topic-fields.js';

export interface SubmitFormOptions {
  types: { id: string; name: string }[];
  units: { id: string; name: string }[];
  leaders: { id: string; name: string }[];
  /** Preselected: the submitter's unit, and its 分管领导 from the directory. */
  unitId?: string;
  leaderId?: string;
  error?: string;
  values?: Record<string, string | string[]>;
}

const input = (
  name: string,
  label: string,
  o: { required?: boolean; multiline?: boolean; placeholder?: string; value?: string; max?: number } = {},
): CardElement => ({
  tag: 'input',
  name,
  label: plain(label),
  required: o.required ?? false,
  input_type: o.multiline ? 'multiline_text' : 'text',
  max_length: o.max ?? (o.multiline ? 1000 : 200),
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

const label = (text: string, required = false): CardElement => markdown(`**${text}**${required ? "<font color='red'>*</font>" : ''}`);

/**
 * 议题 申报: the form (units' liaisons and unit heads). Whatever comes back is checked again on submit; a
 * refusal returns the form with what was typed and the reason, and nothing is written.
 */
export function presentSubmitForm(o: SubmitFormOptions): Card {
  const v = (k: string) => {
    const x = o.values?.[k];
    return typeof x === 'string' && x ? x : undefined;
  };
  const fields: CardElement[] = [
    input('title', '议题名称（必填）', {
      required: true,
      value: v('title'),
      max: TOPIC_LIMITS.titleChars,
      placeholder: '如：关于《县城区停车管理办法》的议题',
    }),
    label('会议类型', true),
    select(
      'type',
      '请选择会议类型',
      o.types.map((t) => [t.id, t.name]),
      v('type') ?? o.types[0]?.id,
    ),
    label('申报单位', true),
    select(
      'unit',
      '本人所在单位',
      o.units.map((u) => [u.id, u.name]),
      v('unit') ?? o.unitId,
    ),
    input('presenter', '汇报人（一般为单位主要负责人，填姓名）', { value: v('presenter'), placeholder: '不填为申报单位主要负责人' }),
    label('分管领导', true),
    select(
      'leader',
      '申报单位的分管领导',
      o.leaders.map((l) => [l.id, l.name]),
      v('leader') ?? o.leaderId,
    ),
    input('materials', `汇报材料（飞书文档链接，最多 ${TOPIC_LIMITS.materials} 份，每份不超过 ${TOPIC_LIMITS.materialChars} 字）`, {
      required: true,
      multiline: true,
      value: v('materials'),
      placeholder: 'https://….feishu.cn/docx/…（多份请换行）',
      max: 4000,
    }),
    input('attend', '列席单位（多个用顿号分隔）', { value: v('attend'), placeholder: '如：财政局、住建局' }),
    label('是否已征求相关单位意见'),
    select(
      'consulted',
      '请选择',
      [
        ['yes', '已征求'],
        ['no', '未征求'],
      ],
      v('consulted') ?? 'no',
    ),
    input('consultedWith', '征求意见单位', { value: v('consultedWith'), placeholder: '如：财政局、住建局' }),
    label('是否需要合法性审查（规范性文件、重大行政决策、合同须审查）', true),
    select('legal', '请选择', [['none', '不需要'], ...LEGAL_BASES.map((b): [string, string] => [b, `需要：${LEGAL_BASIS_LABEL[b]}`])], v('legal') ?? 'none'),
    input('minutes', `预计汇报时长（分钟，${TOPIC_LIMITS.minMinutes}–${TOPIC_LIMITS.maxMinutes}）`, {
      value: v('minutes') ?? String(TOPIC_LIMITS.defaultMinutes),
      max: 10,
    }),
    input('reason', '临时议题理由（晚于申报截止日提交时必填）', { multiline: true, value: v('reason'), max: TOPIC_LIMITS.reasonChars }),
  ];
  return card({
    title: '申报会议议题',
    template: 'wathet',
    elements: [
      markdown('请填写议题信息后提交，提交后送分管领导审核；需合法性审查的议题，审查通过后方可列入会议议程。'),
      ...(o.error ? [markdown(`**未能提交**：${o.error.replace(/[<>[\]&]/g, '')}`)] : []),
      {
        tag: 'form',
        name: 'submit_topic',
        elements: [
          ...fields,
          {
            tag: 'button',
            name: 'submit',
            text: plain('提交申报'),
            type: 'primary',
            form_action_type: 'submit',
            behaviors: [{ type: 'callback', value: { a: 'topics.submit' } }],
          },
        ],
      },
    ],
  });
}
