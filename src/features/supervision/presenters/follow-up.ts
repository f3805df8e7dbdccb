import { actionButton, buttonRow, card, markdown } from '../../../cards/elements.js';
import type { Card } from '../../../cards/types.js';
import type { ItemView } from '../view.js';
import { blockText, inline } from './text.js';

/** 回访: the unit confirms the result holds, or reports that the problem came back. */
export function presentFollowUpCard(v: ItemView, answered?: 'holds' | 'relapsed'): Card {
  const elements = [
    markdown(`**${inline(v.number)}** 已于前期办结销号。\n**工作内容**：${blockText(v.content)}\n请确认办理成效是否巩固。`),
    answered
      ? markdown(answered === 'holds' ? '已确认：办理成效巩固。' : '已反馈：问题出现反复，督查科将跟进。')
      : buttonRow([
          actionButton('成效巩固', 'sv.followup', { id: v.id, holds: true }, { type: 'primary' }),
          actionButton('出现反复', 'sv.followup', { id: v.id, holds: false }, { type: 'danger' }),
        ]),
  ];
  return card({ title: `督办回访 · ${v.number}`, template: answered === 'relapsed' ? 'red' : 'turquoise', elements });
}
