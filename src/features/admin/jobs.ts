import { SqlReceiptStore } from '../../db/receipts.js';
import { missingScheduleWarning, yearsToWarnAbout } from '../../platform/calendar/calendar-repository.js';
import { beijingDate } from '../../platform/time.js';
import type { Router } from '../../router/router.js';
import type { FeatureDeps } from '../index.js';

const DAY = 86_400_000;

async function adminChats(deps: FeatureDeps): Promise<string[]> {
  return (await deps.prisma.chatBinding.findMany({ where: { purpose: 'admin' } })).map((b) => b.chatId);
}

/** The platform's own scheduled work. */
export function registerAdminJobs(router: Router, deps: FeatureDeps): void {
  router.job({
    name: 'calendar.check',
    description: '重新载入节假日安排；自 12 月起如下一年尚无安排，提醒管理员录入',
    cron: '0 9 * * *',
    workingDaysOnly: true,
    officeHoursOnly: true,
    catchUpWithinMinutes: 6 * 60,
    handler: async ({ firedAt }) => {
      await deps.calendar.reload();
      const today = beijingDate(firedAt);
      const text = missingScheduleWarning(yearsToWarnAbout(deps.calendar.current(), today));
      if (!text) return;
      for (const chatId of await adminChats(deps)) {
        await deps.outbox.deliver({ to: { chatId }, content: { type: 'text', text }, key: `calendar-warn:${today}:${chatId}`, origin: 'job:calendar.check' });
      }
    },
  });

  router.job({
    name: 'housekeeping',
    description: '清理过期的去重记录和已送达消息',
    cron: '30 3 * * *',
    catchUpWithinMinutes: 24 * 60,
    handler: async ({ firedAt, log }) => {
      // Lark re-pushes for about 7 hours; a week of receipts is ample.
      const receipts = await new SqlReceiptStore(deps.sql).prune(7 * DAY);
      const { count: messages } = await deps.prisma.outboxMessage.deleteMany({
        where: { status: { in: ['sent', 'superseded'] }, createdAt: { lt: new Date(firedAt.getTime() - 30 * DAY) } },
      });
      log.info({ receipts, messages }, 'housekeeping done');
    },
  });
}
