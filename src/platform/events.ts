import type { Tx } from '../db/client.js';
import { recordAudits, type AuditRecord } from './audit.js';
import { objectType } from './objects.js';

/**
 * Something that happened to an object: one entry on its timeline (what people read on its card) and
 * one audit entry (who did what, with snapshots), always written together.
 */
export interface ObjectEvent {
  /** The object type's registry name (supervision_item). */
  type: string;
  /** The object's row id (its timeline's key). */
  objectId: string;
  /** The id its audit entries carry (the number people quote, 督〔2026〕15号). */
  auditId: string;
  /** open_id of the person, or `system:<job>`. */
  actor: string;
  at: Date;
  /** The timeline's word for it (acknowledged). */
  kind: string;
  text?: string;
  data?: unknown;
  /** The audit's action code (acknowledge); defaults to the kind. */
  action?: string;
  before?: unknown;
  after?: unknown;
}

/** Records one event: its timeline entry and its audit entry, in the caller's transaction. */
export async function recordEvent(tx: Tx, e: ObjectEvent): Promise<void> {
  await recordEvents(tx, [e]);
}

/** Records many events at once (a job's run): two inserts per object type, in the caller's transaction. */
export async function recordEvents(tx: Tx, events: readonly ObjectEvent[]): Promise<void> {
  const byType = new Map<string, ObjectEvent[]>();
  for (const e of events) {
    const list = byType.get(e.type);
    if (list) list.push(e);
    else byType.set(e.type, [e]);
  }
  for (const [type, list] of byType) {
    const spec = objectType(type);
    if (!spec?.timeline) throw new Error(`object type ${type} has no timeline to record events on`);
    await spec.timeline(
      tx,
      list.map((e) => ({ objectId: e.objectId, at: e.at, actor: e.actor, kind: e.kind, text: e.text, data: e.data })),
    );
  }
  await recordAudits(
    tx,
    events.map((e): AuditRecord => ({
      actor: e.actor,
      objectType: e.type,
      objectId: e.auditId,
      action: e.action ?? e.kind,
      before: e.before,
      after: e.after,
      at: e.at,
    })),
  );
}
