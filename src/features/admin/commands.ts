import { badInput, notFound } from '../../errors.js';
import { auditTrail } from '../../platform/audit.js';
import type { JobControl } from '../../platform/scheduler/job-control.js';
import { describeAudit, findByNumber, objectTypes } from '../../platform/objects.js';
import { beijingDate, formatBeijing } from '../../platform/time.js';
import type { Router } from '../../router/router.js';
import type { FeatureDeps } from '../deps.js';
import { actorOf, authorize, definePolicy, requireRole, type PolicyActions } from '../org/index.js';
import { findJob, jobLabel, OUTCOME_WORDS } from './job-words.js';
import { presentAuditTrail, presentJobList } from './presenters.js';
import { actorNames } from './queries.js';

declare module '../org/policy.js' {
  interface PolicyActions {
    'admin.jobs': undefined;
    'audit.view_any': undefined;
  }
}

definePolicy('admin.jobs', requireRole('admin'), '查看或运行定时任务');
definePolicy('audit.view_any', requireRole('admin'), '查看该对象的操作记录');

/** What a person may do after each outcome (the words of the outcome itself are shared with the local page). */
const OUTCOME_NEXT: Record<keyof typeof OUTCOME_WORDS, string> = {
  ran: '',
  claimed_elsewhere: '，无需重复运行',
  skipped: '',
  failed: '，请联系系统维护人员查看运行日志',
};

export function registerAdminCommands(router: Router, deps: FeatureDeps, jobs: JobControl): void {
  router.command(
    { names: ['任务', 'jobs'], feature: '系统管理', usage: '任务 列表 | 任务 执行 <名称>', summary: '查看定时任务，或立即运行一次（管理员）' },
    async (ctx) => {
      authorize(actorOf(ctx), 'admin.jobs');
      const [sub, name] = ctx.command.argv;
      if (!sub || sub === '列表') return ctx.replyCard(presentJobList(router.jobs(), await jobs.lastRuns()));
      if (sub !== '执行' && sub !== 'run') throw badInput('用法：任务 列表，或 任务 执行 <名称>。');
      // People type the Chinese name from 任务 列表; the code name still works for those who know it.
      const spec = name ? findJob(router.jobs(), name) : undefined;
      if (!spec || !jobs.job(spec.name)) throw notFound(`没有名为「${name ?? ''}」的任务。发送「任务 列表」查看任务名称。`);
      const label = jobLabel(spec);
      await ctx.replyText(`正在运行「${label}」……`);
      const outcome = await jobs.runManually(spec.name, deps.clock.now());
      await ctx.replyText(`「${label}」${OUTCOME_WORDS[outcome]}${OUTCOME_NEXT[outcome]}。`);
    },
  );

  router.command(
    { names: ['记录', 'history', '审计'], feature: '系统管理', usage: '记录 <对象编号>', summary: '查看某事项的操作记录（如督办编号）' },
    async (ctx) => {
      const typed = ctx.command.args.trim();
      const year = Number(beijingDate(deps.clock.now()).slice(0, 4));
      if (!typed) {
        // The examples are the declared series' own (督〔2026〕15号 …), so a new feature's numbers appear here.
        const examples = objectTypes().flatMap((t) => (t.series ? [`「记录 ${t.series.example(year)}」`] : []));
        throw badInput(`请写明对象编号${examples.length ? `，如${examples.join('、')}` : ''}。`);
      }
      const actor = actorOf(ctx);
      // A number people quote (督〔2026〕15号, 督[2026]15号, 15号) is resolved through the object registry and
      // follows its type's view policy; anything else is an audit id (people, roles, bindings): admins' only.
      const found = await findByNumber(deps.prisma, typed, year);
      const objectId = found?.auditId ?? typed;
      const entries = await auditTrail(deps.prisma, objectId);
      if (!entries.length) throw notFound(`没有「${typed}」的操作记录，请核对编号。`);
      if (found?.spec.viewPolicy) authorize(actor, found.spec.viewPolicy as keyof PolicyActions, found.subject as never);
      else authorize(actor, 'audit.view_any');
      const people = await actorNames(
        deps.prisma,
        entries.map((e) => e.actor),
      );
      await ctx.replyCard(
        presentAuditTrail(
          objectId,
          entries.map((e) => {
            const words = describeAudit(e);
            return {
              at: formatBeijing(e.at),
              who: e.actor.startsWith('system') ? '系统' : (people.get(e.actor) ?? '未登记人员'),
              action: words.action,
              detail: words.detail,
            };
          }),
        ),
      );
    },
  );
}
