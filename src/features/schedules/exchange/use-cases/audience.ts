import { chatAudienceFor } from '../../../../platform/audience.js';
import type { FeatureDeps } from '../../../deps.js';
import type { Actor, Directory } from '../../../org/index.js';
import type { Audience } from '../../domain/visibility.js';
import { readerOf } from '../../use-cases/audience.js';

/** How entries show where an export is answered: per leader (the 日程 side's readerOf), and where it is for the summary. */
export interface ExportAudience {
  of(leaderId: string): Audience;
  where: 'p2p' | 'group';
}

/**
 * The same readers as a 日程 query in that chat: in a direct message the leader and their keepers read
 * every field and the office's own people read as inside (isInsider); in a group, internal or external
 * as the group is (a bound 日程群/领导群 whose every member is one of the office's own).
 */
export async function exportAudience(deps: FeatureDeps, actor: Actor, dir: Directory, chat: { chatId: string; p2p: boolean }): Promise<ExportAudience> {
  const of = await readerOf(deps, chatAudienceFor(deps.messenger), dir, { chatId: chat.chatId, chatType: chat.p2p ? 'p2p' : 'group', actor });
  return { of, where: chat.p2p ? 'p2p' : 'group' };
}
