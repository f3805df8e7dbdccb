import { literalText } from '../../../platform/text.js';
import type { CommandContext } from '../../../router/context.js';
import { actorOf, authorize, can } from '../../org/index.js';
import { answerRouted, routeBriefAnswer } from '../audience.js';
import { registerNoteActions } from './actions.js';
import { readJson } from '../domain/json.js';
import { ATTACH_RULE, ATTACHABLE, attachFile, type IncomingMedia } from './use-cases/attach.js';
import { presentReportForm } from './presenters/form.js';
import { unitName } from '../repositories/liaisons.js';
import { notesOfReporter, type NoteRow } from '../repositories/notes.js';
import type { BriefPart } from '../subcommands.js';
import { parseNoteText, REPORT_EXAMPLE } from './domain/input.js';
import { editedText, myNotesText, reportedText, sensitiveDetailText, withdrawnText, zeroText } from './presenters/receipts.js';
import { editNote, withdrawNote } from './use-cases/amend.js';
import { reportNote, zeroReport } from './use-cases/report.js';
import { checkWhere, officeKinds, pickNote, type ReportWhere } from './use-cases/shared.js';

/**
 * What follows the subcommand word in the message as typed, line breaks kept (`args` has its whitespace
 * collapsed). The command word (信息 / xinxi) and a mention contain no subcommand word, so its first
 * occurrence in the raw text is the subcommand itself.
 */
const after = (ctx: CommandContext, word: string) => {
  const raw = ctx.message.text;
  const at = raw.indexOf(word);
  if (at >= 0) return raw.slice(at + word.length).trim();
  const args = ctx.command.args;
  const i = args.indexOf(word);
  return (i >= 0 ? args.slice(i + word.length) : args).trim();
};

const whereOf = (ctx: CommandContext): ReportWhere => ({ chatId: ctx.chatId, chatType: ctx.message.chatType, messageId: ctx.message.messageId });

