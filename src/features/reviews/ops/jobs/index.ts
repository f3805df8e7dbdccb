import type { Router } from '../../../../router/router.js';
import type { FeatureDeps } from '../../../deps.js';
import { reviewSettings } from '../desk-lines.js';
import { keepsSeparate } from '../../../../platform/digest/index.js';
import { runReviewerDigest } from './digest.js';
import { reviewDigestSection } from './digest-section.js';
import { reviewRemindersPending, runReviewReminders } from './reminders.js';
import { runMonthlySummary } from './summary.js';

/** The desk's scheduled work: reminders in working time, the morning digest, the monthly summary. */
export function registerReviewJobs(router: Router, deps: FeatureDeps): void {
  const s = reviewSettings(deps);
  router.job({
    name: 'reviews.remind',
    label: '文稿审核提醒',
    description: '文稿在某一级停留到审核时限时提醒审核人，超过一倍时告知上一级（特急文稿加急提醒）',
    cron: s.remindCron,
    // With after-hours buzzes on, the job also runs at night (it then only buzzes 特急 drafts); otherwise
    // it waits for office hours like every reminder, and the first working minute catches up.
    ...(s.urgentAfterHours ? {} : { workingDaysOnly: true, officeHoursOnly: true }),
    catchUpWithinMinutes: 60,
    // Claims a run (and a row in the run table) only when some holding has a rung to send.
    pending: (at) => reviewRemindersPending(deps, at, s),
    handler: async ({ firedAt, log }) => {
      const run = await runReviewReminders(deps, firedAt, s);
      if (run.nudged || run.escalated || run.buzzed) log.info(run, 'review reminders sent');
    },
  });
  // Merged into 今日汇要 unless the office keeps the desk's own morning message (DIGEST_SEPARATE=reviews).
  if (deps.digest && !keepsSeparate(deps.settings.digest, 'reviews')) deps.digest.contribute('reviews', reviewDigestSection(deps));
  else
    router.job({
      name: 'reviews.digest',
      label: '文稿待审汇总',
      description: '每个工作日上班时，给手中有待审文稿的审核人各发一份汇总',
      cron: s.digestCron,
      workingDaysOnly: true,
      officeHoursOnly: true,
      catchUpWithinMinutes: 180,
      handler: async ({ firedAt, log }) => log.info(await runReviewerDigest(deps, firedAt), 'reviewer digest done'),
    });
  router.job({
    name: 'reviews.summary',
    label: '文稿审核月报',
    description: '每月第一个工作日，向审核群发送上月文稿审核情况',
    cron: s.summaryCron,
    workingDaysOnly: true,
    officeHoursOnly: true,
    catchUpWithinMinutes: 240,
    handler: async ({ firedAt }) => {
      await runMonthlySummary(deps, firedAt);
    },
  });
}
