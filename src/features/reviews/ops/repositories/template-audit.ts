import type { PrismaClient } from '../../../../db/client.js';
import { recordAudit } from '../../../../platform/audit.js';
import type { Kind } from '../../domain/kinds.js';
import { encodeTemplate, type TemplateStep } from '../../domain/templates.js';
import { loadTemplate, resetTemplate, saveTemplate } from '../../repositories/templates.js';

export const TEMPLATE_OBJECT_TYPE = 'review_template';

export interface TemplateChange {
  kind: Kind;
  /** undefined: back to the built-in default. */
  steps?: readonly TemplateStep[];
}

/**
 * Applies admins' chain changes — all of them or none (an imported file is one change) — each with an
 * audit entry holding the chain before and after.
 */
export async function applyTemplateChanges(db: PrismaClient, changes: readonly TemplateChange[], actor: string, at: Date): Promise<void> {
  await db.$transaction(async (tx) => {
    for (const c of changes) {
      const before = await loadTemplate(tx, c.kind);
      if (c.steps) await saveTemplate(tx, c.kind, c.steps, actor);
      else await resetTemplate(tx, c.kind);
      await recordAudit(tx, {
        actor,
        objectType: TEMPLATE_OBJECT_TYPE,
        objectId: c.kind,
        action: c.steps ? 'set' : 'reset',
        before: { steps: encodeTemplate(before.steps), stored: before.stored },
        after: c.steps ? { steps: encodeTemplate(c.steps) } : { default: true },
        at,
      });
    }
  });
}
