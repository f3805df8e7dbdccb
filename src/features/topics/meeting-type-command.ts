import { badInput } from '../../errors.js';
import type { CommandContext } from '../../router/context.js';
import type { FeatureDeps } from '../deps.js';
import { actorOf, authorize } from '../org/index.js';
import type { MeetingSubcommand } from './subcommands.js';
import { changeMeetingType, listMeetingTypesText, type MeetingTypeChange } from './use-cases/meeting-types.js';

const USAGE = '会议 类型 <会议类型> [主持:<姓名>] [出席:<姓名>、<姓名>] [列席:<单位>、<单位>] [截止:<会前工作日数>] [群:本群|无]';

const list = (s: string) =>
  s
    .split(/[,，、;；]+/)
    .map((x) => x.trim())
    .filter(Boolean);

/** The words after the type, as a change (pure). */
export function parseMeetingTypeChange(argv: readonly string[], chatId: string, isGroup: boolean): MeetingTypeChange {
  const c: MeetingTypeChange = {};
  for (const token of argv) {
    const m = /^([^:：]+)[:：](.*)$/.exec(token.trim());
    if (!m) throw badInput(`无法识别「${token.slice(0, 20)}」。\n用法：${USAGE}`);
    const [key, value] = [m[1]!.trim(), m[2]!.trim()];
    if (key === '主持' || key === '主持领导') c.presiding = value;
    else if (key === '出席') c.attendees = list(value);
    else if (key === '列席' || key === '固定列席') c.fixedUnits = list(value);
    else if (key === '截止' || key === '提前') c.dueWorkingDays = Number(value.replace(/个?工作日$/, ''));
    else if (key === '群' || key === '会议群') {
      if (value === '无' || value === '解绑') c.chatId = '';
      else if (value === '本群') {
        if (!isGroup) throw badInput('「群:本群」须在会议群中发送。');
        c.chatId = chatId;
      } else throw badInput('会议群请写「群:本群」（在该群中发送）或「群:无」。');
    } else throw badInput(`无法识别「${key.slice(0, 10)}」。\n用法：${USAGE}`);
  }
  return c;
}

/** `会议 类型`: the types (anyone in the directory); with a type and changes, an admin's configuration. */
export function meetingTypeWord(deps: FeatureDeps): MeetingSubcommand {
  return {
    words: ['类型', '会议类型'],
    usage: USAGE,
    summary: '查看会议类型；管理员可配置主持领导、出席人员、固定列席单位、议题截止和会议群',
    async run(ctx: CommandContext, argv) {
      const actor = actorOf(ctx);
      if (!argv.length) {
        authorize(actor, 'topics.submit');
        return ctx.replyText(await listMeetingTypesText(deps));
      }
      const [typed, ...rest] = argv;
      const change = parseMeetingTypeChange(rest, ctx.chatId, ctx.message.chatType === 'group');
      await ctx.replyText(await changeMeetingType(deps, actor, typed!, change));
    },
  };
}
