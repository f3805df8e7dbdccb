import type { Card } from '../../../../cards/types.js';
import { beijingDate, type IsoDate } from '../../../../platform/time.js';
import type { FeatureDeps } from '../../../deps.js';
import { readDirectory, type Actor, type Directory } from '../../../org/index.js';
import { entriesOfDay } from '../../repositories/entries.js';
import { readerIn, type ReadingChat } from '../../use-cases/audience.js';
import type { Audience } from '../../domain/visibility.js';
import { authorizeSomeKeeping, mayKeep } from '../../policy.js';
import { createEntryWithHistory } from '../../use-cases/save-entry.js';
import type { Entry, EntryFields } from '../../domain/entry.js';
import { importConflictKeys } from '../domain/conflict-keys.js';
import { importConflicts, type ConflictEntry } from '../domain/conflicts.js';
import { readRows, type ImportDraft } from '../domain/rows.js';
import { formatProblems, readTable, type Grid } from '../domain/table.js';
import { presentImportCard, presentImportDone, rowList } from '../presenters/import-card.js';
import { consumeProposal, createImportProposal, findImportProposal, reviseImportProposal, type ImportPayload } from '../repositories/imports.js';

const ALREADY_DONE = '本次导入已处理，无需重复操作。';

export type ImportProposed = { kind: 'refused'; text: string } | { kind: 'card'; card: Card; count: number };

/**
 * Reads a weekly table (a file's first sheet, or a table pasted in the chat) and proposes it: every row
 * understood and allowed, or a message naming each bad row and field and nothing kept. The proposal is
 * shown on one card; nothing is an entry until 确认导入.
 */
export async function proposeImport(
  deps: FeatureDeps,
  actor: Actor,
  grid: Grid,
  sourceName: string,
  /** Where the card is answered: saved entries in its conflicts are shown as that chat may see them. */
  chat: ReadingChat,
): Promise<ImportProposed> {
  // Someone who keeps no leader's entries is refused before the table is read (no leader names, no hints).
  authorizeSomeKeeping(actor);
  const table = readTable(grid);
  if (!table.ok) return { kind: 'refused', text: formatProblems(table.problems) };
  const now = deps.clock.now();
  const today = beijingDate(now);
  const directory = await readDirectory(deps.prisma);
  const { drafts, problems } = readRows(table.rows, {
    today,
    calendar: deps.calendar.current(),
    directory,
    mayKeep: (leader) => mayKeep(actor, leader.id),
  });
  if (problems.length) return { kind: 'refused', text: formatProblems(problems) };

  const found = await conflictsNow(deps, drafts, directory, today, await readerIn(deps, directory, chat, actor));
  const proposalId = await createImportProposal(deps.prisma, actor.openId, { sourceName, drafts }, found.keys, now);
  return { kind: 'card', card: presentImportCard({ proposalId, sourceName, drafts, conflicts: found.lines, today }), count: drafts.length };
}

/** The conflicts of the rows as the table stands now: among the rows and against the entries saved on their days. */
async function conflictsNow(
  deps: FeatureDeps,
  drafts: readonly ImportDraft[],
  directory: Directory,
  today: IsoDate,
  /** Who reads the card, per leader: saved entries are shown as they may see them. */
  reader: (leaderId: string) => Audience,
): Promise<{ lines: string[]; keys: string[] }> {
  const saved: Entry[] = [];
  for (const date of new Set(drafts.map((d) => d.date))) saved.push(...(await entriesOfDay(deps.prisma, date)));
  const nameOf = (id: string) => directory.people.find((p) => p.id === id)?.name ?? '（已离任领导）';
  const rows = drafts.map((d): ConflictEntry => ({ ...d, id: `row-${d.row}`, label: `第${d.row}行` }));
  const others = saved.map((e): ConflictEntry => ({ ...e, label: '已有日程' }));
  return { lines: importConflicts(rows, others, nameOf, today, reader), keys: importConflictKeys(rows, others) };
}

export type ImportDecided =
  | { kind: 'saved'; card: Card; entryIds: string[]; backfilled: number }
  | { kind: 'cancelled'; card: Card }
  /** Nothing saved: the card is shown again with what changed since it was read (a 补录 row, a new conflict). */
  | { kind: 'recheck'; card: Card; toast: string }
  | { kind: 'refused'; toast: string };

/**
 * 确认导入 / 取消 on the card. Only the person who imported decides; on 确认导入 their right to keep each
 * leader's entries is checked again (a grant may have been revoked since), and the table is looked at once
 * more as of now, as the one-line path does: a row whose day has passed since the card was shown, or a
 * conflict the card did not show (someone saved an entry meanwhile), saves nothing and shows the card again
 * — saving a 补录 or over a conflict is always a click on what was seen. Then the proposal is consumed
 * (compare-and-set: one of two clicks wins) and every row saved in the same transaction — all or nothing.
 */
