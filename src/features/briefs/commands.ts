import type { CommandContext } from '../../router/context.js';
import type { Router } from '../../router/router.js';
import type { BriefSubcommand } from './subcommands.js';

const FEATURE = '政务信息';

/** The usage text: every part's words, in the order the parts registered them. */
export function briefUsage(subs: readonly BriefSubcommand[]): string {
  return ['信息指令：', ...subs.map((s) => `${s.usage} —— ${s.summary}`)].join('\n');
}

/** The 信息 command: dispatches on the first word to the subcommand that claims it. */
export function registerBriefCommand(router: Router, subs: () => readonly BriefSubcommand[]): void {
  const dispatch = async (ctx: CommandContext) => {
    const [word] = ctx.command.argv;
    const all = subs();
    if (word === undefined || word === '帮助') return ctx.replyText(briefUsage(all));
    const sub = all.find((s) => s.words.includes(word));
    if (sub) return sub.run(ctx, ctx.command.argv);
    return ctx.replyText(`无法识别「${word.slice(0, 20)}」。\n${briefUsage(all)}`);
  };
  router.command(
    {
      names: ['信息', 'xinxi'],
      feature: FEATURE,
      usage: '信息 [报送|零报告|今日|…]',
      summary: '政务信息：报送、零报告、每日报送情况、起草与编期；发送「信息」查看全部用法',
      examples: ['信息 报送 今天上午，县应急管理局组织开展防汛应急演练。', '信息 零报告', '信息 今日'],
    },
    dispatch,
  );
}
