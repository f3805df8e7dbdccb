import { BotError } from '../../errors.js';
import type { ActionContext, ActionResponse } from '../../router/context.js';
import type { Router } from '../../router/router.js';
import { card, markdown, md } from '../../cards/elements.js';
import type { FeatureDeps } from '../deps.js';
import { actorOf, formLists, readDirectory, type Actor } from '../org/index.js';
import { isKind, isUrgency } from './domain/kinds.js';
import { presentSubmitForm } from './presenters/forms.js';
import { fileValue, parseCard, revisedFileValue, submitForm } from './schemas.js';
import { resubmit } from './use-cases/resubmit.js';
import { submitDraft, type SubmitInput } from './use-cases/submit.js';
import type { DraftView } from './view.js';

/** What the person reads once submitted: the number and who has it now. */
export function submittedText(v: DraftView): string {
  const holder = v.steps.find((s) => s.status === 'current');
  return `已提交：${v.number}「${v.title}」${holder ? `，已送${holder.label} ${holder.personName}审核` : ''}。审核进度见私信中的文稿审核卡片，每一步都会原地更新。`;
}

export async function submitFormCard(deps: FeatureDeps, actor: Actor, extra: Omit<Parameters<typeof presentSubmitForm>[0], 'units'> = {}) {
  const units = formLists(await readDirectory(deps.prisma)).units;
  return presentSubmitForm({ units, ...(actor.person?.unitId ? { unitId: actor.person.unitId } : {}), ...extra });
}

/** 提交送审 on the form: refused input comes back on the form with what was typed; nothing is written. */
export function registerSubmitActions(router: Router, deps: FeatureDeps): void {
  // 作为审〔…〕号的修改稿提交: the file the drafter sent replaces the returned draft's, as its next revision.
  router.action('rv.resubmit.file', async (ctx: ActionContext): Promise<ActionResponse> => {
    const r = parseCard(revisedFileValue, ctx.value);
    try {
      const v = await resubmit(deps, actorOf(ctx), r.d, r.v, undefined, { messageId: r.m, key: r.f, name: r.n });
      const holder = v.steps.find((s) => s.status === 'current');
      const text = `已将「${r.n}」作为${v.number}的修改稿（第${v.revision}版）重新提交${holder ? `，已送${holder.label} ${holder.personName}审核` : ''}。`;
      return {
        toast: { type: 'success', content: '已重新提交修改稿。' },
        card: card({ title: `已提交修改稿 · ${v.number}`, template: 'green', elements: [markdown(md`${text}`)] }),
      };
    } catch (err) {
      // Already resubmitted, or the draft moved on: the toast says why; the offer stays as it was.
      if (err instanceof BotError && (err.code === 'stale_card' || err.code === 'conflict')) return { toast: { type: 'warning', content: err.userMessage } };
      throw err;
    }
  });
  router.action('rv.submit', async (ctx: ActionContext): Promise<ActionResponse> => {
    const actor = actorOf(ctx);
    const f = parseCard(submitForm, ctx.action.formValue);
    const file = parseCard(fileValue, ctx.value);
    const fileRef = file.m && file.f ? { messageId: file.m, key: file.f, name: file.n ?? '文稿' } : undefined;
    const input: SubmitInput = {
      title: f.title,
      kind: f.kind && isKind(f.kind) ? f.kind : undefined,
      ...(f.kind && !isKind(f.kind) ? { kindTyped: f.kind } : {}),
      urgency: f.urgency && isUrgency(f.urgency) ? f.urgency : 'normal',
      ...(fileRef ? { file: fileRef } : { link: f.link ?? '' }),
      ...(f.unit ? { unitId: f.unit } : {}),
      note: f.note ?? '',
    };
    try {
      const { view } = await submitDraft(deps, actor, input);
      return {
        toast: { type: 'success', content: `已提交：${view.number}` },
        card: card({ title: `已提交 · ${view.number}`, template: 'green', elements: [markdown(md`${submittedText(view)}`)] }),
      };
    } catch (err) {
      if (err instanceof BotError && err.code === 'bad_input') {
        const values = Object.fromEntries(Object.entries(f).filter((e): e is [string, string] => typeof e[1] === 'string'));
        return {
          toast: { type: 'error', content: err.userMessage },
          card: await submitFormCard(deps, actor, { error: err.userMessage, values, ...(fileRef ? { file: fileRef } : {}) }),
        };
      }
      throw err;
    }
  });
}
