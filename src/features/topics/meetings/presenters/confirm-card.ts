import { actionButton, buttonRow, card, markdown, md, plain } from '../../../../cards/elements.js';
import type { Card, CardElement } from '../../../../cards/types.js';
import { MEETING_ACTIONS } from './actions.js';
import { inline } from './text.js';

/** What a new meeting will be, as understood (nothing is created until 确认). */
export interface NewMeetingFacts {
  typeId: string;
  typeName: string;
  /** YYYY-MM-DD and minute of the day: what 确认 creates. */
  date: string;
  minute: number;
  /** 12月8日（周二）上午9:00 */
  whenText: string;
  place: string;
  /** How phrases were read, and anything to check (a day off …). */
  notes: string[];
  /** The number it will most likely get (the real one is given on 确认). */
  expectedNumber: string;
}

export const newMeetingValue = (f: Pick<NewMeetingFacts, 'typeId' | 'date' | 'minute' | 'place'>) => ({ t: f.typeId, d: f.date, n: f.minute, p: f.place });

/**
 * The confirmation of `会议 新建 …`: type, time and place as understood. The buttons carry only what was
 * understood; whoever clicks is checked again, the time again against the clock.
 */
export function presentNewMeetingConfirm(f: NewMeetingFacts): Card {
  const lines = [
    md`**会议类型**：${f.typeName}`,
    md`**会议时间**：${f.whenText}`,
    md`**会议地点**：${f.place}`,
    md`**会议编号**：确认后编号（预计为${f.expectedNumber}）`,
  ];
  const blocks: CardElement[] = [markdown(lines.join('\n'))];
  if (f.notes.length) blocks.push(markdown(`<font color='grey'>说明：${f.notes.map(inline).join('；')}</font>`));
  blocks.push(markdown('以上为识别结果，**尚未新建**。核对无误请点击「确认」，需要调整请点击「修改」。'));
  const value = newMeetingValue(f);
  blocks.push(
    buttonRow([
      actionButton('确认', MEETING_ACTIONS.confirm, value, { type: 'primary' }),
      actionButton('修改', MEETING_ACTIONS.edit, value),
      actionButton('放弃', MEETING_ACTIONS.discard, {}),
    ]),
  );
  return card({ title: '请确认新建会议', subtitle: f.typeName, template: 'blue', elements: blocks });
}

/** 修改: the same three things as a form; submitting shows the confirmation again. */
export function presentNewMeetingForm(v: { type: string; when: string; place: string; error?: string }): Card {
  const input = (name: string, label: string, value: string, placeholder: string): CardElement => ({
    tag: 'input',
    name,
    label: plain(label),
    required: true,
    max_length: 100,
    placeholder: plain(placeholder),
    ...(value ? { default_value: value } : {}),
  });
  const elements: CardElement[] = [];
  if (v.error) elements.push(markdown(`<font color='red'>${v.error.split('\n').map(inline).join('\n')}</font>`));
  elements.push({
    tag: 'form',
    name: 'meeting',
    elements: [
      input('type', '会议类型', v.type, '如 常务会、县长办公会、专题会、党组会'),
      input('when', '会议时间', v.when, '如 12月8日上午9:00、下周一 9:00'),
      input('place', '会议地点', v.place, '如 三楼会议室'),
      {
        tag: 'button',
        name: 'submit',
        text: plain('提交'),
        type: 'primary',
        form_action_type: 'submit',
        behaviors: [{ type: 'callback', value: { a: MEETING_ACTIONS.form } }],
      },
    ],
  });
  return card({ title: '修改会议信息', template: 'wathet', elements });
}

export function presentNewMeetingDiscarded(): Card {
  return card({ title: '已放弃', template: 'grey', elements: [markdown('本次会议未新建。')] });
}
