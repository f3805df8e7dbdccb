import type { AnswerRoute } from '../../platform/audience.js';
import { asFileBuildFailure, deliverFile } from '../../platform/export/deliver-file.js';
import { buildSheetInThread, type SheetBuilt } from '../../platform/export/sheet-build.js';
import { beijingDate } from '../../platform/time.js';
import type { FeatureDeps } from '../deps.js';
import type { Actor } from '../org/index.js';
import { overdueWorkingDays } from './domain/deadline.js';
import { isOpen, type ItemStatus } from './domain/states.js';
import { privateNotice } from './audience.js';
import { cappedNote, LEDGER_SHEET, type LedgerRow } from './presenters/ledger-sheet.js';
import { FILTER_LABEL, itemWhere, signerNames, type ItemWhere, type ListFilter } from './queries.js';
import { countItems, latestEvents, latestProgressTexts, ledgerPage, namesFor, type ItemRow } from './repository.js';

/**
 * Items read per query: the ledger is never loaded whole. A page's names and progress lookups bind up
 * to twice its size plus one (item ids and timestamps; person and leader ids), and Prisma's SQLite
 * adapter refuses more than 999 bound values (P2029): 1,000 made every export past 999 items fail there.
 */
export const EXPORT_PAGE = 400;
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
  /** Where the file went: the chat asked in, or the asker's direct messages. */
  delivered?: 'chat' | 'private';
  /** The worker thread that built the file (never 0, the event loop's thread). */
  builtOnThread?: number;
}

export interface ExportRequest {
  chatId: string;
  /** The command message: the answer (or the note that it went privately) replies to it. */
  replyTo: string;
  /**
   * Where the file may go, given the selection (who is in the chat may not see all of it).
   * Omitted: the chat asked in.
   */
  route?: (where: ItemWhere) => Promise<AnswerRoute>;
}

export function filterLabel(filter: ListFilter): string {
  return filter.kind === 'leader' ? `${FILTER_LABEL.leader}（${filter.leaderName}）` : FILTER_LABEL[filter.kind];
}

/**
 * 督办 导出: the ledger the actor may see under `filter`, as an .xlsx file replied to the command message
 * (or sent to the asker privately when `o.route` says so), with a short text saying what it holds. The
 * rows are read here a page at a time and the workbook is built in the file-build thread from the
 * ledger's column definitions (platform/export); the file is uploaded once and its messages queued.
 */
export async function exportLedger(
  deps: FeatureDeps,
  actor: Actor,
  filter: ListFilter,
  o: ExportRequest,
  limits: ExportLimits = { page: EXPORT_PAGE, cap: EXPORT_CAP },
): Promise<ExportOutcome> {
  const now = deps.clock.now();
  const today = beijingDate(now);
  const label = filterLabel(filter);
  const where = await itemWhere(deps, actor, filter, today);
  const total = await countItems(deps.prisma, where);
  const origin = `command:${actor.openId}`;
  if (!total) {
    await deps.outbox.deliver({
      to: { replyTo: o.replyTo },
      content: { type: 'text', text: `没有符合条件的督办事项（${label}），未生成台账文件。` },
      key: `sv-export-none:${o.replyTo}`,
      origin,
    });
    return { count: 0, total };
  }

  const route = o.route ? await o.route(where) : ({ kind: 'here' } as const);
  let built: SheetBuilt;
  try {
    built = await buildSheetInThread(LEDGER_SHEET, (add) => loadLedgerRows(deps, where, today, limits, add), { asOf: today, filterLabel: label, total });
  } catch (err) {
    throw asFileBuildFailure(deps, err, '台账文件生成失败，请稍后重新发送「督办 导出」，或缩小筛选范围后分批导出。如问题持续，请联系管理员。');
  }
  const { count } = built;
  const fileName = `督办台账-${today.replace(/-/g, '')}.xlsx`;
  const summary = [`督办台账已导出（${label}），共 ${count} 项，数据截至 ${today}。`, ...(total > count ? [cappedNote(total, count)] : [])].join('\n');
  const { delivered } = await deliverFile(deps, {
    file: { name: fileName, bytes: built.bytes, type: 'xls' },
    recipient: {
      kind: 'answer',
      replyTo: o.replyTo,
      asker: actor.openId,
      route,
      privateNotice: (reason) => privateNotice({ kind: 'private', reason }, '督办台账'),
    },
    texts: [summary],
    key: 'sv-export',
    scope: o.replyTo,
    origin,
    uploadFailed: '台账文件生成后上传飞书失败，请稍后重新发送「督办 导出」。如问题持续，请联系管理员。',
    audit: (fileKey, delivered) => ({
      actor: actor.openId,
      objectType: 'supervision_ledger',
      objectId: fileName,
      action: 'export',
      after: { filter: label, count, total, chatId: o.chatId, delivered, fileKey },
      at: now,
    }),
  });
  return { count, total, fileName, delivered, builtOnThread: built.threadId };
}