export async function decideImport(
  deps: FeatureDeps,
  actor: Actor,
  proposalId: string,
  decision: 'confirm' | 'cancel',
  /** The chat the card was clicked in: a card shown again shows saved entries as it may see them. */
  chatId: string,
): Promise<ImportDecided> {
  const p = await findImportProposal(deps.prisma, proposalId);
  if (!p) return { kind: 'refused', toast: '未找到该导入记录，请重新导入。' };
  if (p.actorOpenId !== actor.openId) return { kind: 'refused', toast: '只有发起本次导入的人员可以确认或取消。' };
  if (p.consumed) return { kind: 'refused', toast: ALREADY_DONE };
  const now = deps.clock.now();
  const { sourceName, drafts } = p.payload;
  if (decision === 'cancel') {
    if (!(await consumeProposal(deps.prisma, p.id, now))) return { kind: 'refused', toast: ALREADY_DONE };
    return { kind: 'cancelled', card: presentImportDone({ sourceName, count: 0, outcome: 'cancelled' }) };
  }
  const denied = drafts.find((d: ImportDraft) => !mayKeep(actor, d.leaderId));
  if (denied) return { kind: 'refused', toast: `您已无权录入${denied.leaderName}的日程（第${denied.row}行），本次导入未保存。` };
  const today = beijingDate(now);
  const recheck = await recheckImport(deps, p, today, actor, chatId);
  if (recheck) return recheck;
  const entryIds = await deps.prisma.$transaction(async (tx) => {
    if (!(await consumeProposal(tx, p.id, now))) return undefined;
    const ids: string[] = [];
    // Through the 日程 side's save: each row with its history (导入) and its change listeners, in this one transaction.
    for (const d of drafts) ids.push((await createEntryWithHistory(tx, entryFields(d), { openId: actor.openId, at: now }, 'imported')).id);
    return ids;
  });
  if (!entryIds) return { kind: 'refused', toast: ALREADY_DONE };
  const backfilledRows = drafts.filter((d) => d.backfilled).map((d) => d.row);
  return {
    kind: 'saved',
    entryIds,
    backfilled: backfilledRows.length,
    card: presentImportDone({ sourceName, count: entryIds.length, outcome: 'saved', backfilledRows, ...(actor.person ? { byName: actor.person.name } : {}) }),
  };
}

/**
 * The table as of the click: rows dated before today that the card did not list as 补录 (it was shown on
 * an earlier day) are now listed so, and conflicts are found again. Anything new is written back to the
 * proposal (while it is still open) and the card shown again; undefined when the card is still true.
 */
async function recheckImport(
  deps: FeatureDeps,
  p: { id: string; payload: ImportPayload; seenConflicts: readonly string[] },
  today: IsoDate,
  actor: Actor,
  chatId: string,
): Promise<ImportDecided | undefined> {
  const { sourceName } = p.payload;
  const nowPast = p.payload.drafts.filter((d) => !d.backfilled && d.date < today).map((d) => d.row);
  const drafts = p.payload.drafts.map((d) => (nowPast.includes(d.row) ? { ...d, backfilled: true } : d));
  const directory = await readDirectory(deps.prisma);
  const found = await conflictsNow(deps, drafts, directory, today, await readerIn(deps, directory, { chatId, clicked: true }, actor));
  const seen = new Set(p.seenConflicts);
  const unseen = found.keys.filter((k) => !seen.has(k)).length;
  if (!nowPast.length && !unseen) return undefined;
  // Consumed meanwhile (the other of two clicks saved the rows, which are the "new conflicts" seen here).
  if (!(await reviseImportProposal(deps.prisma, p.id, { sourceName, drafts }, found.keys))) return { kind: 'refused', toast: ALREADY_DONE };
  const told = [nowPast.length ? `${rowList(nowPast)}的日期已过，现列为补录` : '', unseen ? `发现 ${unseen} 处新的冲突（在您确认前另有日程保存）` : ''].filter(
    Boolean,
  );
  return {
    kind: 'recheck',
    toast: `${told.join('；')}，尚未导入任何日程，请核对后再决定。`,
    card: presentImportCard({ proposalId: p.id, sourceName, drafts, conflicts: found.lines, today }),
  };
}

function entryFields(d: ImportDraft): EntryFields {
  return {
    leaderId: d.leaderId,
    date: d.date,
    dayPart: d.dayPart,
    startMinute: d.startMinute,
    endMinute: d.endMinute,
    activity: d.activity,
    place: d.place,
    accompany: d.accompany,
    attendees: d.attendees,
    contact: d.contact,
    visibility: d.visibility,
    status: d.status,
    source: 'import',
    backfilled: d.backfilled,
    remindMinutes: null,
  };
}
