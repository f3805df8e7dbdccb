import { actorOf } from '../../org/index.js';
import { ADOPTION_LEVEL_LABEL } from '../domain/states.js';
import type { BriefPart } from '../subcommands.js';
import { RECORD_USAGE, recordAdoption } from './use-cases/record.js';

/** Adoption (录用) records (t15-draft). The monthly scoring sheet and 通报 are not built yet. */
export const registerScores: BriefPart = (_router, deps, seam) => {
  seam.subcommands({
    words: ['录用'],
    usage: RECORD_USAGE,
    summary: '登记信息被上级录用或获领导批示（信息科编辑）',
    run: async (ctx, argv) => {
      const r = await recordAdoption(deps, actorOf(ctx), argv.slice(1));
      const what = `${r.note.number}（${ADOPTION_LEVEL_LABEL[r.level]}）`;
      await ctx.replyText(r.row ? `已登记录用：${what}，计${r.points}分，计入${r.row.month.replace('-', '年')}月。` : `${what}此前已登记，未重复计分。`);
    },
  });
};
