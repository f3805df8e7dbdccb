import { chatAudienceFor } from '../../../platform/audience.js';
import type { ActionResponse } from '../../../router/context.js';
import { BotError } from '../../../errors.js';
import type { FeatureDeps } from '../../deps.js';
import { authorize, readDirectory, type Actor } from '../../org/index.js';
import { findConflicts } from '../domain/conflicts.js';
import type { Entry } from '../domain/entry.js';
import { presentEntryCard } from '../presenters/entry-card.js';
import { entriesOfDay, findEntry } from '../repositories/entries.js';
import { consumeProposalIf, findProposal, setProposalConflictsIf, setProposalEntry } from '../repositories/proposals.js';
import { readPayload } from '../schemas.js';
import { confirmCardFor } from './propose.js';
import { clickedAlone, readerIn } from './audience.js';
import { dateText, leaderOf, leadersIn, todayOf } from './directory.js';
import { createEntryWithHistory, staleEntry, updateEntryWithHistory } from './save-entry.js';

const gone = () => new BotError('stale_card', '该确认卡片已失效，请重新发送「日程 新增」。');

/**
 * 确认 / 仍然保存 on a confirmation card. The proposal row says what is saved; the clicker is checked
 * against its leader again. Clashes are looked for once more at the moment of saving: one the card did not
 * show (someone booked the room meanwhile) shows the card again, so saving over it is always a deliberate
 * click on what was seen. Of two clicks, one saves (the proposal is consumed by a compare-and-set).
 */
export async function confirmProposal(
  deps: FeatureDeps,
  actor: Actor,
  proposalId: string,
  force: boolean,
  /** The chat the card was clicked in: clashes shown again are shown as it may see them. */
  chatId: string,
): Promise<ActionResponse> {
  const p = await findProposal(deps.prisma, proposalId);
  if (!p || p.kind === 'cancel') throw gone();
  const payload = readPayload(p.payload);
  const { fields } = payload;
  authorize(actor, 'schedule.keep', { leaderId: fields.leaderId });
  const dir = await readDirectory(deps.prisma);
  const leaders = leadersIn(deps, dir);
  const entryCard = (e: Entry, title?: string) => presentEntryCard(e, leaderOf(leaders, e.leaderId), dateText(deps, e.date), title ? { title } : {});
  /** A card already used: saved (shown as saved), 放弃 (nothing saved), or a modification already applied. */
  // The entry as it now is, in full: where others read too (a group), only as this card proposed it (an
  // entry saved from it and not changed since); an entry changed privately since is not shown there.
  const mayShow = async (asProposed: boolean) => asProposed || (await clickedAlone(chatAudienceFor(deps.messenger), { chatId, actorOpenId: actor.openId }));
  const alreadyDone = async (q: { kind: string; entryId: string | null }): Promise<ActionResponse> => {
    const entry = q.entryId ? await findEntry(deps.prisma, q.entryId) : null;
    const content = q.kind === 'modify' ? '该确认卡片已处理，以下为日程的最新内容。' : entry ? '该日程已保存，未重复保存。' : '该日程已放弃，未保存。';
    const show = entry && (await mayShow(q.kind === 'add' && entry.version === 0));
    return { toast: { type: 'info', content }, ...(show ? { card: entryCard(entry) } : {}) };
  };
  const before = p.kind === 'modify' && p.entryId ? await findEntry(deps.prisma, p.entryId) : null;
  if (p.kind === 'modify' && !before) throw gone();
  if (before) authorize(actor, 'schedule.keep', { leaderId: before.leaderId });
  if (p.consumedAt) return alreadyDone(p);
  // A card confirmed days later: its date may have passed meanwhile, and only 补录 may be saved for a past day.
  if (!fields.backfilled && fields.date < todayOf(deps)) throw new BotError('bad_input', '该日程的日期已过，未保存。如为事后补录，请重新录入并注明「补录」。');
  const conflicts = findConflicts(fields, await entriesOfDay(deps.prisma, fields.date), p.entryId ?? undefined);
  const seen = new Set<string>(JSON.parse(p.conflicts || '[]') as string[]);
  const unseen = conflicts.filter((c) => !seen.has(c.other.id));
  if (unseen.length || (conflicts.length && !force)) {
    await setProposalConflictsIf(deps.prisma, p.id, JSON.stringify(conflicts.map((c) => c.other.id)));
    return {
      toast: { type: 'warning', content: '发现时间冲突，尚未保存，请核对后再决定。' },
      card: confirmCardFor(
        deps,
        { id: p.id, payload, entry: before ?? undefined },
        conflicts,
        leaders,
        await readerIn(deps, dir, { chatId, clicked: true }, actor),
      ),
    };
  }
  const by = { openId: actor.openId, at: deps.clock.now() };
  let saved: Entry | null;
  try {
    saved = await deps.prisma.$transaction(async (tx) => {
      if (!(await consumeProposalIf(tx, p.id, by.at))) return null;
      if (!before) {
        const entry = await createEntryWithHistory(tx, fields, by);
        await setProposalEntry(tx, p.id, entry.id);
        return entry;
      }
      // The entry changed since the form was filled in: its new state wins, the secretary looks again.
      if (before.version !== payload.entryVersion) throw staleEntry();
      return (await updateEntryWithHistory(tx, before, fields, by, fields.status === 'confirmed' && before.status === 'draft' ? 'confirmed' : 'updated')).after;
    });
  } catch (err) {
    if (err instanceof BotError && err.code === 'stale_card' && before) {
      const now = await findEntry(deps.prisma, before.id);
      const show = now && (await mayShow(false));
      return { toast: { type: 'warning', content: err.userMessage }, ...(show ? { card: entryCard(now) } : {}) };
    }
    throw err;
  }
  if (!saved) return alreadyDone((await findProposal(deps.prisma, p.id)) ?? p);
  const note = saved.backfilled ? '本条为补录日程。' : undefined;
  return {
    toast: { type: 'success', content: before ? '日程已修改。' : '日程已保存。' },
    card: presentEntryCard(saved, leaderOf(leaders, saved.leaderId), dateText(deps, saved.date), note ? { note } : {}),
  };
}

/** 放弃: the proposal is closed; nothing was saved. */
export async function discardProposal(deps: FeatureDeps, actor: Actor, proposalId: string): Promise<void> {
  const p = await findProposal(deps.prisma, proposalId);
  if (!p) throw gone();
  authorize(actor, 'schedule.keep', { leaderId: readPayload(p.payload).fields.leaderId });
  await deps.prisma.$transaction((tx) => consumeProposalIf(tx, p.id, deps.clock.now()));
}
