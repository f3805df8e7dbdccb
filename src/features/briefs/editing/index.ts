import { z } from 'zod';
import { BotError } from '../../../errors.js';
import type { Card } from '../../../cards/types.js';
import type { DraftProgress } from '../../../ports/drafter.js';
import type { FeatureDeps } from '../../deps.js';
import { actorOf, authorize } from '../../org/index.js';
import { officeKinds } from '../notes/use-cases/shared.js';
import { enqueue } from '../../../platform/outbox/outbox.js';
import { itemsOfRun, findItem, openDraftsOf } from '../repositories/items.js';
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
    /** No more progress: the last progress patch answered and PROGRESS_PATCH_MS passed since (the final card may go). */
    async quiet() {
      busy = true; // a late progress callback is dropped
      await inFlight.catch(() => undefined);
      const wait = PROGRESS_PATCH_MS - (performance.now() - lastAt);
      if (wait > 0) await sleep(wait);
    },
  };
}

/**
 * The run's final card (drafts, or the failure) as a durable patch through the outbox, keyed by the run:
 * retried by the worker, so a failed patch does not leave the editor at 信息起草中 with the notes used.
 */
async function sendRunCard(deps: FeatureDeps, runId: string, card: Card, log: { warn: (o: object, m: string) => void }) {
  try {
    await enqueue(deps.prisma, { to: { patch: runId }, content: { type: 'card', card }, key: `briefs.run:${runId}`, origin: 'briefs.draft' });
    deps.outbox.kick();
  } catch (error) {
    log.warn({ err: error }, 'briefs drafting: could not queue the run card; patching directly');
    await deps.messenger.updateCard(runId, card);
  }
}

async function runCard(deps: FeatureDeps, runId: string, note?: string): Promise<Card> {
  const rows = await itemsOfRun(deps.prisma, runId);
  return presentDraftRun(await Promise.all(rows.map((r) => itemView(deps, r))), note);
}

const editForm = z.object({ title: z.string().max(200), body: z.string().max(4000), kind: z.string().max(64).optional().default('') });
const returnForm = z.object({ question: z.string().max(1000) });
const STALE = '卡片内容已失效，请重新发送「信息 起草」。';
const RUN_FAILED = '起草过程出错，来源信息未受影响（已生成的草稿可发送「信息 草稿」查看）。可改用规则生成的草稿。';
/** Drafting runs at once in the background (each may wait minutes on the model); more wait their turn. */
const DRAFT_CONCURRENCY = 2;

/** At most `n` of the given tasks run at a time; the rest start, in order, as earlier ones finish. */
function limitConcurrency(n: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= n) await new Promise<void>((r) => waiting.push(r));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}
/** 信息 草稿 shows at most this many runs (the newest). */
const OPEN_RUNS_SHOWN = 5;

/** Editor side (t15-draft): 信息 起草 and its card (采用 / 修改 / 退回 / 重新生成, the failure path). */
export const registerEditing: BriefPart = (router, deps, seam) => {
  const drafting = limitConcurrency(DRAFT_CONCURRENCY);
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
      // Answered at once (the progress card); the model writes in the background, a few runs at a time, so a
      // slow model holds none of the router's command slots. trackWork: settle and shutdown wait for it.
      const work = drafting(async () => {
        const patcher = throttledPatcher(deps, runId);
        const onProgress = (p: DraftProgress) => patcher.progress(presentDraftProgress(notes.length, p));
        const failedCard = (message: string) =>
          presentDraftFailed(
            message,
            notes.map((n) => n.number),
            notes.map((n) => n.id),
          );
        let card: Card;
        try {
          const outcome = await runDrafter(deps, await toDraftNotes(deps, notes), { kinds: await officeKinds(deps), onProgress });
          await patcher.quiet();
          if (!outcome.ok) {
            ctx.log.warn({ code: outcome.error.code, ...outcome.error.detail }, 'briefs drafting: model failed');
            card = failedCard(outcome.error.userMessage);
          } else {
            await saveRun(deps, seam, actor, runId, notes, outcome);
            card = await runCard(deps, runId, outcome.meta.reasonText);
          }
        } catch (error) {
          // Never left at 信息起草中: the editor is told, and offered the rules draft (drafts already saved show on 信息 草稿).
          ctx.log.error({ err: error }, 'briefs drafting: the run failed');
          await patcher.quiet();
          card = failedCard(RUN_FAILED);
        }
        await sendRunCard(deps, runId, card, ctx.log);
      });
      router.trackWork(work.catch((error: unknown) => ctx.log.error({ err: error }, 'briefs drafting: the run card could not be sent')));
    },
  });

  seam.subcommands({
    words: ['草稿'],
    usage: '信息 草稿',
    summary: '查看本人尚未处理的信息草稿（信息科编辑）',
    run: async (ctx) => {
      const actor = actorOf(ctx);
      authorize(actor, 'briefs.edit');
      const rows = await openDraftsOf(deps.prisma, actor.openId);
      if (!rows.length) return ctx.replyText('您目前没有待处理的信息草稿。');
      // One card per run, so each button acts on the run its item belongs to; the latest runs first.
      const runs = [...new Set(rows.map((r) => r.runId))].slice(0, OPEN_RUNS_SHOWN);
      for (const runId of runs) {
        const sent = await deps.messenger.reply(ctx.message.messageId, { type: 'card', card: await runCard(deps, runId) });
        if (!sent.ok) throw new BotError('unavailable', '草稿卡片发送失败，请稍后重试。');
      }
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
