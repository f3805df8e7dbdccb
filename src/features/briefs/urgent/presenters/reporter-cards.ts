import { actionButton, buttonRow, card, markdown, md } from '../../../../cards/elements.js';
import type { Card } from '../../../../cards/types.js';
import type { SixElement } from '../../domain/kinds.js';
import { gist } from './text.js';

export const CONFIRM_URGENT_ACTION = 'brf.urg.confirm';
export const DISMISS_URGENT_ACTION = 'brf.urg.dismiss';

/** The one-click question to the reporter when the keyword rules suspect an urgent matter. */
export function presentSuspicion(f: { noteId: string; number: string; body: string; keywords: readonly string[] }): Card {
  return card({
    title: `请确认：${f.number}是否属于急情要事`,
    template: 'orange',
    elements: [
      markdown(
        [
          md`您报送的信息${f.number}（${gist(f.body)}）含有「${f.keywords.join('、')}」等字样。`,
          '如属急情要事，请点击「确认为急情要事」：信息将立即送信息科和值班领导，并按事发后3小时时限跟踪。',
        ].join('\n'),
      ),
      buttonRow([
        actionButton('确认为急情要事', CONFIRM_URGENT_ACTION, { n: f.noteId }, { type: 'danger' }),
        actionButton('不是急情要事', DISMISS_URGENT_ACTION, { n: f.noteId }),
      ]),
    ],
  });
}

/** The card that replaces the question once answered. */
export function presentSuspicionAnswered(f: { number: string; confirmed: boolean }): Card {
  return card({
    title: f.confirmed ? `${f.number}已按急情要事报送` : `${f.number}按一般信息处理`,
    template: f.confirmed ? 'red' : 'grey',
    elements: [
      markdown(f.confirmed ? '已立即送信息科和值班领导。如有新情况，请发送「信息 续报 <续报内容>」。' : '已记录：该信息不属于急情要事，按一般信息处理。'),
    ],
  });
}

/**
 * What the reporter sees of their urgent matter: sent, and the six elements still missing (asked for by
 * name, with the command that fills them); once complete, it says so.
 */
export function presentReporterStatus(f: { number: string; missing: readonly SixElement[]; followUps: number }): Card {
  const lines = [md`急情要事${f.number}已立即送信息科和值班领导。`];
  if (f.missing.length) {
    lines.push(
      '',
      `**还缺少以下要素**：${f.missing.join('、')}。`,
      `请尽快核实，直接回复本卡片写明补充内容（在群里回复时请@助手），或发送「信息 续报 ${f.number} <补充内容>」补报，如：「信息 续报 ${f.number} 经核实，无人员伤亡，起火原因系电线老化。」`,
    );
  } else {
    lines.push('', '六要素（时间、地点、事件类型、影响范围、初步原因、已采取措施）已齐全。如有新情况，请继续续报。');
  }
  if (f.followUps) lines.push('', `已续报${f.followUps}次。`);
  return card({ title: `急情要事 ${f.number}`, template: f.missing.length ? 'orange' : 'green', elements: [markdown(lines.join('\n'))] });
}