/** The ledger lines in number order, handed over a page at a time, at most `cap`; returns how many (the bench reads through it too). */
export async function loadLedgerRows(
  deps: FeatureDeps,
  where: Parameters<typeof ledgerPage>[1],
  today: string,
  limits: ExportLimits,
  onPage: (rows: LedgerRow[]) => void,
): Promise<number> {
  const calendar = deps.calendar.current();
  let count = 0;
  let after: { year: number; seq: number } | undefined;
  while (count < limits.cap) {
    const items = await ledgerPage(deps.prisma, where, after, Math.min(limits.page, limits.cap - count));
    if (!items.length) break;
    const people = [...new Set(items.flatMap((i) => [i.personId, i.leaderId]).filter((x): x is string => !!x))];
    const ids = (keep: (i: ItemRow) => boolean) => items.filter(keep).map((i) => i.id);
    const [names, progress, closures, acks] = await Promise.all([
      namesFor(deps.prisma, people, [...new Set(items.map((i) => i.unitId))]),
      latestProgressTexts(
        deps.prisma,
        ids(() => true),
      ),
      // 办理结果 as the card shows it: the submitted result while 待销号 and once 已办结 (a refused one is not a result).
      latestEvents(
        deps.prisma,
        ids((i) => i.status === 'pending_close' || i.status === 'closed'),
        'closure_requested',
      ),
      // Who signed, only where no person was named and someone has signed.
      latestEvents(
        deps.prisma,
        ids((i) => !i.personId && i.status !== 'pending_ack'),
        'acknowledged',
      ),
    ]);
    const signers = await signerNames(
      deps,
      [...acks.values()].map((a) => a.actor),
    );
    const rows = items.map((item) =>
      toLedgerRow(item, {
        unitName: names.units.get(item.unitId) ?? '（单位已删除）',
        // 责任人: the named person, else whoever signed it (the liaison who took it on).
        personName: item.personId ? names.people.get(item.personId)?.name : signers.get(acks.get(item.id)?.actor ?? ''),
        leaderName: item.leaderId ? names.people.get(item.leaderId)?.name : undefined,
        lastProgress: progress.get(item.id),
        result: closures.get(item.id)?.text,
        today,
        overdue: (deadline, until) => overdueWorkingDays(deadline, until, calendar),
      }),
    );
    onPage(rows);
    count += rows.length;
    const last = items.at(-1)!;
    after = { year: last.year, seq: last.seq };
    if (items.length < limits.page) break;
    // Let timers and sockets run between pages: on SQLite the driver is synchronous and Prisma's awaits
    // are microtasks, so without this the whole read is one stall of the event loop (2.9 s for 20,000 rows).
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return count;
}

function toLedgerRow(
  item: ItemRow,
  c: {
    unitName: string;
    personName?: string;
    leaderName?: string;
    lastProgress?: string;
    result?: string;
    today: string;
    overdue: (deadline: string, until: string) => number;
  },
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
    ...(c.result ? { result: c.result } : {}),
    overdueDays,
    createdOn: beijingDate(item.createdAt),
    ...(closedOn ? { closedOn } : {}),
  };
}
