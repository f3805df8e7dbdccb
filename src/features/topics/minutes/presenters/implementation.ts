import { card, inlineText, markdown } from '../../../../cards/elements.js';
import type { Card, CardElement } from '../../../../cards/types.js';
import { TOPIC_OUTCOME_LABEL, type TopicOutcome } from '../../domain/topic-fields.js';
import { MEETING_STATUS_LABEL, type MeetingStatus } from '../../machine.js';

/** What the 落实情况 card needs: the meeting, its agenda, and each decision with its item's state. */
export interface ImplementationInput {
  meeting: { number: string; status: string; minutesNumber: string };
  agenda: { id: string; title: string; outcome: string }[];
  rows: {
    decision: { topicId: string; position: number; content: string; deadline: string; supervisionNumber: string };
    item?: { number: string; statusLabel: string; closed: boolean };
  }[];
  /** Every item 销号. */
  all: boolean;
}

/** 落实情况: per topic its outcome, per decision its 督办 item and state; 全部落实 once every item is 销号. */
export function presentImplementation(v: ImplementationInput): Card {
  const status = MEETING_STATUS_LABEL[v.meeting.status as MeetingStatus] ?? v.meeting.status;
  const head = `**${inlineText(v.meeting.number)}**　${status}${v.meeting.minutesNumber ? `　纪要${inlineText(v.meeting.minutesNumber)}` : ''}`;
  const elements: CardElement[] = [markdown(head)];
  v.agenda.forEach((t, i) => {
    const outcome = t.outcome ? TOPIC_OUTCOME_LABEL[t.outcome as TopicOutcome] : '未记录审议结果';
    const lines = [`**议题${i + 1}** ${inlineText(t.title)}（${outcome}）`];
    for (const r of v.rows.filter((x) => x.decision.topicId === t.id)) {
      const state = r.item
        ? `${inlineText(r.item.number)} ${r.item.closed ? '已销号' : inlineText(r.item.statusLabel)}`
        : r.decision.deadline
          ? '待签发后立项'
          : '未定时限，不列入督办';
      lines.push(`- ${r.decision.position}. ${inlineText(r.decision.content)}｜${state}`);
    }
    elements.push(markdown(lines.join('\n')));
  });
  const tracked = v.rows.filter((r) => r.item);
  const closed = tracked.filter((r) => r.item!.closed).length;
  elements.push(
    markdown(v.all ? '**议定事项已全部落实（全部销号）。**' : tracked.length ? `督办事项 ${tracked.length} 项，已销号 ${closed} 项。` : '尚无督办事项。'),
  );
  return card({ title: `${v.meeting.number}落实情况`, template: v.all ? 'green' : 'blue', summary: `${v.meeting.number}落实情况`, elements });
}
