import { chatAudienceFor, type ChatAudience } from '../../../platform/audience.js';
import type { FeatureDeps } from '../../deps.js';
import { chatsForPurpose, type Actor, type Directory } from '../../org/index.js';
import { isInsider, type Audience } from '../domain/visibility.js';
import { isKeeperOrLeader } from '../policy.js';

/** The open_ids of the office's own people (domain/visibility.ts isInsider), from the directory as read. */
export function insidersOf(dir: Directory): Set<string> {
  const kinds = new Map(dir.units.map((u) => [u.id, u.kind]));
  return new Set(dir.people.flatMap((p) => (p.openId && isInsider({ roles: p.roles, unitKind: p.unitId ? kinds.get(p.unitId) : null }) ? [p.openId] : [])));
}

/**
 * Whether a group is internal: bound for 日程 or 领导, and every member one of the office's own people (a
 * member who is not — a liaison, someone the directory does not know — or members that cannot be read
 * or none listed make it external: fail closed). A query uses it for the chat it was asked in; the
 * broadcast applies the same rule to each bound group (broadcast/use-cases/audience.ts).
 */
export async function isInternalGroup(deps: Pick<FeatureDeps, 'prisma'>, members: ChatAudience, dir: Directory, chatId: string): Promise<boolean> {
  const [schedule, leaders] = await Promise.all([chatsForPurpose(deps.prisma, 'schedule'), chatsForPurpose(deps.prisma, 'leaders')]);
  if (!schedule.includes(chatId) && !leaders.includes(chatId)) return false;
  const list = await members.members(chatId);
  if (!list.ok || !list.value.length) return false;
  const inside = insidersOf(dir);
  return list.value.every((m) => inside.has(m));
}

/**
 * Who reads an answer, per leader: in a private chat the leader and their keepers read every field, the
 * office's own people read as inside and anyone else (a liaison, a stranger) as outside; in a group, what
 * the group may read.
 */
export async function readerOf(
  deps: Pick<FeatureDeps, 'prisma'>,
  members: ChatAudience,
  dir: Directory,
  asked: { chatId: string; chatType: 'p2p' | 'group'; actor: Actor },
): Promise<(leaderId: string) => Audience> {
  if (asked.chatType === 'p2p') {
    const inside = insidersOf(dir).has(asked.actor.openId);
    return (leaderId) => (isKeeperOrLeader(asked.actor, leaderId) ? 'keeper' : inside ? 'internal' : 'external');
  }
  const inside = await isInternalGroup(deps, members, dir, asked.chatId);
  return () => (inside ? 'internal' : 'external');
}

/**
 * Whether the chat a card was clicked in is read by the clicker alone. A click does not say whether its
 * chat is a direct one: a chat whose only member (bots aside) is the clicker is; any other — or one whose
 * members cannot be read — counts as a group (fail closed).
 */
export async function clickedAlone(members: ChatAudience, click: { chatId: string; actorOpenId: string }): Promise<boolean> {
  const list = await members.members(click.chatId);
  return list.ok && list.value.length > 0 && list.value.every((m) => m === click.actorOpenId);
}

/** readerOf for the chat of a click: a direct reading when the clicker is alone there, else the group's. */
export async function readerOfClick(
  deps: Pick<FeatureDeps, 'prisma'>,
  members: ChatAudience,
  dir: Directory,
  click: { chatId: string; actor: Actor },
): Promise<(leaderId: string) => Audience> {
  const alone = await clickedAlone(members, { chatId: click.chatId, actorOpenId: click.actor.openId });
  return readerOf(deps, members, dir, { chatId: click.chatId, chatType: alone ? 'p2p' : 'group', actor: click.actor });
}

/** The chat an answer is read in: a message's (its type known), or a click's (decided by clickedAlone). */
export type ReadingChat = { chatId: string; chatType: 'p2p' | 'group' } | { chatId: string; clicked: true };

/** readerOf for a message's chat or a click's. */
export function readerIn(
  deps: Pick<FeatureDeps, 'prisma' | 'messenger'>,
  dir: Directory,
  chat: ReadingChat,
  actor: Actor,
): Promise<(leaderId: string) => Audience> {
  const members = chatAudienceFor(deps.messenger);
  return 'clicked' in chat ? readerOfClick(deps, members, dir, { chatId: chat.chatId, actor }) : readerOf(deps, members, dir, { ...chat, actor });
}
