import { actionButton, buttonRow, card, inlineText, markdown } from '../../../../cards/elements.js';
import type { Card, CardElement } from '../../../../cards/types.js';
import { TOPIC_OUTCOME_LABEL, type TopicOutcome } from '../../domain/topic-fields.js';

/** The minutes part's card action keys (`minutes.*`). */
export const MINUTES_ACTIONS = {
  outcomeForm: 'minutes.outcome_form',
  outcome: 'minutes.outcome',
  decisionForm: 'minutes.decision_form',
  decision: 'minutes.decision',
  back: 'minutes.back',
} as const;

/** What the 会议记录 card shows: the held meeting, its agenda with outcomes, each topic's decisions. */
export interface RecordCardInput {
  meeting: { id: string; number: string; minutesDue: string };
  topics: {
    id: string;
    title: string;
    outcome: string;
    outcomeNote: string;
    decisions: { position: number; content: string; unitName: string; leaderName: string; deadline: string }[];
  }[];
  /** Still open for recording (held, the 纪要 not yet sent for review): the buttons are shown. */
  open: boolean;
  /** What the last click did, said on top. */
  notice?: string;
}

/**
 * 会议记录 (after 会议 召开): per topic its outcome and decisions, and the buttons 记录结果 / 添加议定事项
 * (the same checks and words as `会议 结果` and `会议 议定`). The buttons name the meeting and the topic
 * only; who may record is decided from the person who clicks.
 */
export function presentRecordCard(v: RecordCardInput): Card {
  const elements: CardElement[] = [];
  if (v.notice) elements.push(markdown(`<font color='green'>${inlineText(v.notice)}</font>`));
  elements.push(markdown(`纪要应于**${inlineText(v.meeting.minutesDue)}**前完成。请逐项记录审议结果和议定事项。`));
  v.topics.forEach((t, i) => {
    const outcome = t.outcome ? TOPIC_OUTCOME_LABEL[t.outcome as TopicOutcome] : '未记录';
    const lines = [`**议题${i + 1}** ${inlineText(t.title)}`, `审议结果：${outcome}${t.outcomeNote ? `（${inlineText(t.outcomeNote)}）` : ''}`];
    for (const d of t.decisions)
      lines.push(
        `- 议定${d.position}：${inlineText(d.content)}｜承办：${inlineText(d.unitName)}${d.leaderName ? `｜负责领导：${inlineText(d.leaderName)}` : ''}｜${d.deadline ? `时限：${d.deadline}` : '未定时限'}`,
      );
    elements.push(markdown(lines.join('\n')));
    if (v.open) {
      const value = { m: v.meeting.id, t: t.id };
      elements.push(
        buttonRow([
          actionButton('记录结果', MINUTES_ACTIONS.outcomeForm, value, { type: t.outcome ? 'default' : 'primary' }),
          actionButton('添加议定事项', MINUTES_ACTIONS.decisionForm, value),
        ]),
      );
    }
  });
  if (!v.open) elements.push(markdown("<font color='grey'>纪要已送审，审议结果和议定事项不能再修改。</font>"));
  return card({ title: `${v.meeting.number}会议记录`, template: v.open ? 'blue' : 'grey', summary: `${v.meeting.number}会议记录`, elements });
}
