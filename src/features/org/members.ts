import type { SqlRunner } from '../../db/sql.js';
import { loadActor, type Actor } from './actor.js';

/** Members resolved this many at a time; the first who fails the test stops the check. */
const MEMBER_BATCH = 20;

/**
 * Whether every one of `openIds` passes `test` as the directory knows them (someone not in it has no
 * person and no roles). Features use it to decide whether a chat's members may all read an answer.
 */
export async function everyActor(
  db: SqlRunner,
  bootstrapAdmins: readonly string[],
  openIds: readonly string[],
  test: (actor: Actor) => boolean,
): Promise<boolean> {
  for (let i = 0; i < openIds.length; i += MEMBER_BATCH) {
    const actors = await Promise.all(openIds.slice(i, i + MEMBER_BATCH).map((openId) => loadActor(db, openId, bootstrapAdmins)));
    if (!actors.every(test)) return false;
  }
  return true;
}
