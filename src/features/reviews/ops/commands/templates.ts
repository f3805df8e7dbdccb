import { badInput, forbidden } from '../../../../errors.js';
import type { CommandContext } from '../../../../router/context.js';
import type { FeatureDeps } from '../../../deps.js';
import { actorOf, hasRole, readDirectory } from '../../../org/index.js';
import { KINDS, KIND_LABEL, kindList, parseKind } from '../../domain/kinds.js';
import { formatTemplate, parseTemplate, type NamedPerson } from '../../domain/templates.js';
import { loadTemplate } from '../../repositories/templates.js';
import type { ReviewSubcommand } from '../../subcommands.js';
import { planTemplateFile, tableRows } from '../domain/template-file.js';
import { presentTemplates } from '../presenters/templates.js';
import { applyTemplateChanges } from '../repositories/template-audit.js';
import { readGrid } from '../template-grid.js';

const ADMINS_ONLY = '修改审核流程需要管理员角色。如需调整，请联系管理员。';
const SET_USAGE = '格式：审核 流程 设置 <种类> <各级，用 → 分隔>，如「审核 流程 设置 讲话稿 科长 → 分管副主任 → 主任 → 领导审定」。';

const isAdmin = (ctx: CommandContext) => hasRole(actorOf(ctx), 'admin');

async function peopleAndNames(deps: FeatureDeps): Promise<{ people: NamedPerson[]; nameOf: (id: string) => string | undefined }> {
  const dir = await readDirectory(deps.prisma);
  const names = new Map(dir.people.map((p) => [p.id, p.name]));
  return { people: dir.people.map((p) => ({ id: p.id, name: p.name })), nameOf: (id) => names.get(id) };
}

async function showTemplates(deps: FeatureDeps, ctx: CommandContext): Promise<void> {
  const { nameOf } = await peopleAndNames(deps);
  const rows = [];
  for (const kind of KINDS) {
    const t = await loadTemplate(deps.prisma, kind);
    rows.push({ kind, chain: formatTemplate(t.steps, nameOf), stored: t.stored });
  }
  await ctx.replyCard(presentTemplates(rows, isAdmin(ctx)));
}

/** 审核 流程 (anyone in the directory), 审核 流程 设置 / 恢复 (admins). */
export function templatesCommand(deps: FeatureDeps): ReviewSubcommand {
  return {
    words: ['流程', '审核流程', '模板'],
    usage: '审核 流程 ｜ 审核 流程 设置 <种类> 科长 → 分管副主任 → 主任 ｜ 审核 流程 恢复 <种类>',
    summary: '查看各类文稿的审核流程；管理员可修改或恢复默认',
    async run(ctx, argv) {
      const [verb, kindWord, ...rest] = argv;
      if (!verb) {
        if (!actorOf(ctx).person && !isAdmin(ctx)) throw forbidden('审核流程仅限名册中的人员查看。');
        return showTemplates(deps, ctx);
      }
      if (verb !== '设置' && verb !== '修改' && verb !== '恢复' && verb !== '恢复默认') {
        throw badInput(`无法识别「${verb.slice(0, 20)}」。发送「审核 流程」查看，${SET_USAGE}`);
      }
      if (!isAdmin(ctx)) throw forbidden(ADMINS_ONLY);
      if (!kindWord) throw badInput(`请写明文稿种类（${kindList()}）。${SET_USAGE}`);
      const kind = parseKind(kindWord);
      if (!kind) throw badInput(`无法识别文稿种类「${kindWord.slice(0, 20)}」，可用：${kindList()}。`);
      const now = ctx.clock.now();
      if (verb.startsWith('恢复')) {
        if (rest.length) throw badInput('恢复默认流程时不需要写各级，如「审核 流程 恢复 讲话稿」。');
        await applyTemplateChanges(deps.prisma, [{ kind }], ctx.actorOpenId, now);
        const t = await loadTemplate(deps.prisma, kind);
        return ctx.replyText(`${KIND_LABEL[kind]}的审核流程已恢复默认：${formatTemplate(t.steps)}。`);
      }
      if (!rest.length) throw badInput(`请写出各级审核。${SET_USAGE}`);
      const { people, nameOf } = await peopleAndNames(deps);
      const parsed = parseTemplate(rest.join(' '), kind, people);
      if (!parsed.ok) throw badInput(`${KIND_LABEL[kind]}的审核流程未修改：${parsed.error}`);
      await applyTemplateChanges(deps.prisma, [{ kind, steps: parsed.steps }], ctx.actorOpenId, now);
      await ctx.replyText(`${KIND_LABEL[kind]}的审核流程已设置为：${formatTemplate(parsed.steps, nameOf)}。此后提交的文稿按新流程审核，已在审的文稿不受影响。`);
    },
  };
}

/** A file whose name says it holds review chains (审核流程.xlsx, 文稿审核流程.csv). */
export const isTemplateFileName = (name: string): boolean => /\.(xlsx|csv)$/i.test(name.trim()) && /审核流程|流程模板|review[-_ ]?templates?/i.test(name);

/** The imported chain file (admins, direct message): every row checked, then all written or none. */
export async function importTemplateFile(deps: FeatureDeps, ctx: CommandContext): Promise<void> {
  if (!isAdmin(ctx)) throw forbidden(ADMINS_ONLY);
  const file = ctx.message.file;
  if (!file) return;
  const bytes = await ctx.messenger.downloadFile(ctx.message.messageId, file.key);
  if (!bytes.ok) throw badInput('未能读取该文件，请重新发送。');
  const rows = tableRows(await readGrid(bytes.value, file.name));
  if (typeof rows === 'string') throw badInput(rows);
  const { people, nameOf } = await peopleAndNames(deps);
  const plan = planTemplateFile(rows, people);
  if (!plan.ok) throw badInput(`审核流程文件有误，未做任何修改：\n${plan.problems.slice(0, 20).join('\n')}`);
  await applyTemplateChanges(deps.prisma, plan.changes, ctx.actorOpenId, ctx.clock.now());
  await ctx.replyText(
    `已导入 ${plan.changes.length} 类文稿的审核流程：\n${plan.changes.map((c) => `${KIND_LABEL[c.kind]}：${formatTemplate(c.steps, nameOf)}`).join('\n')}`,
  );
}
