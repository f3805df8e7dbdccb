import type { PrismaClient, Tx } from '../db/client.js';

/** Every state change records who did what to which object, with before/after snapshots. */
export interface AuditRecord {
  /** open_id of the person, or `system:<job>` for scheduled work. */
  actor: string;
  objectType: string;
  objectId: string;
  action: string;
  before?: unknown;
  after?: unknown;
  at: Date;
}

const snapshot = (v: unknown) => (v === undefined ? '' : JSON.stringify(v));

const row = (r: AuditRecord) => ({
  actor: r.actor,
  objectType: r.objectType,
  objectId: r.objectId,
  action: r.action,
  before: snapshot(r.before),
  after: snapshot(r.after),
  at: r.at,
});

/**
 * Write an audit entry inside the transaction that makes the change. For an object with a timeline,
 * use `recordEvent` (platform/events.ts), which writes both together.
 */
export async function recordAudit(tx: Tx | PrismaClient, r: AuditRecord): Promise<void> {
  await tx.auditEntry.create({ data: row(r) });
}

/** Many audit entries in one insert (a job's run), inside the caller's transaction. */
export async function recordAudits(tx: Tx | PrismaClient, records: readonly AuditRecord[]): Promise<void> {
  for (let i = 0; i < records.length; i += 1000) await tx.auditEntry.createMany({ data: records.slice(i, i + 1000).map(row) });
}

export interface AuditView {
  at: Date;
  actor: string;
  objectType: string;
  objectId: string;
  action: string;
  before: unknown;
  after: unknown;
}

/** An object's history, oldest first (at most `limit` entries, the newest ones). */
export async function auditTrail(prisma: PrismaClient, objectId: string, limit = 50): Promise<AuditView[]> {
  const rows = await prisma.auditEntry.findMany({ where: { objectId }, orderBy: [{ at: 'desc' }, { id: 'desc' }], take: limit });
  return rows.reverse().map((r) => ({
    at: r.at,
    actor: r.actor,
    objectType: r.objectType,
    objectId: r.objectId,
    action: r.action,
    before: r.before ? (JSON.parse(r.before) as unknown) : undefined,
    after: r.after ? (JSON.parse(r.after) as unknown) : undefined,
  }));
}
