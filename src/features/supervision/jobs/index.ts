import { recordEvent } from '../../../platform/events.js';
import { enqueue } from '../../../platform/outbox/outbox.js';
import { beijingDate } from '../../../platform/time.js';
import type { Router } from '../../../router/router.js';
import type { FeatureDeps } from '../../deps.js';
import { chatsForPurpose } from '../../org/index.js';
import type { LadderConfig } from '../domain/chase-ladder.js';
import { presentFollowUpCard } from '../presenters/follow-up.js';
import { presentItemList, presentReport } from '../presenters/reports.js';
import { buildReport } from '../queries.js';
import { ITEM_TYPE } from '../object-type.js';
import { updateItemIf } from '../repository.js';
import { assigneeOpenIds, currentView } from '../use-cases/publish.js';
import { runChase } from './chase.js';
import { supervisionDigestSection } from './digest-section.js';
import { keepsSeparate } from '../../../platform/digest/index.js';
import { followUpsDue, promisedProposals, unitNamesById } from '../repositories/chase.js';

export function registerSupervisionJobs(router: Router, deps: FeatureDeps): void {
  const s = deps.settings.supervision;
  const ladder: LadderConfig = { before: s.remindBefore, firstOverdue: s.firstOverdue, escalateAt: s.escalateAt, repeatEvery: s.repeatEvery };
  // The people's reminders are a section of 今日汇要 unless the office keeps them apart (DIGEST_SEPARATE=supervision).
  const merged = Boolean(deps.digest) && !keepsSeparate(deps.settings.digest, 'supervision');
  if (merged) deps.digest?.contribute('supervision', supervisionDigestSection(deps));

  router.job({
    name: 'supervision.chase',
    label: '督办催办',
    description: merged ? '督办催办：到期前提醒、超期升级（督查群即时通报）；个人待办并入今日汇要' : '督办催办：到期前提醒、超期升级，每人每天一张汇总卡片',
    cron: s.chaseCron,
    workingDaysOnly: true,
    officeHoursOnly: true,
    // Caught up within the morning; a missed rung is sent the next working day anyway.
    catchUpWithinMinutes: 150,
    handler: async ({ firedAt, log }) => log.info(await runChase(deps, firedAt, ladder, !merged), 'chase done'),
  });

  router.job({
    name: 'supervision.report',
    label: '督查通报',
    description: '每周督查通报，发送到督查群',
    cron: s.reportCron,
    workingDaysOnly: true,
    officeHoursOnly: true,
    catchUpWithinMinutes: 240,
    handler: async ({ firedAt }) => {
      const today = beijingDate(firedAt);
      const card = presentReport(await buildReport(deps, `督查通报（${today}）`));
      for (const chatId of await chatsForPurpose(deps.prisma, 'supervision')) {
        await deps.outbox.deliver({ to: { chatId }, content: { type: 'card', card }, key: `sv-report:${today}:${chatId}`, origin: 'job:supervision.report' });
      }
    },
  });

  router.job({
    name: 'supervision.follow-up',
    label: '销号回访',
    description: '销号后回访：请承办单位确认办理成效是否巩固',
    cron: '10 9 * * *',
    workingDaysOnly: true,
    officeHoursOnly: true,
    catchUpWithinMinutes: 240,
    handler: async ({ firedAt }) => {
      const today = beijingDate(firedAt);
      const due = await followUpsDue(deps.prisma, today);
      for (const item of due) {
        await deps.prisma.$transaction(async (tx) => {
          // Marked sent in the same transaction as its cards: sent once, and only then answerable.
          if (!(await updateItemIf(tx, item, { followUpSentAt: firedAt }, { status: 'closed', followUpDone: false, followUpSentAt: null }))) return;
          const view = await currentView(deps, tx, item);
          for (const openId of await assigneeOpenIds(tx, item)) {
            await enqueue(tx, {
              to: { openId },
              content: { type: 'card', card: presentFollowUpCard(view) },
              key: `sv-follow:${item.id}:${openId}`,
              origin: 'job:supervision.follow-up',
            });
          }
          await recordEvent(tx, {
            type: ITEM_TYPE,
            objectId: item.id,
            auditId: item.number,
            actor: 'system:supervision.follow-up',
            at: firedAt,
            kind: 'follow_up',
            text: '发起回访',
            action: 'request_follow_up',
          });
        });
      }
      deps.outbox.kick();
    },
  });

  router.job({
    name: 'supervision.october-review',
    label: '十月回头看',
    description: '每年十月首个工作日，列出承诺办理（B类）建议提案供"回头看"',
    cron: '0 9 * 10 *',
    workingDaysOnly: true,
    officeHoursOnly: true,
    handler: async ({ firedAt }) => {
      const today = beijingDate(firedAt);
      const calendar = deps.calendar.current();
      const first = calendar.isWorkingDay(`${today.slice(0, 4)}-10-01`) ? `${today.slice(0, 4)}-10-01` : calendar.nextWorkingDay(`${today.slice(0, 4)}-10-01`);
      if (today !== first) return;
      const items = await promisedProposals(deps.prisma);
      const units = new Map((await unitNamesById(deps.prisma, [...new Set(items.map((i) => i.unitId))])).map((u) => [u.id, u.name]));
      const card = presentItemList(
        `承诺办理（B类）建议提案回头看（${items.length} 项）`,
        items.map((i) => ({
          number: i.number,
          content: i.content,
          unitName: units.get(i.unitId) ?? '',
          deadline: i.deadline,
          status: i.status as never,
          overdueDays: 0,
        })),
        items.length,
      );
      for (const chatId of await chatsForPurpose(deps.prisma, 'supervision')) {
        await deps.outbox.deliver({
          to: { chatId },
          content: { type: 'card', card },
          key: `sv-october:${today}:${chatId}`,
          origin: 'job:supervision.october-review',
        });
      }
    },
  });
}
