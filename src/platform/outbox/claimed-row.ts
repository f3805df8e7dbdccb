import { asDateOrNull, asInt, raw } from '../../db/sql.js';

/** The columns of an OutboxMessage row the worker uses. */
export interface Row {
  id: string;
  uuid: string;
  op: string;
  targetType: string;
  targetId: string;
  kind: string;
  content: string;
  fallbackText: string;
  attempts: number;
  origin: string;
  tracks: string;
  nextAttemptAt: Date | null;
  createdAt: Date | null;
}

/**
 * Named, not `*`: a PostgreSQL connection keeps the claim prepared, and a `*` whose columns changed (a newer
 * instance migrated the table during a rolling upgrade) fails with "cached plan must not change result type".
 */
export const CLAIMED_COLUMNS = raw(
  '"id", "uuid", "op", "targetType", "targetId", "kind", "content", "fallbackText", "attempts", "origin", "tracks", "nextAttemptAt", "createdAt"',
);

export const toRow = (r: Record<string, unknown>): Row => ({
  id: r.id as string,
  uuid: r.uuid as string,
  op: r.op as string,
  targetType: r.targetType as string,
  targetId: r.targetId as string,
  kind: r.kind as string,
  content: r.content as string,
  fallbackText: r.fallbackText as string,
  attempts: asInt(r.attempts),
  origin: r.origin as string,
  tracks: r.tracks as string,
  nextAttemptAt: asDateOrNull(r.nextAttemptAt),
  createdAt: asDateOrNull(r.createdAt),
});
