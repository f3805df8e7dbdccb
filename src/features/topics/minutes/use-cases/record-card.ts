import type { Card } from '../../../../cards/types.js';
import { officeDate } from '../../../../platform/phrases/index.js';
import type { FeatureDeps } from '../../../deps.js';
import { readDirectory, unitNameOf } from '../../../org/index.js';
import { decisionsOfMeeting } from '../../repositories/decisions.js';
import { topicsOnMeeting } from '../../repositories/topics.js';
import { presentRecordCard } from '../presenters/record-card.js';
import { meetingById } from './lookup.js';

/** The 会议记录 card of a meeting as it now is (outcomes, decisions; the buttons while still open). */
export async function recordCard(deps: FeatureDeps, meetingId: string, notice?: string): Promise<Card> {
  const { meeting } = await meetingById(deps, meetingId);
  const [agenda, decisions, dir] = await Promise.all([
    topicsOnMeeting(deps.prisma, meeting.id),
    decisionsOfMeeting(deps.prisma, meeting.id),
    readDirectory(deps.prisma),
  ]);
  const nameOf = (id: string) => dir.people.find((p) => p.id === id)?.name ?? '';
  return presentRecordCard({
    meeting: { id: meeting.id, number: meeting.number, minutesDue: meeting.minutesDueDate ? officeDate(meeting.minutesDueDate) : '' },
    topics: agenda.map((t) => ({
      id: t.id,
      title: t.title,
      outcome: t.outcome,
      outcomeNote: t.outcomeNote,
      decisions: decisions
        .filter((d) => d.topicId === t.id)
        .map((d) => ({
          position: d.position,
          content: d.content,
          unitName: unitNameOf(dir, d.unitId),
          leaderName: nameOf(d.leaderId),
          deadline: d.deadline ? officeDate(d.deadline) : '',
        })),
    })),
    open: meeting.status === 'held',
    ...(notice ? { notice } : {}),
  });
}
