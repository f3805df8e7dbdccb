import { beijingDate } from '../../../platform/time.js';
import { actorOf, authorize } from '../../org/index.js';
import { answerRouted, routeBoardAnswer } from '../audience.js';
import { parseMonth } from '../board/index.js';
import { ADOPTION_LEVEL_LABEL } from '../domain/states.js';
import { briefSettings } from '../settings.js';
import type { BriefPart } from '../subcommands.js';
import { presentScores } from './presenters/score-card.js';
import { BULLETIN_JOB, runBulletin } from './use-cases/bulletin.js';
import { exportScores } from './use-cases/export.js';
import { RECORD_USAGE, recordAdoption } from './use-cases/record.js';
import { loadScores } from './use-cases/table.js';

export { BULLETIN_JOB };
/** How every other part records an adoption (issues/ its 本级 rows): the configured scheme credits the points. */
export { creditAdoption, type AdoptionCredit } from './use-cases/credit.js';

const cronAt = (minute: number) => `${minute % 60} ${Math.floor(minute / 60)} * * *`;

/** Adoption (录用) records (t15-draft); the monthly scores, their .xlsx and the monthly 通报 (t15-scores). */
export const registerScores: BriefPart = (router, deps, seam) => {
  const settings = briefSettings(deps);
  seam.subcommands(
    {
      words: ['录用'],
      usage: RECORD_USAGE,
      summary: '登记信息被上级录用或获领导批示（信息科编辑）',
      run: async (ctx, argv) => {
        const r = await recordAdoption(deps, actorOf(ctx), argv.slice(1));
        const what = `${r.note.number}（${ADOPTION_LEVEL_LABEL[r.level]}）`;
        await ctx.replyText(r.row ? `已登记录用：${what}，计${r.points}分，计入${r.row.month.replace('-', '年')}月。` : `${what}此前已登记，未重复计分。`);
      },
    },
    {
      words: ['积分', '考核'],
      usage: '信息 积分 [导出] [月份]',
      summary: '各单位本月（或指定月份）报送、漏报、迟报、录用及积分排名；「导出」生成积分表（信息编辑、办公室主任、县领导）',
      run: async (ctx, argv) => {
        const actor = actorOf(ctx);
        authorize(actor, 'briefs.board');
        const now = deps.clock.now();
        const rest = argv.slice(1);
        const exporting = rest[0] === '导出';
        const month = parseMonth((exporting ? rest.slice(1) : rest).join(''), beijingDate(now));
        if (exporting) {
          await exportScores(deps, actor, month, { chatId: ctx.chatId, replyTo: ctx.message.messageId, route: await routeBoardAnswer(deps, ctx) });
          return;
        }
        const scores = await loadScores(deps, month, now);
        const route = await routeBoardAnswer(deps, ctx);
        return answerRouted(deps, ctx, route, { type: 'card', card: presentScores(month, scores.units, settings.scores) }, '各单位积分情况');
      },
    },
  );
  router.job({
    name: BULLETIN_JOB,
    label: '信息月度通报',
    description: '每月第一个工作日向绑定为"信息"的群通报上月各单位报送、漏报与录用积分',
    cron: cronAt(settings.bulletinMinute),
    workingDaysOnly: true,
    officeHoursOnly: true,
    catchUpWithinMinutes: 8 * 60,
    handler: async ({ firedAt, log }) => log.info(await runBulletin(deps, firedAt), 'info bulletin'),
  });
};
