import { z } from 'zod';
import { BotError } from '../../../errors.js';
import type { Card } from '../../../cards/types.js';
import type { DraftProgress } from '../../../ports/drafter.js';
import type { FeatureDeps } from '../../deps.js';
import { actorOf, authorize } from '../../org/index.js';
import { officeKinds } from '../notes/use-cases/shared.js';
import { itemsOfRun, findItem } from '../repositories/items.js';
import { findNotes } from '../repositories/notes.js';
import type { BriefPart } from '../subcommands.js';
import { readJson } from '../domain/json.js';
import {
  ADOPT_ACTION,
  EDIT_ACTION,
  EDIT_SUBMIT_ACTION,
  REGENERATE_ACTION,
  RETURN_ACTION,
  RETURN_SUBMIT_ACTION,
  USE_RULES_ACTION,
  presentDraftFailed,
  presentDraftProgress,
  presentDraftRun,
  presentEditForm,
  presentReturnForm,
} from './presenters/draft-card.js';
import { itemView, runDrafter, saveRun, selectNotes, toDraftNotes } from './use-cases/draft.js';
import { adoptItem, editItem, itemForEditor, regenerateItem, returnItem } from './use-cases/items.js';

/** Lark allows 5 updates a second per message; the progress card is patched at most once a second. */
export const PROGRESS_PATCH_MS = 1000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Patches one message no faster than PROGRESS_PATCH_MS, one patch in flight at a time; `last` waits its turn. */
function throttledPatcher(deps: FeatureDeps, messageId: string) {
  let lastAt = performance.now();
  let inFlight: Promise<unknown> = Promise.resolve();
  let busy = false;
  const patch = (card: Card) => {
    busy = true;
    // Counted from the end of the previous patch: no two reach Lark closer than PROGRESS_PATCH_MS.
    inFlight = deps.messenger.updateCard(messageId, card).finally(() => {
      busy = false;
      lastAt = performance.now();
    });
  };
  return {
    progress(card: Card) {
      if (busy || performance.now() - lastAt < PROGRESS_PATCH_MS) return;
      patch(card);
    },
    async last(card: Card) {
      await inFlight.catch(() => undefined);
      const wait = PROGRESS_PATCH_MS - (performance.now() - lastAt);
      if (wait > 0) await sleep(wait);
      patch(card);
      await inFlight;
    },
  };
}

async function runCard(deps: FeatureDeps, runId: string, note?: string): Promise<Card> {
  const rows = await itemsOfRun(deps.prisma, runId);
  return presentDraftRun(await Promise.all(rows.map((r) => itemView(deps, r))), note);
}

const editForm = z.object({ title: z.string().max(200), body: z.string().max(4000), kind: z.string().max(64).optional().default('') });
const returnForm = z.object({ question: z.string().max(1000) });
const STALE = '卡片内容已失效，请重新发送「信息 起草」。';

