import { actionButton, buttonRow, card, divider, escapeMarkdown, markdown, md } from '../../../../cards/elements.js';
import type { Card } from '../../../../cards/types.js';
import { beijingDate } from '../../../../platform/time.js';
import type { ElementStatus } from '../../domain/json.js';
import { SIX_ELEMENTS } from '../../domain/kinds.js';
import type { UrgentClock } from '../domain/clock.js';
import { missingElements } from '../domain/elements.js';
import { clockText } from './text.js';

export const SENT_TO_LEADERS_ACTION = 'brf.urg.sent';

export interface FollowUpLine {
  number: string;
  reportedAt: Date;
  body: string;
}

/** A reply to one of the matter's cards, added to it. */
export interface ReplyLine {
  at: Date;
  byName: string;
  text: string;
}

/** What an urgent matter's card shows: the first report, its six elements, its clock, and its 续报 in order. */
export interface UrgentFacts {
  noteId: string;
  number: string;
  unitName: string;
  reporterName: string;
  reportedAt: Date;
  body: string;
  /** The elements of the whole thread (first report and 续报). */
  elements: ElementStatus;
  clock: UrgentClock;
  /** Whether the report named the event's time (else the clock runs from the report). */
  eventNamed: boolean;
  sent?: { at: Date; byName: string };
  followUps: readonly FollowUpLine[];
  /** What was added by replying to the matter's cards (the reporter, the unit's liaison, an editor). */
  replies?: readonly ReplyLine[];
  /** What the reporter attached (names; pictures stay with Lark, for the editors to open). */
  attachments?: readonly string[];
  /** The matter's first report was withdrawn by its reporter. */
  withdrawn?: boolean;
}

/** editor: the 信息科's card (with 已报送领导); leader: the duty leader's (read only). */
export type AlertView = 'editor' | 'leader';

/**
 * The card the editors and the duty leaders get at once. User text (unit, names, bodies) is escaped; the
 * button carries only the note's id — who clicks is checked against the roles, never the card.
 */
export function presentAlert(f: UrgentFacts, view: AlertView): Card {
  const day = beijingDate(f.clock.startAt);
  const missing = missingElements(f.elements);
  const head = [
    md`**报送单位**：${f.unitName}　**报送人**：${f.reporterName}`,
    md`**报送时间**：${clockText(f.reportedAt, day)}　**事发时间**：${f.eventNamed ? clockText(f.clock.startAt) : `未写明（按报送时间${clockText(f.clock.startAt)}计）`}`,
  ];
  const elements = SIX_ELEMENTS.map((e) => {
    const s = f.elements[e];
    return s?.present ? md`- ${e}：${s.text ?? '已写明'}` : `- ${e}：**未写明**`;
  });
  const status = f.withdrawn
    ? '**状态**：报送人已撤回首报，时限提醒停止。'
    : f.sent
      ? md`**状态**：已报送领导（${f.sent.byName}，${clockText(f.sent.at, day)}），时限提醒停止。`
      : `**时限**：事发后3小时内报送领导（${clockText(f.clock.escalateAt, day)}前）；${clockText(f.clock.remindAt, day)}提醒信息科，${clockText(f.clock.escalateAt, day)}仍未报送即告知办公室主任。`;
  const elements_: string[] = [
    ...head,
    '',
    escapeMarkdown(f.body),
    '',
    `**六要素**${missing.length ? `（缺${missing.length}项，已请报送单位补报）` : '（齐全）'}：`,
    ...elements,
    ...(f.attachments?.length
      ? ['', `**附件**（${f.attachments.length}个，请在报送人的会话中查看）：${f.attachments.map((a) => escapeMarkdown(a)).join('、')}`]
      : []),
  ];
  const blocks = [markdown(elements_.join('\n'))];
  if (f.followUps.length) {
    blocks.push(divider());
    blocks.push(
      markdown(
        [
          `**续报**（${f.followUps.length}次）：`,
          ...f.followUps.map((u, i) => `${i + 1}. ${md`${u.number}　${clockText(u.reportedAt, day)}`}\n${escapeMarkdown(u.body)}`),
        ].join('\n'),
      ),
    );
  }
  if (f.replies?.length) {
    blocks.push(divider());
    blocks.push(
      markdown(
        [
          `**回复补充**（${f.replies.length}条）：`,
          ...f.replies.map((r, i) => `${i + 1}. ${md`${r.byName}　${clockText(r.at, day)}`}\n${escapeMarkdown(r.text)}`),
        ].join('\n'),
      ),
    );
  }
  blocks.push(divider(), markdown(status));
  if (view === 'editor' && !f.sent && !f.withdrawn) {
    blocks.push(
      buttonRow([
        actionButton(
          '已报送领导',
          SENT_TO_LEADERS_ACTION,
          { n: f.noteId },
          { type: 'primary', confirm: { title: '确认已报送领导', text: '确认该急情要事已报送领导？确认后3小时时限提醒停止。' } },
        ),
      ]),
    );
  }
  return card({
    title: `急情要事 ${f.number}`,
    subtitle: view === 'editor' ? '请信息科即时处理、报送领导' : '请值班领导知悉',
    template: f.sent || f.withdrawn ? 'grey' : 'red',
    summary: `急情要事：${f.unitName}`,
    elements: blocks,
  });
}
