import type { Router } from '../../../router/router.js';
import type { FeatureDeps } from '../../deps.js';
import { CATCH_UP_UNTIL_MINUTE, scheduleSettings } from './settings.js';
import { runBroadcast } from './use-cases/broadcast.js';
import { runPreview } from './use-cases/preview.js';
import { ReminderWatch, runReminders } from './use-cases/reminders.js';

const cronAt = (minute: number) => `${minute % 60} ${Math.floor(minute / 60)} * * *`;

export const BROADCAST_JOB = 'schedules.broadcast';
export const PREVIEW_JOB = 'schedules.preview';
export const REMIND_JOB = 'schedules.remind';

export function registerScheduleJobs(router: Router, deps: FeatureDeps): ReminderWatch {
  const s = scheduleSettings(deps);
  router.job({
    name: PREVIEW_JOB,
    label: '日程预览',
    description: '工作日傍晚向各位秘书私信下一个工作日的领导日程，请其核对确认（无专职秘书的领导由秘书科核对）',
    cron: cronAt(s.previewMinute),
    workingDaysOnly: true,
    catchUpWithinMinutes: 120,
    handler: async ({ firedAt, log }) => log.info(await runPreview(deps, firedAt), 'schedule preview sent'),
  });
  router.job({
    name: BROADCAST_JOB,
    label: '今日日程',
    description: '上班前向各日程群发送当日领导日程；节假日改发今日值班；停机错过的中午前补发',
    cron: cronAt(s.broadcastMinute),
    // Not workingDaysOnly: on a day off the run decides on 今日值班. Before office hours by design, so
    // not officeHoursOnly either; a missed run is still sent until noon (marked 补发), never after.
    catchUpWithinMinutes: Math.max(0, CATCH_UP_UNTIL_MINUTE - s.broadcastMinute - 1),
    handler: async ({ firedAt, clock, log }) => log.info(await runBroadcast(deps, firedAt, clock.now()), 'schedule broadcast'),
  });
  const watch = new ReminderWatch(deps);
  router.job({
    name: REMIND_JOB,
    label: '日程提醒',
    description: '每项活动开始前私信提醒领导和秘书（任何时间，含节假日）',
    cron: '* * * * *',
    pending: (at) => watch.pending(at),
    handler: async ({ firedAt, log }) => {
      const n = await runReminders(deps, firedAt);
      watch.invalidate();
      if (n) log.info({ reminded: n }, 'schedule reminders sent');
    },
  });
  return watch;
}
