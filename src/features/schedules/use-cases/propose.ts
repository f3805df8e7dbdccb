import { BotError } from '../../../errors.js';
import type { Card } from '../../../cards/types.js';
import type { FeatureDeps } from '../../deps.js';
import { authorize, readDirectory, resolveLeader, resolveLeaderById, type Actor, type MentionRef } from '../../org/index.js';
import { findConflicts, type Conflict } from '../domain/conflicts.js';
import { describeChanges } from '../domain/describe-changes.js';
import type { Entry, EntryFields } from '../domain/entry.js';
import { understandEntry, type RawEntry } from '../domain/input.js';
import { visibleText, type Audience } from '../domain/visibility.js';
import { authorizeSomeKeeping } from '../policy.js';
import { presentConfirmCard, type ConflictLine } from '../presenters/confirm-card.js';
import type { LeaderName } from '../presenters/text.js';
import { entriesOfDay } from '../repositories/entries.js';
import { insertProposal } from '../repositories/proposals.js';
import type { ProposalPayload } from '../schemas.js';
import { readerIn, type ReadingChat } from './audience.js';
import { dateText, leaderOf, leadersIn, todayOf } from './directory.js';

export interface ProposeInput {
  leader: { name: string } | { id: string };
  raw: RawEntry;
  mentions?: readonly MentionRef[];
  /** The entry a modification is for, as read (its version is compared on save). */
  entry?: Entry;
  /** Where the confirmation card is read: the clashes are shown as that chat may see them. */
  chat: ReadingChat;
}

/**
 * Reads what a secretary typed or filled in, checks who they are for the leader named, finds clashes, and
 * keeps it as a proposal: the confirmation card shows exactly that, and nothing is saved until 确认. Every
 * problem (leader, date, time, fields) is answered together, naming each field.
 */
export async function proposeEntry(deps: FeatureDeps, actor: Actor, input: ProposeInput): Promise<Card> {
  // Someone who keeps no leader's entries is told so first (not which leaders exist, nor what was misread).
  authorizeSomeKeeping(actor);
  const dir = await readDirectory(deps.prisma);
  const problems: string[] = [];
  const attempt = <T>(f: () => T): T | undefined => {
    try {
      return f();
    } catch (err) {
      if (err instanceof BotError && err.code === 'bad_input') problems.push(err.userMessage);
      else throw err;
      return undefined;
    }
  };
  const leader = attempt(() =>
    'id' in input.leader
      ? resolveLeaderById(dir, input.leader.id, { label: '领导' })
      : resolveLeader(dir, input.leader.name, { label: '领导', ...(input.mentions ? { mentions: input.mentions } : {}) }),
  );
  // Who may keep this leader's entries is decided before anything about the entry is said back.
  if (leader) authorize(actor, 'schedule.keep', { leaderId: leader.id });
  if (input.entry) authorize(actor, 'schedule.keep', { leaderId: input.entry.leaderId });
  const understood = attempt(() => understandEntry(input.raw, { today: todayOf(deps), calendar: deps.calendar.current() }));
  if (problems.length) throw new BotError('bad_input', problems.join('\n'));
  const u = understood!;
  const fields: EntryFields = {
    ...u.fields,
    leaderId: leader!.id,
    contact: u.fields.contact || (input.entry ? '' : (actor.person?.name ?? '')),
    source: input.entry?.source ?? 'manual',
  };
  const payload: ProposalPayload = { fields, dateText: u.dateText, notes: u.notes, ...(input.entry ? { entryVersion: input.entry.version } : {}) };
  const conflicts = findConflicts(fields, await entriesOfDay(deps.prisma, fields.date), input.entry?.id);
  const proposal = await insertProposal(deps.prisma, {
    actorOpenId: actor.openId,
    kind: input.entry ? 'modify' : 'add',
    ...(input.entry ? { entryId: input.entry.id } : {}),
    payload: JSON.stringify(payload),
    conflicts: JSON.stringify(conflicts.map((c) => c.other.id)),
  });
  const reader = await readerIn(deps, dir, input.chat, actor);
  return confirmCardFor(deps, { id: proposal.id, payload, entry: input.entry }, conflicts, leadersIn(deps, dir), reader);
}

/**
 * The confirmation card of a proposal, with the clashes as the chat it is read in may see them (`reader`,
 * per leader: in a group the group's view, whoever asked; privately the keeper's for their own leaders).
 * An entry the reader may not see at all is shown as 另有安排.
 */
export function confirmCardFor(
  deps: FeatureDeps,
  p: { id: string; payload: ProposalPayload; entry?: Entry | undefined },
  conflicts: readonly Conflict<Entry>[],
  leaders: readonly LeaderName[],
  reader: (leaderId: string) => Audience,
): Card {
  const { fields } = p.payload;
  const lines: ConflictLine[] = conflicts.map((c) => ({
    kind: c.kind,
    leader: leaderOf(leaders, c.other.leaderId),
    place: c.other.place,
    text: visibleText(c.other, reader(c.other.leaderId)) ?? '另有安排',
  }));
  const names = { leader: (id: string) => leaderOf(leaders, id).name, date: (d: string) => dateText(deps, d) };
  return presentConfirmCard({
    proposalId: p.id,
    kind: p.entry ? 'modify' : 'add',
    fields,
    leader: leaderOf(leaders, fields.leaderId),
    dateText: p.payload.dateText,
    notes: p.payload.notes,
    changes: p.entry ? describeChanges(p.entry, fields, names) : [],
    conflicts: lines,
  });
}
