import type { Card } from '../../../../cards/types.js';
import { beijingDate } from '../../../../platform/time.js';
import type { FeatureDeps } from '../../../deps.js';
import { readDirectory, type Actor } from '../../../org/index.js';
import { chatAudienceFor } from '../../../../platform/audience.js';
import { entriesOfDay } from '../../repositories/entries.js';
import { readerOf } from '../../use-cases/audience.js';
import { authorizeSomeKeeping, mayKeep } from '../../policy.js';
import { createEntryWithHistory } from '../../use-cases/save-entry.js';
import type { Entry, EntryFields } from '../../domain/entry.js';
import { importConflicts, type ConflictEntry } from '../domain/conflicts.js';
import { readRows, type ImportDraft } from '../domain/rows.js';
import { formatProblems, readTable, type Grid } from '../domain/table.js';
import { presentImportCard, presentImportDone } from '../presenters/import-card.js';
import { consumeProposal, createImportProposal, findImportProposal } from '../repositories/imports.js';

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
  chat: { chatId: string; chatType: 'p2p' | 'group' },
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

  const saved: Entry[] = [];
  for (const date of new Set(drafts.map((d) => d.date))) saved.push(...(await entriesOfDay(deps.prisma, date)));
  const nameOf = (id: string) => directory.people.find((p) => p.id === id)?.name ?? '（已离任领导）';
  const conflicts = importConflicts(
    drafts.map((d): ConflictEntry => ({ ...d, id: `row-${d.row}`, label: `第${d.row}行` })),
    saved.map((e): ConflictEntry => ({ ...e, label: '已有日程' })),
    nameOf,
    today,
    await readerOf(deps, chatAudienceFor(deps.messenger), directory, { ...chat, actor }),
  );
  const proposalId = await createImportProposal(deps.prisma, actor.openId, { sourceName, drafts }, conflicts, now);
  return { kind: 'card', card: presentImportCard({ proposalId, sourceName, drafts, conflicts, today }), count: drafts.length };
}

export type ImportDecided = { kind: 'saved'; card: Card; entryIds: string[] } | { kind: 'cancelled'; card: Card } | { kind: 'refused'; toast: string };

/**
 * 确认导入 / 取消 on the card. Only the person who imported decides; on 确认导入 their right to keep each
 * leader's entries is checked again (a grant may have been revoked since), then the proposal is consumed
 * (compare-and-set: one of two clicks wins) and every row saved in the same transaction — all or nothing.
 */
export async function decideImport(deps: FeatureDeps, actor: Actor, proposalId: string, decision: 'confirm' | 'cancel'): Promise<ImportDecided> {
  const p = await findImportProposal(deps.prisma, proposalId);
  if (!p) return { kind: 'refused', toast: '未找到该导入记录，请重新导入。' };
  if (p.actorOpenId !== actor.openId) return { kind: 'refused', toast: '只有发起本次导入的人员可以确认或取消。' };
  if (p.consumed) return { kind: 'refused', toast: '本次导入已处理，无需重复操作。' };
  const now = deps.clock.now();
  const { sourceName, drafts } = p.payload;
  if (decision === 'cancel') {
    if (!(await consumeProposal(deps.prisma, p.id, now))) return { kind: 'refused', toast: '本次导入已处理，无需重复操作。' };
    return { kind: 'cancelled', card: presentImportDone({ sourceName, count: 0, outcome: 'cancelled' }) };
  }
  const denied = drafts.find((d: ImportDraft) => !mayKeep(actor, d.leaderId));
  if (denied) return { kind: 'refused', toast: `您已无权录入${denied.leaderName}的日程（第${denied.row}行），本次导入未保存。` };
  const entryIds = await deps.prisma.$transaction(async (tx) => {
    if (!(await consumeProposal(tx, p.id, now))) return undefined;
    const ids: string[] = [];
    // Through the 日程 side's save: each row with its history (导入) and its change listeners, in this one transaction.
    for (const d of drafts) ids.push((await createEntryWithHistory(tx, entryFields(d), { openId: actor.openId, at: now }, 'imported')).id);
    return ids;
  });
  if (!entryIds) return { kind: 'refused', toast: '本次导入已处理，无需重复操作。' };
  return { kind: 'saved', entryIds, card: presentImportDone({ sourceName, count: entryIds.length, outcome: 'saved', byName: actor.person?.name }) };
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
