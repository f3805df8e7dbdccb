import type { Router } from '../../router/router.js';
import type { DigestRegistry } from './registry.js';
import { DIGEST_JOB, runMorningDigest, type DigestRunDeps } from './run.js';
import { DEFAULT_DIGEST_SETTINGS, type DigestSettings } from './settings.js';

const cronAt = (minute: number) => `${minute % 60} ${Math.floor(minute / 60)} * * *`;

/**
 * The one scheduled job of 今日汇要: working days only, at DIGEST_AT (before office hours). A run missed
 * while the bot was down is still worth sending until noon; later the day's cards have lost their point.
 */
export function registerDigestJob(router: Router, deps: DigestRunDeps, registry: DigestRegistry, settings: DigestSettings = DEFAULT_DIGEST_SETTINGS): void {
  router.job({
    name: DIGEST_JOB,
    label: '今日汇要',
    description: '工作日上班前给每人发一张今日汇要（领导的今日日程和待办、审核人手中的文稿、联络员本单位的事项、秘书待确认的日程），无事项的人不发',
    cron: cronAt(settings.minute),
    workingDaysOnly: true,
    catchUpWithinMinutes: Math.max(0, 12 * 60 - settings.minute - 1),
    handler: async ({ firedAt, log }) => log.info(await runMorningDigest(deps, registry, firedAt), 'morning digest'),
  });
}
