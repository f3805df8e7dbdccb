import type { ActionContext, ActionResponse } from '../../../router/context.js';
import type { Router } from '../../../router/router.js';
import { ISO_DATE } from '../../../platform/time.js';
import type { FeatureDeps } from '../../deps.js';
import { actorOf } from '../../org/index.js';
import { keptLeaders } from '../policy.js';
import { scheduleActor } from '../use-cases/directory.js';
import { PREVIEW_CONFIRM, PREVIEW_MODIFY } from './presenters/preview.js';
import { confirmPreview, type PreviewClick } from './use-cases/preview.js';

const monthDay = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/** The ids a preview's button lists (`a,b,c`); undefined on a card sent before buttons carried them. */
const idList = (v: unknown): string[] | undefined =>
  typeof v === 'string'
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0 && s.length <= 64)
    : undefined;

/**
 * The preview's clicks. The clicker is the 日程 actor (秘书科's 科长 keeps every leader, as elsewhere in
 * 日程); what they may confirm comes from their grants, the card only narrows it to what it showed.
 */
export function registerPreviewActions(router: Router, deps: FeatureDeps): void {
  const actor = (ctx: ActionContext) => scheduleActor(deps, actorOf(ctx));
  router.action(PREVIEW_CONFIRM, async (ctx): Promise<ActionResponse> => {
    const date = String(ctx.value.d ?? '');
    if (!ISO_DATE.test(date)) return { toast: { type: 'error', content: '卡片已过时，请等待新的日程预览。' } };
    const leaderIds = idList(ctx.value.l);
    const entryIds = idList(ctx.value.e);
    const click: PreviewClick = { date, ...(leaderIds ? { leaderIds } : {}), ...(entryIds ? { entryIds } : {}) };
    const r = await confirmPreview(deps, await actor(ctx), click, deps.clock.now());
    if ('refused' in r) return { toast: { type: 'error', content: '只有该领导本人、该领导的秘书或秘书科人员可以确认日程。' } };
    return { toast: { type: 'success', content: r.confirmed ? `已确认，${r.confirmed} 项拟定日程改为确定。` : '已确认无误。' }, card: r.card };
  });
  router.action(PREVIEW_MODIFY, async (ctx): Promise<ActionResponse> => {
    const date = String(ctx.value.d ?? '');
    const kept = keptLeaders(await actor(ctx));
    if (kept !== 'all' && !kept.length) return { toast: { type: 'error', content: '只有该领导的秘书或秘书科人员可以修改日程。' } };
    const when = ISO_DATE.test(date) ? monthDay(date) : '<日期>';
    return { toast: { type: 'info', content: `请发送「日程 修改 <领导> ${when}」修改相应日程，如「日程 修改 张县长 ${when}上午」。` } };
  });
}
