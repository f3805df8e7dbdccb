import type { ChatAudience } from '../../../platform/audience.js';
import type { FeatureDeps } from '../../deps.js';
import { chatsForPurpose, type Actor, type Directory } from '../../org/index.js';
import type { Audience } from '../domain/visibility.js';
import { isKeeperOrLeader } from '../policy.js';

/**
 * Whether a group is internal: bound for 日程 or 领导, and every member is in the directory (a member the
 * directory does not know — or members that cannot be read — makes it external: fail closed). The
 * broadcast uses this for each bound group; a query uses it for the chat it was asked in.
 */
export async function isInternalGroup(deps: Pick<FeatureDeps, 'prisma'>, members: ChatAudience, dir: Directory, chatId: string): Promise<boolean> {
  const [schedule, leaders] = await Promise.all([chatsForPurpose(deps.prisma, 'schedule'), chatsForPurpose(deps.prisma, 'leaders')]);
  if (!schedule.includes(chatId) && !leaders.includes(chatId)) return false;
  const list = await members.members(chatId);
  if (!list.ok) return false;
  const known = new Set(dir.people.flatMap((p) => (p.openId ? [p.openId] : [])));
  return list.value.every((m) => known.has(m));
}

/**
 * Who reads an answer to a query, per leader: in a private chat the leader and their keepers read every
 * field, anyone else in the directory reads as inside; in a group, what the group may read.
 */
export async function readerOf(
  deps: Pick<FeatureDeps, 'prisma'>,
  members: ChatAudience,
  dir: Directory,
  asked: { chatId: string; chatType: 'p2p' | 'group'; actor: Actor },
): Promise<(leaderId: string) => Audience> {
  if (asked.chatType === 'p2p') {
    const inside = !!asked.actor.person;
    return (leaderId) => (isKeeperOrLeader(asked.actor, leaderId) ? 'keeper' : inside ? 'internal' : 'external');
  }
  const inside = await isInternalGroup(deps, members, dir, asked.chatId);
  return () => (inside ? 'internal' : 'external');
}
