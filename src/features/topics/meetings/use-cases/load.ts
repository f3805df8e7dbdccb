import { BotError } from '../../../../errors.js';
import { readDirectory, type Directory } from '../../../org/index.js';
import type { FeatureDeps } from '../../../deps.js';
import { agendaBlocker } from '../../domain/route.js';
import { TOPIC_STATUS_LABEL, type TopicStatus } from '../../machine.js';
import type { Db } from '../../repositories/db.js';
import { findMeetingType } from '../../repositories/meeting-types.js';
import { findMeeting, type MeetingRow } from '../../repositories/meetings.js';
import { readyPool, topicsOnMeeting, type TopicRow } from '../../repositories/topics.js';
import { topicsInChain } from '../../repositories/agenda.js';
import { meetingView, type MeetingView } from '../agenda-view.js';
import type { PendingLine, PoolLine } from '../presenters/agenda-card.js';
import { presentArrangeCard } from '../presenters/agenda-card.js';
import { unitNameOf } from '../../../org/index.js';
import type { Card } from '../../../../cards/types.js';

export const meetingGone = () => new BotError('stale_card', '该会议不存在或已删除，请发送「会议 列表」查看。');

/** The topics an agenda shows: those pointing at the meeting, in order (顺延 / 移出 ones have left it). */
export const agendaOf = (db: Db, meetingId: string): Promise<TopicRow[]> => topicsOnMeeting(db, meetingId);

export async function viewOf(db: Db, m: MeetingRow, dir: Directory): Promise<MeetingView> {
  return meetingView(m, await findMeetingType(db, m.meetingTypeId), await agendaOf(db, m.id), dir);
}

export async function loadView(db: Db, meetingId: string, dir: Directory): Promise<MeetingView> {
  const m = await findMeeting(db, meetingId);
  if (!m) throw meetingGone();
  return viewOf(db, m, dir);
}

const blockerOf = (t: TopicRow, meetingId: string) => agendaBlocker({ ...t, meetingId });

/** The pool of ready topics for the meeting's type, each with why it may not go on this meeting, if so. */
export async function poolOf(db: Db, m: MeetingRow, dir: Directory): Promise<{ pool: PoolLine[]; pending: PendingLine[] }> {
  const unit = (id: string) => unitNameOf(dir, id) || '（已删除的单位）';
  const pool = (await readyPool(db, m.meetingTypeId)).map((t): PoolLine => {
    const blocker = blockerOf(t, m.id);
    return {
      topicId: t.id,
      version: t.version,
      number: t.number,
      title: t.title,
      unitName: unit(t.unitId),
      minutes: t.estimatedMinutes,
      postponedCount: t.postponedCount,
      ...(blocker ? { blocker } : {}),
    };
  });
  const pending = (await topicsInChain(db, m.meetingTypeId)).map((t): PendingLine => ({
    number: t.number,
    title: t.title,
    unitName: unit(t.unitId),
    reason: `${TOPIC_STATUS_LABEL[t.status as TopicStatus] ?? t.status}。${blockerOf(t, m.id) ?? ''}`,
  }));
  return { pool, pending };
}

/** The office's arrange card of a meeting as it now is. */
export async function arrangeCard(deps: Pick<FeatureDeps, 'prisma'>, meetingId: string, notice?: string): Promise<Card> {
  const dir = await readDirectory(deps.prisma);
  const m = await findMeeting(deps.prisma, meetingId);
  if (!m) throw meetingGone();
  const { pool, pending } = await poolOf(deps.prisma, m, dir);
  return presentArrangeCard(await viewOf(deps.prisma, m, dir), pool, pending, notice ? { notice } : {});
}
