import { badInput, forbidden, notFound } from '../../../../errors.js';
import { atBeijing, beijingDate } from '../../../../platform/time.js';
import type { FeatureDeps } from '../../../deps.js';
import { actorOf } from '../../../org/index.js';
import type { ReviewSubcommand } from '../../subcommands.js';
import { parseErratum, parseMonth } from '../domain/errata.js';
import { erratumRecorded, presentErrata } from '../presenters/errata.js';
import { draftByNumber, errataBetween, recordErratum, signerOfLevel } from '../repositories/errata.js';
import { mayRecordErratum } from '../visibility.js';

const nextMonth = (month: string) => {
  const [y, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

/** 审核 错文 登记 … (office leadership and 科长) and 审核 错文 [月份] (anyone in the directory). */
export function errataCommand(deps: FeatureDeps): ReviewSubcommand {
  return {
    words: ['错文', '错文公示'],
    usage: '审核 错文 [月份] ｜ 审核 错文 登记 <文号> <错误内容> [环节:<科长…>] [文稿:<审核编号>]',
    summary: '查看某月的错文公示；登记已印发文件中发现的错误（主任、副主任、科长、管理员）',
    async run(ctx, argv) {
      const actor = actorOf(ctx);
      const now = ctx.clock.now();
      if (argv[0] === '登记' || argv[0] === '新增' || argv[0] === '记录') {
        if (!mayRecordErratum(actor)) throw forbidden('登记错文需要办公室主任、副主任、科长或管理员角色。');
        const parsed = parseErratum(argv.slice(1));
        if (!parsed.ok) throw badInput(parsed.error);
        const input = parsed.value;
        let draftId: string | null = null;
        let personName = '';
        if (input.draftNumber) {
          const draft = await draftByNumber(deps.prisma, input.draftNumber);
          if (!draft) throw notFound(`没有审核编号为「${input.draftNumber.slice(0, 30)}」的文稿，请核对后重新登记。`);
          draftId = draft.id;
          if (input.level) personName = (await signerOfLevel(deps.prisma, draft.id, input.level)) ?? '';
        }
        const row = await recordErratum(
          deps.prisma,
          {
            docNumber: input.docNumber,
            draftId,
            description: input.description,
            level: input.level,
            personName,
            recordedBy: ctx.actorOpenId,
            recordedAt: now,
          },
          ctx.actorOpenId,
        );
        return ctx.replyText(erratumRecorded({ ...row, ...(input.draftNumber ? { draftNumber: input.draftNumber } : {}) }));
      }
      if (!actor.person) throw forbidden('错文公示仅限名册中的人员查看。');
      if (argv.length > 1) throw badInput('请只写一个月份，如「审核 错文 11月」。');
      const month = parseMonth(argv[0], beijingDate(now));
      if (!month.ok) throw badInput(month.error);
      const rows = await errataBetween(deps.prisma, atBeijing(`${month.value}-01`), atBeijing(`${nextMonth(month.value)}-01`));
      await ctx.replyCard(presentErrata(month.value, rows));
    },
  };
}
