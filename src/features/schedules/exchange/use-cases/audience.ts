import type { Messenger } from '../../../../ports/messenger.js';
import type { PrismaClient } from '../../../../db/client.js';
import { chatsForPurpose, hasRole, scopesOf, type Actor, type Directory } from '../../../org/index.js';
import { inSecretarySection } from '../domain/keepers.js';
import type { ExchangeAudience } from '../domain/wording.js';

/** How entries show where an export is answered: the base audience, and the leaders whose entries show in full anyway. */
export interface ExportAudience {
  base: ExchangeAudience;
  fullFor: ReadonlySet<string>;
  /** For the summary text: 私聊 / 内部群 / 其他群. */
  where: 'p2p' | 'internal' | 'other';
}

/**
 * In a direct message: 秘书科 (and unscoped secretaries) see every entry in full; a leader's secretary
 * and the leader see that leader's in full and the rest as in an internal group; anyone else as
 * outside. In a group: internal (bound 日程群 or 领导群 whose every member is in the directory) or not.
 */
export async function exportAudience(
  db: PrismaClient,
  messenger: Pick<Messenger, 'listChatMembers'>,
  actor: Actor,
  dir: Directory,
  chat: { chatId: string; p2p: boolean },
): Promise<ExportAudience> {
  if (chat.p2p) {
    if (inSecretarySection(actor, dir) || hasRole(actor, 'secretary', '')) return { base: 'keepers', fullFor: new Set(), where: 'p2p' };
    const own = new Set(scopesOf(actor, 'secretary').flatMap((s) => (s.startsWith('person:') ? [s.slice(7)] : [])));
    if (hasRole(actor, 'leader') && actor.person) own.add(actor.person.id);
    return { base: own.size ? 'internal' : 'other', fullFor: own, where: 'p2p' };
  }
  const bound = new Set([...(await chatsForPurpose(db, 'schedule')), ...(await chatsForPurpose(db, 'leaders'))]);
  if (!bound.has(chat.chatId)) return { base: 'other', fullFor: new Set(), where: 'other' };
  const members = await messenger.listChatMembers(chat.chatId);
  const known = new Set(dir.people.flatMap((p) => (p.openId ? [p.openId] : [])));
  // Members unknown (the call failed) count as outside: never more than is sure.
  const internal = members.ok && members.value.every((m) => known.has(m.openId));
  return { base: internal ? 'internal' : 'other', fullFor: new Set(), where: internal ? 'internal' : 'other' };
}
