import { badInput } from '../../errors.js';
import type { CommandContext } from '../../router/context.js';
import type { z } from 'zod';
import type { FeatureDeps } from '../deps.js';
import { actorOf, authorize, formLists, leadersInChargeOf, readDirectory, resolveLeader, resolveUnit, type Actor } from '../org/index.js';
import { parseOneLineTopic } from './domain/one-line.js';
import { LEGAL_BASES, LEGAL_BASIS_LABEL, type LegalBasis } from './domain/topic-fields.js';
import { presentSubmitForm, type SubmitFormOptions } from './presenters/submit-form.js';
import type { submitForm } from './schemas.js';
import type { TopicSubcommand } from './subcommands.js';
import { meetingTypes, submitTopic, type SubmitTopicInput } from './use-cases/submit.js';
import type { TopicView } from './view.js';

const USAGE =
  '议题 申报 <议题名称> 类型:<会议类型> 材料:<飞书文档链接> [汇报人:<姓名>] [单位:<申报单位>] [分管:<分管领导>] [列席:<单位>、<单位>] [征求意见:<单位>] [审查:规范性文件|重大行政决策|合同|其他] [时长:<分钟>] [理由:<临时议题理由>]';

/** What the submitter reads once submitted: the number and who has it now. */
export function submittedText(v: TopicView): string {
  const late = v.late ? '该议题为临时议题，分管领导同意后还须经主持领导同意。' : '';
  const legal = v.needsLegalReview ? '分管领导同意后送合法性审查。' : '';
  return `已申报：${v.number}「${v.title}」，已送分管领导 ${v.leaderName} 审核。${legal}${late}办理进度见私信中的议题卡片，每一步都会原地更新。`;
}

export async function submitFormCard(deps: FeatureDeps, actor: Actor, extra: Pick<SubmitFormOptions, 'error' | 'values'> = {}) {
  const [dir, types] = await Promise.all([readDirectory(deps.prisma), meetingTypes(deps)]);
  const lists = formLists(dir, deps.settings.leaderRanks);
  const unitId = actor.person?.unitId ?? undefined;
  const leaderId = unitId ? leadersInChargeOf(dir, unitId, deps.settings.leaderRanks)[0]?.id : undefined;
  return presentSubmitForm({
    types: types.map((t) => ({ id: t.id, name: t.name })),
    units: lists.units,
    leaders: lists.leaders,
    ...(unitId ? { unitId } : {}),
    ...(leaderId ? { leaderId } : {}),
    ...extra,
  });
}

const isLegalBasis = (s: string | undefined): s is LegalBasis => !!s && (LEGAL_BASES as readonly string[]).includes(s);

/** The form's values as the use case takes them (every one is checked again there). */
export function toSubmitInput(f: z.output<typeof submitForm>): SubmitTopicInput {
  const minutes = f.minutes?.trim() ? Number(f.minutes.trim()) : undefined;
  return {
    title: f.title,
    meetingType: f.type ?? '',
    ...(f.unit ? { unitId: f.unit } : {}),
    ...(f.presenter?.trim() ? { presenter: f.presenter } : {}),
    ...(f.leader ? { leaderId: f.leader } : {}),
    materials: f.materials ?? '',
    attendUnitNames: (f.attend ?? '').split(/[,，、;；\s]+/).filter(Boolean),
    consulted: f.consulted === 'yes',
    consultedWith: f.consultedWith ?? '',
    ...(isLegalBasis(f.legal) ? { legalBasis: f.legal } : {}),
    ...(minutes !== undefined ? { estimatedMinutes: Number.isFinite(minutes) ? minutes : NaN } : {}),
    ...(f.reason?.trim() ? { lateReason: f.reason } : {}),
  };
}

/** `议题 申报`: the form, or the one line. */
export function submitWord(deps: FeatureDeps): TopicSubcommand {
  return {
    words: ['申报', '提交'],
    usage: '议题 申报',
    summary: `打开议题申报表单；也可一行申报：${USAGE}`,
    async run(ctx: CommandContext, argv) {
      const actor = actorOf(ctx);
      authorize(actor, 'topics.submit');
      if (!argv.length) return ctx.replyCard(await submitFormCard(deps, actor));
      const line = parseOneLineTopic(argv);
      if (!line.type) throw badInput(`请写明会议类型，如「类型:常务会」。\n用法：${USAGE}`);
      if (line.legalTyped)
        throw badInput(`无法识别合法性审查事项「${line.legalTyped.slice(0, 20)}」。可选：${LEGAL_BASES.map((b) => LEGAL_BASIS_LABEL[b]).join('、')}。`);
      if (line.minutesTyped) throw badInput(`预计汇报时长「${line.minutesTyped.slice(0, 10)}」无法识别，请填写分钟数，如「时长:20」。`);
      const dir = await readDirectory(deps.prisma);
      const unitId = line.unit ? resolveUnit(dir, line.unit, { label: '申报单位' }).id : undefined;
      const leaderId = line.leader ? resolveLeader(dir, line.leader, { label: '分管领导' }).id : undefined;
      const attendUnitIds = line.attend.map((u) => resolveUnit(dir, u, { label: '列席单位' }).id);
      const { view } = await submitTopic(deps, actor, {
        title: line.title,
        meetingType: line.type,
        ...(unitId ? { unitId } : {}),
        ...(line.presenter ? { presenter: line.presenter } : {}),
        ...(leaderId ? { leaderId } : {}),
        materials: line.materials.join('\n'),
        attendUnitIds,
        consulted: !!line.consultedWith,
        consultedWith: line.consultedWith ?? '',
        ...(line.legal ? { legalBasis: line.legal } : {}),
        ...(line.minutes !== undefined ? { estimatedMinutes: line.minutes } : {}),
        ...(line.reason ? { lateReason: line.reason } : {}),
      });
      await ctx.replyText(submittedText(view));
    },
  };
}
