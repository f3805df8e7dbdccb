import { BotError, badInput, notFound } from '../../../../errors.js';
import { recordEvent } from '../../../../platform/events.js';
import { enqueue } from '../../../../platform/outbox/outbox.js';
import type { FeatureDeps } from '../../../deps.js';
import { authorize, type Actor } from '../../../org/index.js';
import { readJson } from '../../domain/json.js';
import { ITEM_TYPE, NOTE_TYPE } from '../../object-type.js';
import { findItem, updateItemIf, type ItemRow } from '../../repositories/items.js';
import { findNotes, updateNoteIf } from '../../repositories/notes.js';
import type { BriefSeam } from '../../subcommands.js';
import { returnedText } from '../presenters/draft-card.js';
import { checkDraftFacts, findRiskyPhrases } from '../../drafting/index.js';
import { draftAudit, factsJson, itemColumns, riskyJson, runDrafter, toDraftNotes } from './draft.js';

const MOVED = '该草稿已被他人处理，请查看最新卡片。';

/** The item a click names, for an editor (checked per click: the card's values are not trusted). */
export async function itemForEditor(deps: FeatureDeps, actor: Actor, id: unknown): Promise<ItemRow> {
  authorize(actor, 'briefs.edit');
  const item = typeof id === 'string' ? await findItem(deps.prisma, id) : null;
  if (!item) throw notFound('未找到该信息草稿。');
  return item;
}

const mustBeDraft = (item: ItemRow) => {
  if (item.state !== 'draft') throw new BotError('conflict', MOVED);
};

async function change(deps: FeatureDeps, actor: Actor, item: ItemRow, data: Parameters<typeof updateItemIf>[2], kind: string, audit: unknown) {
  mustBeDraft(item);
  const now = deps.clock.now();
  await deps.prisma.$transaction(async (tx) => {
    if (!(await updateItemIf(tx, { id: item.id, version: item.version, state: 'draft' }, data))) throw new BotError('conflict', MOVED);
    await recordEvent(tx, {
      type: ITEM_TYPE,
      objectId: item.id,
      auditId: item.id,
      actor: actor.openId,
      at: now,
      kind,
      text: String(data.title ?? item.title).slice(0, 60),
      data: audit,
      before: { state: item.state },
      after: { state: data.state ?? item.state },
    });
  });
}

/** 采用: the editor's click is the only way an item goes on towards an issue. */
export async function adoptItem(deps: FeatureDeps, actor: Actor, item: ItemRow): Promise<void> {
  await change(deps, actor, item, { state: 'adopted', adoptedAt: deps.clock.now(), adoptedBy: actor.openId }, 'adopt', { edited: item.edited });
}

/** 修改: the editor's title, body and kind replace the draft's (still a draft until 采用). */
export async function editItem(deps: FeatureDeps, actor: Actor, item: ItemRow, input: { title: string; body: string; kind: string }, kinds: readonly string[]) {
  const title = input.title.trim();
  const body = input.body.trim();
  if (!title || !body) throw badInput('标题和正文都不能为空。');
  const kind = kinds.includes(input.kind) ? input.kind : item.kind;
  // The editor's text is checked again, as a draft is: its facts against the notes, its risky phrasing.
  const sources = await toDraftNotes(deps, await findNotes(deps.prisma, readJson<string[]>(item.sourceNoteIds, [])));
  const facts = checkDraftFacts({ title, body, facts: [] }, sources);
  const risky = findRiskyPhrases({ title, body });
  const columns = { facts: JSON.stringify(factsJson(facts)), riskyPhrases: JSON.stringify(riskyJson(risky)) };
  await change(deps, actor, item, { title, body, kind, edited: true, ...columns }, 'edit', { titleBefore: item.title });
}

/** 退回: the item is set aside and its source notes go back to their reporters with the editor's question. */
export async function returnItem(deps: FeatureDeps, seam: BriefSeam, actor: Actor, item: ItemRow, question: string): Promise<void> {
  const q = question.trim();
  if (!q) throw badInput('请写明退回的原因或需要补充的内容。');
  mustBeDraft(item);
  const now = deps.clock.now();
  const notes = await findNotes(deps.prisma, readJson<string[]>(item.sourceNoteIds, []));
  await deps.prisma.$transaction(async (tx) => {
    if (!(await updateItemIf(tx, { id: item.id, version: item.version, state: 'draft' }, { state: 'returned' }))) throw new BotError('conflict', MOVED);
    await recordEvent(tx, {
      type: ITEM_TYPE,
      objectId: item.id,
      auditId: item.id,
      actor: actor.openId,
      at: now,
      kind: 'return',
      text: q.slice(0, 60),
      after: { state: 'returned' },
    });
    const byReporter = new Map<string, string[]>();
    for (const n of notes) {
      const data = { state: 'returned', returnQuestion: q, returnedBy: actor.openId };
      if (!(await updateNoteIf(tx, { id: n.id, version: n.version }, data))) continue;
      await recordEvent(tx, {
        type: NOTE_TYPE,
        objectId: n.id,
        auditId: n.number,
        actor: actor.openId,
        at: now,
        kind: 'return',
        text: q.slice(0, 60),
        after: { status: 'returned' },
      });
      await seam.notifyNoteChanged({ kind: 'returned', before: n, after: { ...n, ...data, version: n.version + 1 }, actor: actor.openId, at: now }, tx);
      byReporter.set(n.reporterOpenId, [...(byReporter.get(n.reporterOpenId) ?? []), n.number]);
    }
    for (const [openId, numbers] of byReporter)
      await enqueue(tx, {
        to: { openId },
        content: { type: 'text', text: returnedText(numbers, q) },
        key: `briefs.return:${item.id}:${openId}`,
        origin: 'briefs.return',
      });
  });
  deps.outbox.kick();
}

/** 重新生成: the item's source notes drafted again (the model when configured); the row keeps its place. */
export async function regenerateItem(deps: FeatureDeps, actor: Actor, item: ItemRow): Promise<{ failed?: string }> {
  mustBeDraft(item);
  const notes = await findNotes(deps.prisma, readJson<string[]>(item.sourceNoteIds, []));
  const outcome = await runDrafter(deps, await toDraftNotes(deps, notes), {});
  const result = outcome.ok ? outcome : outcome.fallback;
  const [first] = result.items;
  if (!first) throw new BotError('unavailable', '重新生成未得到草稿，原草稿保留。');
  await change(deps, actor, item, itemColumns(first, result.meta), 'regenerate', draftAudit(result.meta, first));
  return outcome.ok ? {} : { failed: outcome.error.userMessage };
}
