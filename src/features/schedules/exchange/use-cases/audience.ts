import type { Messenger } from '../../../../ports/messenger.js';
import type { PrismaClient } from '../../../../db/handles.js';
import { chatsForPurpose, hasRole, type Actor, type Directory } from '../../../org/index.js';
import type { Audience } from '../../domain/visibility.js';
import { isKeeperOrLeader } from '../../policy.js';

/** How entries show where an export is answered: per leader (a leader's own keepers see it in full). */
export interface ExportAudience {
  of(leaderId: string): Audience;
  /** For the summary text. */
  where: 'p2p' | 'internal' | 'external';
}

/**
 * In a direct message: the leader and the leader's keepers see that leader's entries in full; a person in
 * the directory sees the rest as an internal reader; anyone else as external. In a group: internal when
 * it is a bound 日程群 or 领导群 whose every member is in the directory (domain/visibility.ts), else external.
 */
export async function exportAudience(
  db: PrismaClient,
  messenger: Pick<Messenger, 'listChatMembers'>,
  actor: Actor,
  dir: Directory,
  chat: { chatId: string; p2p: boolean },
): Promise<ExportAudience> {
  if (chat.p2p) {
    const base: Audience = actor.person || hasRole(actor, 'admin') ? 'internal' : 'external';
    return { of: (leaderId) => (isKeeperOrLeader(actor, leaderId) ? 'keeper' : base), where: 'p2p' };
  }
  const bound = new Set([...(await chatsForPurpose(db, 'schedule')), ...(await chatsForPurpose(db, 'leaders'))]);
  let internal = false;
  if (bound.has(chat.chatId)) {
    const members = await messenger.listChatMembers(chat.chatId);
    const known = new Set(dir.people.flatMap((p) => (p.openId ? [p.openId] : [])));
    // Members unknown (the call failed) count as outside: never show more than is sure.
    internal = members.ok && members.value.every((m) => known.has(m.openId));
  }
  const audience: Audience = internal ? 'internal' : 'external';
  return { of: () => audience, where: audience };
}
