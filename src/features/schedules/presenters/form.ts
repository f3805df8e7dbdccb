import { card, markdown, plain } from '../../../cards/elements.js';
import type { Card, CardElement } from '../../../cards/types.js';
import { VISIBILITY_LABEL } from '../domain/entry.js';
import { inline, leaderLabel, type LeaderName } from './text.js';

export const FORM_SUBMIT_ACTION = 'sch.form.submit';

/** What the form shows filled in (a modification, or a form sent back with a message). */
export interface FormValues {
  leader?: string;
  date?: string;
  time?: string;
  activity?: string;
  place?: string;
  accompany?: string;
  attendees?: string;
  contact?: string;
  visibility?: string;
  status?: string;
  remind?: string;
  backfill?: string;
}

const input = (name: string, label: string, o: { required?: boolean; placeholder?: string; value?: string; max?: number } = {}): CardElement => ({
  tag: 'input',
  name,
  label: plain(label),
  required: o.required ?? false,
  max_length: o.max ?? 200,
  ...(o.placeholder ? { placeholder: plain(o.placeholder) } : {}),
  ...(o.value ? { default_value: o.value } : {}),
});

const select = (name: string, placeholder: string, options: [string, string][], initial?: string, required = false): CardElement => ({
  tag: 'select_static',
  name,
  required,
  placeholder: plain(placeholder),
  ...(initial ? { initial_option: initial } : {}),
  options: options.map(([value, text]) => ({ text: plain(text), value })),
});

const label = (text: string, required = false) => markdown(`**${text}**${required ? " <font color='red'>*</font>" : ''}`);

/**
 * The entry form: the leaders this secretary keeps, a date, the time as typed (the same phrases as the one
 * line), the activity and the rest. Submitting shows the confirmation card, never saves directly. The
 * submit button names the entry being changed (and the version shown), nothing about who may change it.
 */
export function presentEntryForm(o: { leaders: LeaderName[]; values?: FormValues; error?: string; entry?: { id: string; version: number } }): Card {
  const v = o.values ?? {};
  const fields: CardElement[] = [
    label('领导', true),
    select(
      'leader',
      '选择领导',
      o.leaders.map((l) => [l.id, leaderLabel(l)]),
      v.leader ?? (o.leaders.length === 1 ? o.leaders[0]!.id : undefined),
      true,
    ),
    label('日期', true),
    { tag: 'date_picker', name: 'date', required: true, placeholder: plain('活动日期'), ...(v.date ? { initial_date: v.date.slice(0, 10) } : {}) },
    input('time', '时间', { required: true, placeholder: '如 上午9:00-11:30、下午3点、上午、全天', value: v.time, max: 30 }),
    input('activity', '活动内容', { required: true, placeholder: '如 主持召开县政府常务会议', value: v.activity }),
    input('place', '地点', { placeholder: '如 县政府三楼会议室', value: v.place, max: 100 }),
    input('accompany', '陪同人员', { value: v.accompany }),
    input('attendees', '参加人员', { value: v.attendees, max: 300 }),
    input('contact', '联系人（秘书及电话）', { value: v.contact, max: 100 }),
    label('公开范围'),
    select('visibility', '公开范围', Object.entries(VISIBILITY_LABEL) as [string, string][], v.visibility ?? 'internal'),
    label('状态'),
    select(
      'status',
      '状态',
      [
        ['confirmed', '确定'],
        ['draft', '拟定'],
      ],
      v.status ?? 'confirmed',
    ),
    input('remind', '提前提醒（分钟，不填按默认）', { placeholder: '如 30', value: v.remind, max: 4 }),
    label('是否补录（日期已过的事后登记）'),
    select(
      'backfill',
      '是否补录',
      [
        ['no', '否'],
        ['yes', '是，补录'],
      ],
      v.backfill ?? 'no',
    ),
    {
      tag: 'button',
      name: 'submit',
      text: plain('提交'),
      type: 'primary',
      form_action_type: 'submit',
      behaviors: [{ type: 'callback', value: { a: FORM_SUBMIT_ACTION, ...(o.entry ? { e: o.entry.id, v: o.entry.version } : {}) } }],
    },
  ];
  const elements: CardElement[] = [];
  if (o.error) elements.push(markdown(`<font color='red'>${o.error.split('\n').map(inline).join('\n')}</font>`));
  elements.push({ tag: 'form', name: 'entry', elements: fields });
  return card({ title: o.entry ? '修改日程' : '新增日程', template: 'wathet', elements });
}
