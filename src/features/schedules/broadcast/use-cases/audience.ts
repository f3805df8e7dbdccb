import { chatAudienceFor } from '../../../../platform/audience.js';
import type { FeatureDeps } from '../../../deps.js';
import type { Db } from '../../repositories/entries.js';
import { insiderOpenIds } from '../repositories/day.js';

/**
 * A bound 日程 group is internal when every member is one of the office's own people (isInsider, the
 * rule a query's reader follows too): only then does it see 内部 entries. A group whose members cannot be
 * listed, or that lists none, is treated as not internal (fail closed).
 */
export async function audienceOf(
  deps: Pick<FeatureDeps, 'messenger' | 'prisma'>,
  chatId: string,
  db: Db = deps.prisma,
  /** The insiders' open_ids, read once for many groups (the broadcast); else looked up for this group's members. */
  insiders?: ReadonlySet<string>,
  /** Read from Lark now, not from the shared minute-long cache (the check after a change: someone may just have joined). */
  fresh = false,
): Promise<'internal' | 'external'> {
  const members = fresh ? await listed(deps, chatId) : await chatAudienceFor(deps.messenger).members(chatId);
  if (!members.ok || !members.value.length) return 'external';
  const inside = insiders ?? (await insiderOpenIds(db, members.value));
  return members.value.every((m) => inside.has(m)) ? 'internal' : 'external';
}

async function listed(deps: Pick<FeatureDeps, 'messenger'>, chatId: string) {
  const r = await deps.messenger.listChatMembers(chatId);
  return r.ok ? { ok: true as const, value: r.value.map((m) => m.openId) } : r;
}

/** Runs `fn` over `items`, at most `limit` at a time, keeping the order of results. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}
