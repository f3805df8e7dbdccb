import { createHash } from 'node:crypto';
import type { PrismaClient } from '../../../db/handles.js';
import { recordAudit } from '../../../platform/audit.js';
import type { Clock } from '../../../ports/clock.js';
import type { Messenger } from '../../../ports/messenger.js';
import { lookupTargets, planImport, type Found, type Snapshot } from '../import/plan.js';
import { validateRow, type ImportRow, type RowError } from '../import/rows.js';
import { readDirectoryFile } from '../import/table.js';
import { lockDirectory } from '../repositories/directory-lock.js';
import { loadPeopleWithGrants, type Db } from '../repositories/people.js';
import { listUnits } from '../repositories/units.js';
import { applyPlan } from './apply-import.js';

export interface ImportDeps {
  prisma: PrismaClient;
  clock: Clock;
  /** Fills open_ids by mobile/email; omit to skip the lookup (no Lark credentials). */
  messenger?: Pick<Messenger, 'lookupOpenIds'>;
}

export interface ImportSummary {
  fileName: string;
  /** Data rows read (blank rows skipped). */
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** People whose Lark account (open_id) became known in this import. */
  linked: number;
  unitsCreated: string[];
  unitsUpdated: string[];
  errors: RowError[];
  warnings: RowError[];
  /** File-wide remarks (ignored columns, Lark lookup unavailable). */
  notices: string[];
}

export function changesIn(s: ImportSummary): number {
  return s.created + s.updated + s.unitsCreated.length + s.unitsUpdated.length;
}

/**
 * Imports a directory file (.xlsx or .csv). Bad rows are reported and skipped; the good ones are
 * written in one transaction, each change audited. Importing the same file again changes nothing.
 * Throws BotError('bad_input') when the file cannot be read at all.
 */
export async function importDirectory(deps: ImportDeps, file: { name: string; bytes: Uint8Array }, actor: string): Promise<ImportSummary> {
  const table = await readDirectoryFile(file.bytes, file.name);
  const rows: ImportRow[] = [];
  const rowErrors: RowError[] = [];
  for (const raw of table.rows) {
    const r = validateRow(raw);
    if (r.ok) rows.push(r.row);
    else rowErrors.push(r.error);
  }
  const notices: string[] = [];
  if (table.ignoredHeaders.length) notices.push(`以下列未识别，已忽略：${table.ignoredHeaders.join('、')}`);

  // Ask Lark before the transaction (a network call must not hold it open).
  let found: Found;
  const targets = lookupTargets(planImport(rows, await loadSnapshot(deps.prisma)));
  if (deps.messenger && (targets.mobiles.length || targets.emails.length)) {
    const result = await deps.messenger.lookupOpenIds(targets);
    if (result.ok) found = result.value;
    else notices.push(`暂时无法查询飞书通讯录（${result.error.kind}），部分人员未关联飞书账号；可稍后重新导入同一文件补充关联。`);
  } else if (!deps.messenger && (targets.mobiles.length || targets.emails.length)) {
    notices.push('未配置飞书应用凭据，未按手机号或邮箱查询飞书账号。');
  }

  const at = deps.clock.now();
  const { plan, counts } = await deps.prisma.$transaction(
    async (tx) => {
      // Re-read inside the transaction, after any other directory change has committed, so the plan
      // matches what is written (two imports, or an import and a 授权, do not interleave).
      await lockDirectory(tx);
      const snap = await loadSnapshot(tx);
      const plan = planImport(rows, snap, found);
      const counts = await applyPlan(tx, plan, snap.grants, actor, at);
      const changed = counts.created + counts.updated + counts.unitsCreated.length + counts.unitsUpdated.length;
      if (changed) {
        await recordAudit(tx, {
          actor,
          objectType: 'org_import',
          objectId: `import:${createHash('sha256').update(file.bytes).digest('hex').slice(0, 16)}`,
          action: 'import',
          after: { fileName: file.name, ...counts, errors: rowErrors.length + plan.errors.length },
          at,
        });
      }
      return { plan, counts };
    },
    { maxWait: 10_000, timeout: 120_000 },
  );

  return {
    fileName: file.name,
    rows: table.rows.length,
    ...counts,
    errors: [...rowErrors, ...plan.errors].sort((a, b) => a.row - b.row),
    warnings: plan.warnings,
    notices,
  };
}

async function loadSnapshot(db: Db): Promise<Snapshot> {
  const units = await listUnits(db);
  const { people, grants } = await loadPeopleWithGrants(db);
  return { units, people, grants };
}
