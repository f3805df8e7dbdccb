import { badInput } from '../../../errors.js';
import { keepsSeparate } from '../../../platform/digest/index.js';
import { briefDigestSection } from './digest-section.js';
import { beijingDate } from '../../../platform/time.js';
import { actorOf, authorize, can } from '../../org/index.js';
import { answerRouted, routeBoardAnswer, routeDailyBoardAnswer } from '../audience.js';
import type { BriefPart } from '../subcommands.js';
import { briefSettings } from '../settings.js';
import { ownUnitText, presentBoard, presentMonth } from './presenters/board-card.js';
import { loadBoard, loadMonth, runClose, runNudge } from './use-cases/board.js';

export const NUDGE_JOB = 'briefs.nudge';
export const CLOSE_JOB = 'briefs.close';

const cronAt = (minute: number) => `${minute % 60} ${Math.floor(minute / 60)} * * *`;

/** 2026-11, 2026年11月, 11月 (this year), 上月 / 本月; nothing: this month. */
export function parseMonth(text: string | undefined, today: string): string {
  const t = (text ?? '').normalize('NFKC').trim();
  const year = Number(today.slice(0, 4));
  const thisMonth = Number(today.slice(5, 7));
  const fmt = (y: number, m: number) => `${y}-${String(m).padStart(2, '0')}`;
  if (!t || t === '本月') return fmt(year, thisMonth);
  if (t === '上月') return thisMonth === 1 ? fmt(year - 1, 12) : fmt(year, thisMonth - 1);
  const full = /^(\d{4})\s*(?:-|年|\/)\s*(\d{1,2})\s*月?$/.exec(t);
  const short = /^(\d{1,2})\s*月$/.exec(t);
  const y = full ? Number(full[1]) : year;
  const m = Number(full?.[2] ?? short?.[1]);
  if (!(full || short) || m < 1 || m > 12) throw badInput(`无法识别月份「${t.slice(0, 20)}」，可写作「11月」「2026-11」或「上月」。`);
  return fmt(y, m);
}

/** The daily board, the nudge, the close and the monthly summary (t15-core). */
export const registerBoard: BriefPart = (router, deps, seam) => {
  const s = briefSettings(deps);
  if (!keepsSeparate(deps.settings.digest, 'briefs')) deps.digest?.contribute('briefs', briefDigestSection(deps));
  seam.subcommands(
    {
      words: ['今日', '今天', '报送情况'],
      usage: '信息 今日',
      summary: '查看今日各单位报送情况（信息编辑、办公室主任；联络员查看本单位）',
      run: async (ctx) => {
        const actor = actorOf(ctx);
        const board = await loadBoard(deps, beijingDate(deps.clock.now()));
        if (can(actor, 'briefs.board').ok)
          return answerRouted(deps, ctx, await routeDailyBoardAnswer(deps, ctx), { type: 'card', card: presentBoard(board) }, '各单位报送情况');
        const unitId = actor.person?.unitId;
        if (!board.working) return ctx.replyText('今天不是工作日，无需报送。');
        return ctx.replyText(
          ownUnitText(
            board.lines.find((l) => l.unitId === unitId),
            board.date,
          ),
        );
      },
    },
    {
      words: ['月报', '月度'],
      usage: '信息 月报 [月份]',
      summary: '各单位本月（或指定月份）报送、零报告、漏报、迟报情况（信息编辑、办公室主任）',
      run: async (ctx, argv) => {
        const actor = actorOf(ctx);
        authorize(actor, 'briefs.board');
        const now = deps.clock.now();
        const month = parseMonth(argv.slice(1).join(''), beijingDate(now));
        const route = await routeBoardAnswer(deps, ctx);
        return answerRouted(deps, ctx, route, { type: 'card', card: presentMonth(month, await loadMonth(deps, month, now)) }, '各单位月度报送情况');
      },
    },
  );
  router.job({
    name: NUDGE_JOB,
    label: '信息催报',
    description: '工作日定时私信提醒尚未报送（含零报告）单位的信息联络员',
    cron: cronAt(s.nudgeMinute),
    workingDaysOnly: true,
    officeHoursOnly: true,
    catchUpWithinMinutes: Math.max(0, s.closeMinute - s.nudgeMinute - 1),
    handler: async ({ firedAt, log }) => log.info(await runNudge(deps, firedAt), 'info nudge'),
  });
  router.job({
    name: CLOSE_JOB,
    label: '信息漏报登记',
    description: '工作日下班时将仍未报送的单位记为漏报',
    cron: cronAt(s.closeMinute),
    workingDaysOnly: true,
    // No sends: a close the bot missed is still recorded when it starts again (for that day).
    catchUpWithinMinutes: 18 * 60,
    handler: async ({ firedAt, log }) => log.info(await runClose(deps, firedAt), 'info close'),
  });
};
