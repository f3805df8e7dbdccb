import { chatAudienceFor } from '../../../../platform/audience.js';
import type { FeatureDeps } from '../../../deps.js';
import type { Db } from '../../repositories/entries.js';
import { knownOpenIds } from '../repositories/day.js';

/**
 * A bound 日程 group is internal when every member is in the directory: only then does it see 内部
 * entries. A group whose members cannot be listed is treated as not internal (the safe side).
 */
export async function audienceOf(
  deps: Pick<FeatureDeps, 'messenger' | 'prisma'>,
  chatId: string,
  db: Db = deps.prisma,
  /** The directory's open_ids, read once for many groups (the broadcast); else looked up for this group's members. */
  directory?: ReadonlySet<string>,
): Promise<'internal' | 'external'> {
  const members = await chatAudienceFor(deps.messenger).members(chatId);
  if (!members.ok) return 'external';
  if (!members.value.length) return 'internal';
  const known = directory ?? (await knownOpenIds(db, members.value));
  return members.value.every((m) => known.has(m)) ? 'internal' : 'external';
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