/** Notes: 报送, 零报告, 修改, 撤回, 我的 (t15-core). */
export const registerNotes: BriefPart = (router, deps, seam) => {
  /**
   * A note sent in a group that matched the sensitive-word list: the group's receipt does not name the words,
   * the reporter gets them in a DM. True when the receipt must hide them.
   */
  const tellWordsPrivately = async (ctx: CommandContext, note: NoteRow, duplicate: boolean): Promise<boolean> => {
    if (ctx.message.chatType === 'p2p' || !note.sensitive) return false;
    if (!duplicate)
      await deps.outbox.deliver({
        to: { openId: ctx.actorOpenId },
        content: { type: 'text', text: sensitiveDetailText(note) },
        key: `briefs-sensitive:${ctx.message.messageId}`,
        origin: `command:${ctx.actorOpenId}`,
      });
    return true;
  };
  registerNoteActions(router, deps, seam);
  const attached = (note: { number: string; attachments: string }, name: string) =>
    literalText(`已将${name ? `附件「${name.slice(0, 100)}」` : '图片'}附到${note.number}（共${readJson<unknown[]>(note.attachments, []).length}个附件）。`);
  const mediaOf = (ctx: CommandContext): IncomingMedia | undefined => {
    const m = ctx.message;
    const base = { messageId: m.messageId, chatId: m.chatId, chatType: m.chatType, ...(m.parentId ? { parentId: m.parentId } : {}) };
    if (m.image) return { ...base, key: m.image.key, name: '', kind: 'image' };
    if (m.file) return { ...base, key: m.file.key, name: m.file.name, kind: ATTACHABLE.test(m.file.name) ? 'image' : 'file' };
    return undefined;
  };
  // A picture sent as a file in a private chat (other files there belong to 文稿审核 and the directory).
  router.file({ feature: '政务信息', accepts: (f) => ATTACHABLE.test(f.name) }, async (ctx) => {
    const note = await attachFile(deps, seam, actorOf(ctx), mediaOf(ctx)!);
    if (note) await ctx.replyText(attached(note, ctx.message.file!.name));
  });
  // Pictures in a private chat; pictures and files in a bound 信息报送 group, after or in reply to one's note.
  router.onMedia(async (ctx) => {
    const media = mediaOf(ctx);
    const actor = actorOf(ctx);
    // Someone who reports no notes gets the usual answer in a private chat, and none in a group.
    if (!media || !can(actor, 'briefs.report').ok) return false;
    const note = await attachFile(deps, seam, actor, media);
    if (!note) return false;
    await ctx.replyText(attached(note, media.name));
    return true;
  });
  seam.subcommands(
    {
      words: ['报送', '上报', '报'],
      usage: '信息 报送 [内部|涉密] [急] [【类别】] <正文>（不写正文即打开表单）',
      summary: `报送一条政务信息（信息联络员；私聊或信息报送群）。${ATTACH_RULE}`,
      run: async (ctx, argv) => {
        const actor = actorOf(ctx);
        const text = after(ctx, argv[0]!);
        // Nothing typed after 报送: the form (a liaison only, and only where notes are taken).
        if (!text) {
          authorize(actor, 'briefs.report');
          await checkWhere(deps, whereOf(ctx));
          return ctx.replyCard(presentReportForm(await officeKinds(deps)));
        }
        const input = parseNoteText(text, await officeKinds(deps));
        const r = await reportNote(deps, seam, actor, input, whereOf(ctx));
        const working = deps.calendar.current().isWorkingDay(r.note.date);
        const hideWords = await tellWordsPrivately(ctx, r.note, r.duplicate);
        await ctx.replyText(
          reportedText(r.note, await unitName(deps.prisma, r.note.unitId), { duplicate: r.duplicate, late: !!r.day?.late, working, hideWords }),
        );
      },
    },
    {
      words: ['零报告', '无信息'],
      usage: '信息 零报告',
      summary: '今日本单位无信息可报（信息联络员）',
      run: async (ctx) => {
        const actor = actorOf(ctx);
        const r = await zeroReport(deps, actor, whereOf(ctx));
        await ctx.replyText(zeroText(r.kind, await unitName(deps.prisma, r.day.unitId), r.day.reportedAt ?? deps.clock.now(), r.day.date, r.day.late));
      },
    },
    {
      words: ['修改', '更正'],
      usage: '信息 修改 [编号] <新正文>',
      summary: '修改本人报送、尚未被采用的信息',
      run: async (ctx, argv) => {
        const actor = actorOf(ctx);
        const { note, byNumber } = await pickNote(deps, actor, argv[1]);
        let text = after(ctx, argv[0]!);
        const at = byNumber ? text.indexOf(argv[1]!) : -1;
        if (at >= 0) text = text.slice(at + argv[1]!.length);
        const updated = await editNote(deps, seam, actor, note, parseNoteText(text, await officeKinds(deps)));
        await ctx.replyText(editedText(updated, await tellWordsPrivately(ctx, updated, false)));
      },
    },
    {
      words: ['撤回', '撤销'],
      usage: '信息 撤回 [编号]',
      summary: '撤回本人报送、尚未被采用的信息（不写编号即最近一条）',
      run: async (ctx, argv) => {
        const actor = actorOf(ctx);
        const { note } = await pickNote(deps, actor, argv[1]);
        const r = await withdrawNote(deps, seam, actor, note);
        await ctx.replyText(withdrawnText(r.note, r.dayReopened));
      },
    },
    {
      words: ['我的'],
      usage: '信息 我的',
      summary: '查看本人最近报送的信息及其状态',
      run: async (ctx) => {
        const person = actorOf(ctx).person;
        const notes = person ? await notesOfReporter(deps.prisma, person.id, { take: 10 }) : [];
        // Each line quotes the note's body (涉密/内部 ones too): in a group, only if every member may view every note.
        const route = notes.length
          ? await routeBriefAnswer(deps, ctx, (a) => notes.every((n) => can(a, 'briefs.view_note', { reporterId: n.reporterId, unitId: n.unitId }).ok))
          : ({ kind: 'here' } as const);
        await answerRouted(deps, ctx, route, { type: 'text', text: literalText(myNotesText(notes)) }, '您报送的信息');
      },
    },
  );
};

export { REPORT_EXAMPLE };
