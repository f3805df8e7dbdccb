import type { ActionContext, ActionResponse } from '../../../router/context.js';
import type { Router } from '../../../router/router.js';
import { ISO_DATE } from '../../../platform/time.js';
import type { FeatureDeps } from '../../deps.js';
import { actorOf, scopesOf } from '../../org/index.js';
import { PREVIEW_CONFIRM, PREVIEW_MODIFY } from './presenters/preview.js';
import { confirmPreview } from './use-cases/preview.js';

/** The leaders whose entries the clicker keeps, from their grants (never from the card). */
const keptLeaders = (ctx: ActionContext) =>
  scopesOf(actorOf(ctx), 'secretary')
    .filter((s) => s.startsWith('person:'))
    .map((s) => s.slice('person:'.length));

export function registerPreviewActions(router: Router, deps: FeatureDeps): void {
  router.action(PREVIEW_CONFIRM, async (ctx): Promise<ActionResponse> => {
    const date = String(ctx.value.d ?? '');
    const leaderIds = keptLeaders(ctx);
    if (!ISO_DATE.test(date)) return { toast: { type: 'error', content: '卡片已过时，请等待新的日程预览。' } };
    if (!leaderIds.length) return { toast: { type: 'error', content: '只有领导的秘书可以确认日程。' } };
    const actor = actorOf(ctx);
    const r = await confirmPreview(deps, { actorOpenId: ctx.actorOpenId, actorName: actor.person?.name ?? '', leaderIds, date, now: deps.clock.now() });
    return { toast: { type: 'success', content: r.confirmed ? `已确认，${r.confirmed} 项拟定日程改为确定。` : '已确认无误。' }, card: r.card };
  });
  router.action(PREVIEW_MODIFY, async (ctx): Promise<ActionResponse> => {
    if (!keptLeaders(ctx).length) return { toast: { type: 'error', content: '只有领导的秘书可以修改日程。' } };
    return { toast: { type: 'info', content: '请发送「日程 修改」修改相应日程，或「日程 明天」查看编号。' } };
  });
}
