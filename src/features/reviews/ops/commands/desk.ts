import { badInput, forbidden } from '../../../../errors.js';
import type { CommandContext } from '../../../../router/context.js';
import type { FeatureDeps } from '../../../deps.js';
import { actorOf } from '../../../org/index.js';
import { kindLabel, parseKind, parseUrgency, urgencyLabel } from '../../domain/kinds.js';
import type { ReviewSubcommand } from '../../subcommands.js';
import { deskTime, lineOf } from '../desk-lines.js';
import { presentHolders, presentList, presentMine, type HolderGroup } from '../presenters/desk.js';
import { draftsSentBy, holdings, type Holding, type HoldingFilter } from '../repositories/holdings.js';
import { deskScope, type DeskScope } from '../visibility.js';
import { answerDesk } from './answer.js';

const NO_SCOPE = '「审核 卡在谁那」「审核 列表」供办公室主任、副主任、科长（本科室）和管理员查看。您可发送「审核 我的」查看在您手中和您提交的文稿。';

function scopeOf(ctx: CommandContext): Exclude<DeskScope, { kind: 'none' }> {
  const scope = deskScope(actorOf(ctx));
  if (scope.kind === 'none') throw forbidden(NO_SCOPE);
  return scope;
}

const unitFilter = (scope: Exclude<DeskScope, { kind: 'none' }>): HoldingFilter => (scope.kind === 'units' ? { unitIds: scope.unitIds } : {});

/** 审核 卡在谁那: every open draft by holder, the longest-held first (the holder of the oldest arrival leads). */
export function holdersCommand(deps: FeatureDeps): ReviewSubcommand {
  return {
    words: ['卡在谁那', '卡在谁那里', '在谁手里', '在谁那', '谁手里'],
    usage: '审核 卡在谁那',
    summary: '查看全部在审文稿分别在谁手中、停留多久（主任、副主任、科长、管理员）',
    async run(ctx) {
      const scope = scopeOf(ctx);
      const t = deskTime(deps, ctx.clock.now());
      const found = await holdings(deps.sql, unitFilter(scope));
      const groups = new Map<string, HolderGroup>();
      for (const h of found) {
        const line = lineOf(h, t);
        const g = groups.get(h.openId);
        // Rows come oldest arrival first: a holder's first line is their longest dwell.
        if (g) g.lines.push(line);
        else groups.set(h.openId, { holderName: h.personName, label: h.label, lines: [line], longest: line.dwellMinutes });
      }
      const card = presentHolders([...groups.values()], found.length, t.dayMinutes, scope.kind === 'units' ? '本科室' : '');
      await answerDesk(
        deps,
        ctx,
        card,
        found.map((h) => h.unitId),
        'cmd:审核 卡在谁那',
      );
    },
  };
}

/** 审核 我的: on my desk, and what I sent (still under review, or returned to me). */
export function mineCommand(deps: FeatureDeps): ReviewSubcommand {
  return {
    words: ['我的', '我的文稿', 'mine'],
    usage: '审核 我的',
    summary: '查看在我手中待审的文稿和我提交的文稿',
    async run(ctx) {
      const t = deskTime(deps, ctx.clock.now());
      const me = ctx.actorOpenId;
      const [onDesk, sent, returned] = await Promise.all([
        holdings(deps.sql, { holderOpenId: me }),
        holdings(deps.sql, { drafterOpenId: me }),
        draftsSentBy(deps.sql, me, ['returned'], 20),
      ]);
      const card = presentMine(
        onDesk.map((h) => lineOf(h, t)),
        perDraft(sent).map((h) => lineOf(h, t)),
        returned.map((d) => ({
          number: d.number,
          title: d.title,
          kind: d.kind,
          urgency: d.urgency,
          label: '',
          holderName: '',
          dwellMinutes: 0,
          overdue: false,
        })),
        t.dayMinutes,
      );
      // In a group it is shown only if every member may see every draft on it.
      await answerDesk(
        deps,
        ctx,
        card,
        [...onDesk, ...sent, ...returned].map((h) => h.unitId),
        'cmd:审核 我的',
      );
    },
  };
}

export interface ListFilter {
  kind?: string;
  urgency?: string;
  overdue: boolean;
  ownUnit: boolean;
}

const FILTER_WORDS = '种类（如 规范性文件）、紧急程度（特急、加急、平件）、超时、本单位';

/** `规范性文件 特急 超时 本单位` → filters; an unknown word is refused, naming it. */
export function parseListFilter(argv: readonly string[]): ListFilter {
  const f: ListFilter = { overdue: false, ownUnit: false };
  for (const word of argv) {
    const kind = parseKind(word);
    const urgency = parseUrgency(word);
    if (word === '超时' || word === '超期' || word === '逾期') f.overdue = true;
    else if (word === '本单位' || word === '本科室') f.ownUnit = true;
    else if (word === '全部') continue;
    else if (kind && !f.kind) f.kind = kind;
    else if (urgency && !f.urgency) f.urgency = urgency;
    else throw badInput(`无法识别筛选条件「${word.slice(0, 20)}」。可用：${FILTER_WORDS}，可组合使用，如「审核 列表 特急 超时」。`);
  }
  return f;
}

/** 审核 列表 [种类] [特急|加急|平件] [超时] [本单位] */
export function listCommand(deps: FeatureDeps): ReviewSubcommand {
  return {
    words: ['列表', '查询', 'list'],
    usage: '审核 列表 [种类] [特急|加急|平件] [超时] [本单位]',
    summary: '按条件列出在审文稿（主任、副主任、科长、管理员）',
    async run(ctx, argv) {
      const f = parseListFilter(argv);
      const scope = scopeOf(ctx);
      const actor = actorOf(ctx);
      const filter: HoldingFilter = { ...unitFilter(scope), ...(f.kind ? { kind: f.kind } : {}), ...(f.urgency ? { urgency: f.urgency } : {}) };
      if (f.ownUnit) {
        if (!actor.person?.unitId) throw badInput('名册中未登记您的单位，无法按「本单位」筛选。');
        filter.unitIds = [actor.person.unitId];
      }
      const t = deskTime(deps, ctx.clock.now());
      const found = perDraft(await holdings(deps.sql, filter));
      const lines = found.map((h) => lineOf(h, t)).filter((l) => !f.overdue || l.overdue);
      const words = [f.kind ? kindLabel(f.kind) : '', f.urgency ? urgencyLabel(f.urgency) : '', f.overdue ? '超时' : '', f.ownUnit ? '本单位' : ''].filter(
        Boolean,
      );
      const card = presentList(words.length ? `在审文稿（${words.join('、')}）` : '在审文稿', lines, t.dayMinutes);
      await answerDesk(
        deps,
        ctx,
        card,
        found.map((h) => h.unitId),
        'cmd:审核 列表',
      );
    },
  };
}

/**
 * One line per draft where a list counts drafts (列表, the drafts I sent): the current holder's line, not
 * also a pending re-confirmation's (卡在谁那 and 我的 in 我手中 list people's desks, so they keep both).
 */
function perDraft(found: readonly Holding[]): Holding[] {
  const held = new Set(found.filter((h) => h.status === 'current').map((h) => h.draftId));
  return found.filter((h) => h.status === 'current' || !held.has(h.draftId));
}
