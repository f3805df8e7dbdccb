import { SqlReceiptStore } from '../../db/receipts.js';
import { yearsToWarnAbout } from '../../platform/calendar/calendar-repository.js';
import { pruneDelivered } from '../../platform/outbox/outbox.js';
import { beijingDate } from '../../platform/time.js';
import type { Router } from '../../router/router.js';
import type { FeatureDeps } from '../deps.js';
import { chatsForPurpose } from '../org/index.js';

const DAY = 86_400_000;

/**
 * The 管理群's December notice: what is missing, what goes wrong without it, and what to do, in words —
 * the admin who reads it may not run the server, so the command itself stays in the README.
 */
export function calendarWarning(years: readonly number[]): string | undefined {
  if (years.length === 0) return undefined;
  const list = years.map((y) => `${y}年`).join('、');
  return (
    `尚未录入${list}的法定节假日和调休安排。未录入前将按周一至周五计算工作日，办理期限和提醒时间可能有误。` +
    `请在国务院办公厅发布节假日安排通知后，按通知整理节假日文件，交由系统维护人员导入（操作方法见使用说明“节假日与工作日”一节）。`
  );
}

const adminChats = (deps: FeatureDeps): Promise<string[]> => chatsForPurpose(deps.prisma, 'admin');

/** The platform's own scheduled work. */
export function registerAdminJobs(router: Router, deps: FeatureDeps): void {
  router.job({
    name: 'calendar.check',
    label: '节假日检查',
    description: '重新载入节假日安排；自 12 月起如下一年尚无安排，提醒管理员录入',
    cron: '0 9 * * *',
    workingDaysOnly: true,
    officeHoursOnly: true,
    catchUpWithinMinutes: 6 * 60,
    handler: async ({ firedAt }) => {
      await deps.calendar.reload();
      const today = beijingDate(firedAt);
      const text = calendarWarning(yearsToWarnAbout(deps.calendar.current(), today));
      if (!text) return;
      for (const chatId of await adminChats(deps)) {
        await deps.outbox.deliver({ to: { chatId }, content: { type: 'text', text }, key: `calendar-warn:${today}:${chatId}`, origin: 'job:calendar.check' });
      }
    },
  });

  router.job({
    name: 'housekeeping',
    label: '数据清理',
    description: '清理过期的去重记录和已送达消息',
    cron: '30 3 * * *',
    catchUpWithinMinutes: 24 * 60,
    handler: async ({ firedAt, log }) => {
      // Lark re-pushes for about 7 hours; a week of receipts is ample.
      const receipts = await new SqlReceiptStore(deps.sql).prune(7 * DAY);
      const messages = await pruneDelivered(deps.prisma, new Date(firedAt.getTime() - 30 * DAY));
      log.info({ receipts, messages }, 'housekeeping done');
    },
  });
}
