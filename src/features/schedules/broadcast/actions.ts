import type { ActionContext, ActionResponse } from '../../../router/context.js';
import type { Router } from '../../../router/router.js';
import { ISO_DATE } from '../../../platform/time.js';
import type { FeatureDeps } from '../../deps.js';
import { actorOf } from '../../org/index.js';
import { keptLeaders } from '../policy.js';
import { PREVIEW_CONFIRM, PREVIEW_MODIFY } from './presenters/preview.js';
import { leaders } from './repositories/day.js';
import { confirmPreview } from './use-cases/preview.js';

/** The leaders whose entries the clicker keeps, from the directory's grants (never from the card). */
async function keptBy(deps: FeatureDeps, ctx: ActionContext): Promise<string[]> {
  const kept = keptLeaders(actorOf(ctx));
  return kept === 'all' ? (await leaders(deps.prisma)).map((l) => l.id) : kept;
}

const monthDay = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

export function registerPreviewActions(router: Router, deps: FeatureDeps): void {
  router.action(PREVIEW_CONFIRM, async (ctx): Promise<ActionResponse> => {
    const date = String(ctx.value.d ?? '');
    if (!ISO_DATE.test(date)) return { toast: { type: 'error', content: '卡片已过时，请等待新的日程预览。' } };
    const leaderIds = await keptBy(deps, ctx);
    if (!leaderIds.length) return { toast: { type: 'error', content: '只有该领导的秘书或秘书科人员可以确认日程。' } };
    const actor = actorOf(ctx);
    const r = await confirmPreview(deps, { actorOpenId: ctx.actorOpenId, actorName: actor.person?.name ?? '', leaderIds, date, now: deps.clock.now() });
    return { toast: { type: 'success', content: r.confirmed ? `已确认，${r.confirmed} 项拟定日程改为确定。` : '已确认无误。' }, card: r.card };
  });
  router.action(PREVIEW_MODIFY, async (ctx): Promise<ActionResponse> => {
    const date = String(ctx.value.d ?? '');
    if (!(await keptBy(deps, ctx)).length) return { toast: { type: 'error', content: '只有该领导的秘书或秘书科人员可以修改日程。' } };
    const when = ISO_DATE.test(date) ? monthDay(date) : '<日期>';
    return { toast: { type: 'info', content: `请发送「日程 修改 <领导> ${when}」修改相应日程，如「日程 修改 张县长 ${when}上午」。` } };
  });
}
