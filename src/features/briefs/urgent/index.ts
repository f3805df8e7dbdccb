import { z } from 'zod';
import { BotError } from '../../../errors.js';
import { literalText } from '../../../platform/text.js';
import { beijingDate } from '../../../platform/time.js';
import type { CommandContext } from '../../../router/context.js';
import { actorOf, authorize } from '../../org/index.js';
import { answerRouted, routeBoardAnswer } from '../audience.js';
import { NOTE_SERIES } from '../object-type.js';
import { findNoteByNumber } from '../repositories/notes.js';
import type { BriefPart } from '../subcommands.js';
import { URGENT_BUZZ, URGENT_ESCALATE, URGENT_REMIND } from './domain/clock.js';
import { SENT_TO_LEADERS_ACTION } from './presenters/alert-card.js';
import { runningText } from './presenters/running.js';
import { CONFIRM_URGENT_ACTION, DISMISS_URGENT_ACTION } from './presenters/reporter-cards.js';
import { unitName } from '../repositories/liaisons.js';
import { runningUrgent } from './repositories/thread.js';
import { answerSuspicion, markSentToLeaders } from './use-cases/answer.js';
import { buzzAlerts, clockRung } from './use-cases/clock.js';
import { requireTimers } from './use-cases/dispatch.js';
import { followUp, reportUrgent, type Where } from './use-cases/file-note.js';
import { onUrgentNoteChange } from './use-cases/listener.js';
import { addByReply, addedText, matterOfReply } from './use-cases/reply.js';

const noteValue = z.object({ n: z.string().min(1).max(40) });

function noteIdOf(value: unknown): string {
  const parsed = noteValue.safeParse(value ?? {});
  if (!parsed.success) throw new BotError('stale_card', '该卡片已失效，请重新打开。');
  return parsed.data.n;
}

/** The text after the subcommand word as typed (line breaks kept), and after the number when one is named. */
function textAfter(ctx: CommandContext, word: string, skip?: string): string {
  const raw = ctx.message.text;
  let rest = raw.includes(word) ? raw.slice(raw.indexOf(word) + word.length) : ctx.command.args;
  if (skip && rest.includes(skip)) rest = rest.slice(rest.indexOf(skip) + skip.length);
  return rest.trim();
}

const whereOf = (ctx: CommandContext): Where => ({ chatId: ctx.chatId, chatType: ctx.message.chatType, messageId: ctx.message.messageId });

/** 急情要事 (t15-urgent): 急报, 续报, 已呈送; the one-click confirm; the 3-hour clock and the buzz. */
export const registerUrgent: BriefPart = (router, deps, seam) => {
  const timers = requireTimers(deps);
  seam.onNoteChange((change, tx) => onUrgentNoteChange(deps, change, tx));
  timers.on(URGENT_BUZZ, (t, { now }) => buzzAlerts(deps, t, now));
  timers.on(URGENT_REMIND, (t, { now }) => clockRung(deps, t, now, 'remind'));
  timers.on(URGENT_ESCALATE, (t, { now }) => clockRung(deps, t, now, 'escalate'));

  router.action(SENT_TO_LEADERS_ACTION, async (ctx) => markSentToLeaders(deps, actorOf(ctx), noteIdOf(ctx.value), ctx.action.messageId));
  router.action(CONFIRM_URGENT_ACTION, async (ctx) => answerSuspicion(deps, actorOf(ctx), noteIdOf(ctx.value), true, ctx.action.messageId));
  router.action(DISMISS_URGENT_ACTION, async (ctx) => answerSuspicion(deps, actorOf(ctx), noteIdOf(ctx.value), false, ctx.action.messageId));

  // A reply to an urgent matter's card (or to the note itself) adds to its six elements.
  router.onReply(async (ctx) => {
    const root = ctx.message.parentId ? await matterOfReply(deps, ctx.message.parentId) : undefined;
    if (!root) return false;
    const text = ctx.message.mentions.reduce((t, m) => t.split(m.key).join(' '), ctx.message.text);
    const r = await addByReply(deps, actorOf(ctx), root, text, ctx.message.messageId);
    await ctx.replyText(addedText(r.root.number, r.missing));
    return true;
  });

  seam.subcommands(
    {
      words: ['急报', '急情'],
      usage: '信息 急报 <正文>',
      summary: '报送急情要事，立即送信息科和值班领导（同「信息 报送 急 <正文>」）；信息编辑不带正文发送可查看时限未了的急情要事',
      run: async (ctx, argv) => {
        const actor = actorOf(ctx);
        const text = textAfter(ctx, argv[0]!);
        if (!text) {
          authorize(actor, 'briefs.board');
          const notes = await runningUrgent(deps.prisma);
          const units = new Map<string, string>();
          for (const n of notes) if (!units.has(n.unitId)) units.set(n.unitId, await unitName(deps.prisma, n.unitId));
          // Each line names a unit and quotes the matter: in a group (the 信息报送群 of every unit's liaison), only
          // if every member may see the whole board.
          const route = notes.length ? await routeBoardAnswer(deps, ctx) : ({ kind: 'here' } as const);
          return answerRouted(deps, ctx, route, { type: 'text', text: literalText(runningText(notes, units, deps.clock.now())) }, '急情要事清单');
        }
        const r = await reportUrgent(deps, seam, actor, text, whereOf(ctx));
        await ctx.replyText(`急情要事${r.note.number}已${r.duplicate ? '收到（重复发送，未重复记录）' : '报送，并已立即送信息科和值班领导'}。`);
      },
    },
    {
      words: ['续报'],
      usage: '信息 续报 [首报编号] <续报内容>',
      summary: '急情要事的续报，补报缺少的要素或新情况（不写编号即本人最近一次急报）',
      run: async (ctx, argv) => {
        const actor = actorOf(ctx);
        const numbered = argv[1] !== undefined && NOTE_SERIES.parse(argv[1], Number(beijingDate(deps.clock.now()).slice(0, 4))) !== undefined;
        const text = textAfter(ctx, argv[0]!, numbered ? argv[1] : undefined);
        const r = await followUp(deps, seam, actor, numbered ? argv[1] : undefined, text, whereOf(ctx));
        await ctx.replyText(`续报${r.note.number}已${r.duplicate ? '收到（重复发送，未重复记录）' : `报送，已并入急情要事${r.root.number}`}。`);
      },
    },
    {
      words: ['已呈送', '已报送领导'],
      usage: '信息 已呈送 <编号>',
      summary: '信息编辑：标记急情要事已报送领导，停止3小时时限提醒',
      run: async (ctx, argv) => {
        const actor = actorOf(ctx);
        authorize(actor, 'briefs.edit');
        const n = argv[1] ? NOTE_SERIES.parse(argv[1], Number(beijingDate(deps.clock.now()).slice(0, 4))) : undefined;
        if (!n) throw new BotError('bad_input', '请写明急情要事的编号，如「信息 已呈送 信〔2026〕5号」。');
        const note = await findNoteByNumber(deps.prisma, n.year, n.seq);
        if (!note) throw new BotError('not_found', `未找到信息${NOTE_SERIES.format(n)}。`);
        const r = await markSentToLeaders(deps, actor, note.id);
        await ctx.replyText(r.toast.content);
      },
    },
  );
};
