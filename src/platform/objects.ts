import type { PrismaClient, Tx } from '../db/client.js';
import type { OfficeNumber, Series } from './numbering.js';

/** One entry of an object's timeline (the feature keeps its own table; the platform writes it). */
export interface TimelineEntry {
  objectId: string;
  at: Date;
  actor: string;
  kind: string;
  text?: string;
  data?: unknown;
}

/** An object found by its number: the id its audit entries carry, and the subject its view policy checks. */
export interface FoundObject {
  auditId: string;
  subject: unknown;
}

/**
 * What the platform knows about one type of object, declared once by the feature that owns it: what it
 * is called, how it is numbered and found, who may see its history, how its audit entries read in
 * Chinese, where its timeline goes, and which tables hold it (children first, for demo:reset).
 */
export interface ObjectTypeSpec {
  /** The audit entries' `objectType` (supervision_item). */
  type: string;
  /** In words (督办事项). */
  label: string;
  series?: Series;
  find?: (db: PrismaClient | Tx, n: OfficeNumber) => Promise<FoundObject | null>;
  /** The policy action that lets a person see one object's history; without one, admins only. */
  viewPolicy?: string;
  /** Audit action codes → words (acknowledge → 签收). */
  actions: Record<string, string>;
  /** Status codes in audit snapshots → words (pending_ack → 待签收). */
  statuses?: Record<string, string>;
  /** A snapshot in words, where the generic 状态/说明 summary is not enough (roles, purposes): the after
   *  snapshot, or the before one when nothing is left after (a revoked role). */
  describe?: (snapshot: Record<string, unknown>) => string[];
  /** Writes timeline entries (inside the caller's transaction); types without a timeline leave it out. */
  timeline?: (tx: Tx, entries: TimelineEntry[]) => Promise<void>;
  /** Empties its tables, children first (demo:reset). */
  clear?: (tx: Tx) => Promise<void>;
  /** Its tables are referenced by other types' rows (the directory): emptied after every other type's. */
  clearLast?: boolean;
}

const types = new Map<string, ObjectTypeSpec>();

/** Declare an object type (once: a second declaration is a programming error, as with policies). */
export function defineObjectType(spec: ObjectTypeSpec): void {
  if (types.has(spec.type)) throw new Error(`object type defined twice: ${spec.type}`);
  types.set(spec.type, spec);
}

export function objectType(type: string): ObjectTypeSpec | undefined {
  return types.get(type);
}

export function objectTypes(): ObjectTypeSpec[] {
  return [...types.values()];
}

/** Resolves what a person typed as an object number, through every numbered type (first match wins). */
export async function findByNumber(db: PrismaClient | Tx, text: string, currentYear: number): Promise<(FoundObject & { spec: ObjectTypeSpec }) | null> {
  for (const spec of types.values()) {
    const n = spec.series?.parse(text, currentYear);
    if (!n || !spec.find) continue;
    const found = await spec.find(db, n);
    if (found) return { ...found, spec };
  }
  return null;
}

/** Empties every declared type's tables, the directory's last (demo:reset). */
export async function clearObjectTables(tx: Tx): Promise<void> {
  const ordered = [...types.values()].sort((a, b) => Number(!!a.clearLast) - Number(!!b.clearLast));
  for (const spec of ordered) await spec.clear?.(tx);
}

const UNKNOWN_ACTION = '其他操作';
const UNKNOWN_STATUS = '其他状态';

/** An audit entry in words: never a code (an unknown code reads as 其他操作 / 其他状态). */
export function describeAudit(e: { objectType: string; action: string; before?: unknown; after: unknown }): { object: string; action: string; detail: string } {
  const spec = types.get(e.objectType);
  const action = spec?.actions[e.action] ?? UNKNOWN_ACTION;
  const asRecord = (v: unknown) => (v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined);
  const a = asRecord(e.after) ?? {};
  const parts = [
    typeof a.status === 'string' ? `状态→${spec?.statuses?.[a.status] ?? UNKNOWN_STATUS}` : '',
    typeof a.note === 'string' ? a.note : '',
    ...(spec?.describe?.(asRecord(e.after) ?? asRecord(e.before) ?? {}) ?? []),
  ];
  return { object: spec?.label ?? '对象', action, detail: parts.filter(Boolean).join('；').slice(0, 120) };
}
