import { DEFAULT_TEMPLATES, decodeTemplate, encodeTemplate, type TemplateStep } from '../domain/templates.js';
import type { Kind } from '../domain/kinds.js';
import type { Db, Tx } from './db.js';

export interface LoadedTemplate {
  kind: Kind;
  steps: TemplateStep[];
  /** Whether an admin set it (false: the built-in default). */
  stored: boolean;
  updatedBy: string;
  updatedAt: Date | null;
}

/**
 * The chain for a kind: the admin's if one is stored and readable, else the default. A stored row that
 * no longer decodes falls back to the default rather than resolving half a chain.
 */
export async function loadTemplate(db: Db, kind: Kind): Promise<LoadedTemplate> {
  const row = await db.reviewTemplate.findUnique({ where: { kind } });
  const steps = row ? decodeTemplate(row.steps) : undefined;
  if (row && steps && steps.length > 0) return { kind, steps, stored: true, updatedBy: row.updatedBy, updatedAt: row.updatedAt };
  return { kind, steps: DEFAULT_TEMPLATES[kind].map((s) => ({ ...s })), stored: false, updatedBy: '', updatedAt: null };
}

/** Every stored template (kinds without a row use the default). */
export async function storedTemplates(db: Db): Promise<Map<string, TemplateStep[]>> {
  const rows = await db.reviewTemplate.findMany();
  const out = new Map<string, TemplateStep[]>();
  for (const r of rows) {
    const steps = decodeTemplate(r.steps);
    if (steps && steps.length > 0) out.set(r.kind, steps);
  }
  return out;
}

/** Writes the admin's chain for a kind (validated by the caller with `validateTemplate`). `by`: who, for the card. */
export async function saveTemplate(tx: Tx, kind: Kind, steps: readonly TemplateStep[], by: string): Promise<void> {
  const data = { steps: encodeTemplate(steps), updatedBy: by };
  await tx.reviewTemplate.upsert({ where: { kind }, create: { kind, ...data }, update: data });
}

/** Back to the default: the stored row goes. */
export async function resetTemplate(tx: Tx, kind: Kind): Promise<void> {
  await tx.reviewTemplate.deleteMany({ where: { kind } });
}
