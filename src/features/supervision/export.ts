import { BotError } from '../../errors.js';
import { recordAudit } from '../../platform/audit.js';
import { enqueue } from '../../platform/outbox/outbox.js';
import { beijingDate } from '../../platform/time.js';
import type { FeatureDeps } from '../index.js';
import type { Actor } from '../org/index.js';
import { overdueWorkingDays } from './domain/deadline.js';
import { isOpen, type ItemStatus } from './domain/states.js';
import { cappedNote, ledgerXlsx, type LedgerRow } from './presenters/ledger-sheet.js';
import { FILTER_LABEL, itemWhere, type ListFilter } from './queries.js';
import { countItems, latestProgressTexts, ledgerPage, namesFor, type ItemRow } from './repository.js';

/** Items read per query: the ledger is never loaded whole. */
export const EXPORT_PAGE = 1000;
/** Rows per file: beyond this an export asks for a narrower filter (a county ledger holds a few thousand). */
export const EXPORT_CAP = 20_000;

export interface ExportLimits {
  page: number;
  cap: number;
}

export interface ExportOutcome {
  /** Rows in the file (0: nothing matched, no file sent). */
  count: number;
  /** Items matching the filter. */
  total: number;
  fileName?: string;
}

export function filterLabel(filter: ListFilter): string {
  return filter.kind === 'leader' ? `${FILTER_LABEL.leader}（${filter.leaderName}）` : FILTER_LABEL[filter.kind];
}

/**
 * 督办 导出: the ledger the actor may see under `filter`, as an .xlsx file replied to the command message,
 * with a short text saying what it holds. The upload happens here, once; only the sends are queued
 * (a send is idempotent by its uuid, an upload is not).
 */
export async function exportLedger(
  deps: FeatureDeps,
  actor: Actor,
  filter: ListFilter,
  o: { chatId: string; replyTo: string },
  limits: ExportLimits = { page: EXPORT_PAGE, cap: EXPORT_CAP },
): Promise<ExportOutcome> {
  const now = deps.clock.now();
  const today = beijingDate(now);
  const label = filterLabel(filter);
  const where = await itemWhere(deps, actor, filter, today);
  const total = await countItems(deps.prisma, where);
  const reply = (text: string, key: string) => ({ to: { replyTo: o.replyTo }, content: { type: 'text' as const, text }, key: `${key}:${o.replyTo}`, origin: `command:${actor.openId}` });
  if (!total) {
    await deps.outbox.deliver(reply(`没有符合条件的督办事项（${label}），未生成台账文件。`, 'sv-export-none'));
    return { count: 0, total };
  }

  const rows = await loadLedgerRows(deps, where, today, limits);
  const bytes = await ledgerXlsx({ rows, asOf: today, filterLabel: label, total });
  const fileName = `督办台账-${today.replace(/-/g, '')}.xlsx`;
  const upload = await deps.messenger.uploadFile(fileName, bytes, 'xls');
  if (!upload.ok) {
    deps.log.error({ error: upload.error, bytes: bytes.length }, 'ledger upload failed');
    throw new BotError('unavailable', '台账文件生成后上传飞书失败，请稍后重新发送「督办 导出」。如问题持续，请联系管理员。');
  }

  const capped = total > rows.length;
  const summary = [
    `督办台账已导出（${label}），共 ${rows.length} 项，数据截至 ${today}。`,
    ...(capped ? [cappedNote(total, rows.length)] : []),
  ].join('\n');
  await deps.prisma.$transaction(async (tx) => {
    await enqueue(tx, { to: { replyTo: o.replyTo }, content: { type: 'file', fileKey: upload.value.fileKey }, key: `sv-export:${o.replyTo}`, origin: `command:${actor.openId}` });
    await enqueue(tx, reply(summary, 'sv-export-text'));
    await recordAudit(tx, {
      actor: actor.openId,
      objectType: 'supervision_ledger',
      objectId: fileName,
      action: 'export',
      after: { filter: label, count: rows.length, total, chatId: o.chatId, fileKey: upload.value.fileKey },
      at: now,
    });
  });
  deps.outbox.kick();
  return { count: rows.length, total, fileName };
}

/** The ledger lines in number order, a page at a time, at most `cap`. */
async function loadLedgerRows(deps: FeatureDeps, where: Parameters<typeof ledgerPage>[1], today: string, limits: ExportLimits): Promise<LedgerRow[]> {
  const calendar = deps.calendar.current();
  const rows: LedgerRow[] = [];
  let after: { year: number; seq: number } | undefined;
  while (rows.length < limits.cap) {
    const items = await ledgerPage(deps.prisma, where, after, Math.min(limits.page, limits.cap - rows.length));
    if (!items.length) break;
    const people = [...new Set(items.flatMap((i) => [i.personId, i.leaderId]).filter((x): x is string => !!x))];
    const [names, progress] = await Promise.all([
      namesFor(deps.prisma, people, [...new Set(items.map((i) => i.unitId))]),
      latestProgressTexts(deps.prisma, items.map((i) => i.id)),
    ]);
    for (const item of items) {
      rows.push(toLedgerRow(item, {
        unitName: names.units.get(item.unitId) ?? '（单位已删除）',
        personName: item.personId ? names.people.get(item.personId)?.name : undefined,
        leaderName: item.leaderId ? names.people.get(item.leaderId)?.name : undefined,
        lastProgress: progress.get(item.id),
        today,
        overdue: (deadline, until) => overdueWorkingDays(deadline, until, calendar),
      }));
    }
    const last = items.at(-1)!;
    after = { year: last.year, seq: last.seq };
    if (items.length < limits.page) break;
  }
  return rows;
}

function toLedgerRow(
  item: ItemRow,
  c: { unitName: string; personName?: string; leaderName?: string; lastProgress?: string; today: string; overdue: (deadline: string, until: string) => number },
): LedgerRow {
  const status = item.status as ItemStatus;
  const closedOn = item.closedAt ? beijingDate(item.closedAt) : undefined;
  // Open: days late so far. Closed late: days late at closure, kept on the record. Otherwise none.
  const overdueDays = isOpen(status)
    ? c.overdue(item.deadline, c.today)
    : status === 'closed' && closedOn && !item.closedOnTime
      ? c.overdue(item.deadline, closedOn)
      : 0;
  return {
    number: item.number,
    content: item.content,
    standard: item.standard,
    sourceType: item.sourceType,
    sourceRef: item.sourceRef,
    unitName: c.unitName,
    ...(c.personName ? { personName: c.personName } : {}),
    ...(c.leaderName ? { leaderName: c.leaderName } : {}),
    deadline: item.deadline,
    status,
    progressPercent: item.progressPercent,
    ...(c.lastProgress ? { lastProgress: c.lastProgress } : {}),
    overdueDays,
    createdOn: beijingDate(item.createdAt),
    ...(closedOn ? { closedOn } : {}),
  };
}