/** Editor side (t15-draft): 信息 起草 and its card (采用 / 修改 / 退回 / 重新生成, the failure path). */
export const registerEditing: BriefPart = (router, deps, seam) => {
  seam.subcommands({
    words: ['起草'],
    usage: '信息 起草 [今天|<起始日期> [<截止日期>]|<编号>…]',
    summary: '由报送的信息起草信息草稿（信息科编辑）',
    run: async (ctx, argv) => {
      const actor = actorOf(ctx);
      authorize(actor, 'briefs.edit');
      const notes = await selectNotes(deps, argv.slice(1));
      const sent = await deps.messenger.reply(ctx.message.messageId, { type: 'card', card: presentDraftProgress(notes.length) });
      if (!sent.ok) throw new BotError('unavailable', '起草卡片发送失败，请稍后重试。');
      const runId = sent.value.messageId;
      const patcher = throttledPatcher(deps, runId);
      const onProgress = (p: DraftProgress) => patcher.progress(presentDraftProgress(notes.length, p));
      const outcome = await runDrafter(deps, await toDraftNotes(deps, notes), { kinds: await officeKinds(deps), onProgress });
      if (!outcome.ok) {
        ctx.log.warn({ code: outcome.error.code, ...outcome.error.detail }, 'briefs drafting: model failed');
        return patcher.last(
          presentDraftFailed(
            outcome.error.userMessage,
            notes.map((n) => n.number),
            notes.map((n) => n.id),
          ),
        );
      }
      await saveRun(deps, seam, actor, runId, notes, outcome);
      await patcher.last(await runCard(deps, runId, outcome.meta.reasonText));
    },
  });

  router.action(USE_RULES_ACTION, async (ctx) => {
    const actor = actorOf(ctx);
    authorize(actor, 'briefs.edit');
    const ids = String(ctx.action.value.notes ?? '')
      .split(',')
      .filter(Boolean)
      .slice(0, 200);
    const notes = (await findNotes(deps.prisma, ids)).filter((n) => n.state === 'reported');
    if (!notes.length) throw new BotError('conflict', '这些信息已被起草、退回或撤回。');
    const outcome = await runDrafter(deps, await toDraftNotes(deps, notes), { kinds: await officeKinds(deps), rulesOnly: true });
    if (!outcome.ok) throw new BotError('internal', outcome.error.userMessage);
    const meta = { ...outcome.meta, reason: 'model_failed' as const, reasonText: '规则生成（大模型调用失败）' };
    await saveRun(deps, seam, actor, ctx.action.messageId, notes, { items: outcome.items, meta });
    return { toast: { type: 'success', content: '已生成规则草稿' }, card: await runCard(deps, ctx.action.messageId, meta.reasonText) };
  });

  router.action(ADOPT_ACTION, async (ctx) => {
    const item = await itemForEditor(deps, actorOf(ctx), ctx.action.value.item);
    await adoptItem(deps, actorOf(ctx), item);
    return { toast: { type: 'success', content: '已采用，可在「信息 编期」中编入简报' }, card: await runCard(deps, item.runId) };
  });

  router.action(EDIT_ACTION, async (ctx) => {
    const item = await itemForEditor(deps, actorOf(ctx), ctx.action.value.item);
    if (item.state !== 'draft') throw new BotError('conflict', '该草稿已处理，不能再修改。');
    return { card: presentEditForm(item, await officeKinds(deps)) };
  });

  router.action(EDIT_SUBMIT_ACTION, async (ctx) => {
    const item = await itemForEditor(deps, actorOf(ctx), ctx.action.value.item);
    const parsed = editForm.safeParse(ctx.action.formValue ?? {});
    if (!parsed.success) throw new BotError('stale_card', STALE);
    await editItem(deps, actorOf(ctx), item, parsed.data, await officeKinds(deps));
    return { toast: { type: 'success', content: '已保存修改' }, card: await runCard(deps, item.runId) };
  });

  router.action(RETURN_ACTION, async (ctx) => {
    const item = await itemForEditor(deps, actorOf(ctx), ctx.action.value.item);
    if (item.state !== 'draft') throw new BotError('conflict', '该草稿已处理，不能退回。');
    const notes = await findNotes(deps.prisma, readJson<string[]>(item.sourceNoteIds, []));
    return {
      card: presentReturnForm(
        item.id,
        notes.map((n) => n.number),
      ),
    };
  });

  router.action(RETURN_SUBMIT_ACTION, async (ctx) => {
    const item = await itemForEditor(deps, actorOf(ctx), ctx.action.value.item);
    const parsed = returnForm.safeParse(ctx.action.formValue ?? {});
    if (!parsed.success) throw new BotError('stale_card', STALE);
    await returnItem(deps, seam, actorOf(ctx), item, parsed.data.question);
    return { toast: { type: 'success', content: '已退回报送人' }, card: await runCard(deps, item.runId) };
  });

  router.action(REGENERATE_ACTION, async (ctx) => {
    const item = await itemForEditor(deps, actorOf(ctx), ctx.action.value.item);
    const r = await regenerateItem(deps, actorOf(ctx), item);
    const fresh = await findItem(deps.prisma, item.id);
    return {
      toast: r.failed ? { type: 'warning', content: `${r.failed}已改用规则草稿。` } : { type: 'success', content: '已重新生成' },
      card: await runCard(deps, fresh?.runId ?? item.runId),
    };
  });
};
