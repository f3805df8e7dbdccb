import { formatChineseDate, beijingDate, addDays } from '../../../platform/time.js';
import type { CommandContext } from '../../../router/context.js';
import { forbidden } from '../../../errors.js';
import type { FeatureDeps } from '../../deps.js';
import { actorOf, hasRole } from '../../org/index.js';
import type { ScheduleSubcommand } from '../subcommands.js';
import { parseDutyLine, parseDutyTable, type DutyLine } from './domain/duty.js';
import { replaceRoster, rosterBetween, unitName } from './repositories/day.js';

/**
 * 值班 新增 / 导入 / 查看: the 值班表 shown on days off instead of the schedules. Kept by 秘书科 (people of
 * the unit named 秘书科), secretaries and admins; anyone in the directory may look.
 */
async function mayKeepRoster(deps: FeatureDeps, ctx: CommandContext): Promise<boolean> {
  const actor = actorOf(ctx);
  if (hasRole(actor, 'admin') || hasRole(actor, 'secretary')) return true;
  return Boolean(actor.person) && (await unitName(deps.prisma, actor.person!.unitId)) === '秘书科';
}

const REFUSED = '只有秘书科、领导秘书或管理员可以维护值班表。';

function lineText(l: DutyLine): string {
  return `${formatChineseDate(l.date)} 带班领导：${l.leaderName}　值班人员：${l.staff}${l.phone ? `　电话：${l.phone}` : ''}`;
}

async function save(deps: FeatureDeps, ctx: CommandContext, lines: DutyLine[]): Promise<void> {
  const byDate = new Map<string, DutyLine[]>();
  for (const l of lines) byDate.set(l.date, [...(byDate.get(l.date) ?? []), l]);
  // All dates in one transaction: a table with a bad row was refused before this, nothing is half-saved.
  await deps.prisma.$transaction(async (tx) => {
    for (const [date, rows] of byDate) {
      await replaceRoster(
        tx,
        date,
        rows.map((r) => ({ leaderName: r.leaderName, staff: r.staff, phone: r.phone, createdBy: ctx.actorOpenId })),
      );
    }
  });
}

export function dutySubcommands(deps: FeatureDeps): ScheduleSubcommand[] {
  const phraseCtx = () => ({ today: beijingDate(deps.clock.now()), calendar: deps.calendar.current() });
  return [
    {
      command: '值班',
      words: ['新增', '添加'],
      usage: '值班 新增 <日期> <带班领导> <值班人员> [电话]',
      summary: '登记某日值班（节假日当天早上发"今日值班"）',
      async run(ctx, argv) {
        if (!(await mayKeepRoster(deps, ctx))) throw forbidden(REFUSED);
        // argv starts with the subcommand word itself (新增).
        const line = parseDutyLine(argv.slice(1), phraseCtx());
        await save(deps, ctx, [line]);
        await ctx.replyText(`已登记值班：${lineText(line)}。同日原有的值班安排已被替换。`);
      },
    },
    {
      command: '值班',
      words: ['导入'],
      usage: '值班 导入（下一行起粘贴值班表：日期 带班领导 值班人员 电话）',
      summary: '粘贴值班表，按日期登记',
      async run(ctx) {
        if (!(await mayKeepRoster(deps, ctx))) throw forbidden(REFUSED);
        const text = ctx.message.text.split(/\r?\n/).slice(1).join('\n');
        const lines = parseDutyTable(text, phraseCtx());
        await save(deps, ctx, lines);
        await ctx.replyText(`已导入值班安排 ${lines.length} 条：\n${lines.map((l) => `- ${lineText(l)}`).join('\n')}`);
      },
    },
    {
      command: '值班',
      words: ['查看', '列表'],
      usage: '值班 查看',
      summary: '查看今后 14 天的值班安排',
      async run(ctx) {
        const today = beijingDate(deps.clock.now());
        const rows = await rosterBetween(deps.prisma, today, addDays(today, 14));
        await ctx.replyText(rows.length ? `今后 14 天的值班安排：\n${rows.map((r) => `- ${lineText(r)}`).join('\n')}` : '今后 14 天暂无值班安排。');
      },
    },
  ];
}
