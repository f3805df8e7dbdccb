import type { Tx } from '../../../db/client.js';

/** The Counter row whose update serialises changes to the directory (its value counts the changes). */
const LOCK_ROW = 'org:directory';

/**
 * Call first in every transaction that checks the directory and then changes it (the last admin, a
 * grant already held, an import's plan). The upsert takes the row's lock on PostgreSQL and SQLite's
 * write lock (a deferred transaction would otherwise only read until its first write), so a second such
 * transaction waits until the first has committed and then reads what it wrote: count-then-delete and
 * check-then-insert cannot interleave, on one instance or several.
 */
export async function lockDirectory(tx: Tx): Promise<void> {
  await tx.$executeRaw`INSERT INTO "Counter" ("name", "value") VALUES (${LOCK_ROW}, 1)
    ON CONFLICT ("name") DO UPDATE SET "value" = "Counter"."value" + 1`;
}
