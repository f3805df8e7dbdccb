import { badInput, notFound } from '../../../../errors.js';
import { recordEvent } from '../../../../platform/events.js';
import { beijingDate } from '../../../../platform/time.js';
import { RULES_REASON_LABEL, type BriefDraftOutcome, type DraftItem, type DraftMeta, type DraftNote, type DraftOptions } from '../../../../ports/drafter.js';
import type { FeatureDeps } from '../../../deps.js';
import type { Actor } from '../../../org/index.js';
import type { CheckedFact, RiskyPhrase } from '../../domain/json.js';
import { readJson } from '../../domain/json.js';
import type { ItemState } from '../../domain/states.js';
import { createRulesDrafter, draftBriefs, isInstructionLike } from '../../drafting/index.js';
import { ITEM_TYPE, NOTE_SERIES, NOTE_TYPE } from '../../object-type.js';
import { unitName } from '../../repositories/liaisons.js';
import { insertItem, type ItemRow } from '../../repositories/items.js';
import { findNoteByNumber, findNotes, markNotesUsed, notesBetween, notesOfDay, type NoteRow } from '../../repositories/notes.js';
import type { BriefSeam } from '../../subcommands.js';
import type { ItemView } from '../presenters/draft-card.js';
import { DRAFTER_LABEL } from '../../domain/states.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The drafters the composition root gave (the rules drafter alone when none were given). */
export const draftersOf = (deps: FeatureDeps) => deps.drafters ?? { rules: createRulesDrafter() };

/**
 * 信息 起草 [今天 | <日期> [<日期>] | <编号>…]: the notes to draft from — today's by default, a date range, or
 * notes by number. Only notes still 已报送 are drafted (used, returned and withdrawn ones are left out).
 */
export async function selectNotes(deps: FeatureDeps, words: readonly string[]): Promise<NoteRow[]> {
  const todayDate = beijingDate(deps.clock.now());
  const year = Number(todayDate.slice(0, 4));
  const dates = words.filter((w) => DATE.test(w));
  const numbers = words.filter((w) => !DATE.test(w) && !['今天', '今日'].includes(w));
  let notes: NoteRow[];
  if (numbers.length) {
    notes = [];
    for (const w of numbers) {
      const n = NOTE_SERIES.parse(w, year);
      if (!n) throw badInput(`无法识别信息编号「${w.slice(0, 20)}」。用法：信息 起草 [今天|2026-12-01 [2026-12-03]|信〔2026〕3号 …]`);
      const note = await findNoteByNumber(deps.prisma, n.year, n.seq);
      if (!note) throw notFound(`未找到信息${NOTE_SERIES.format(n)}。`);
      notes.push(note);
    }
  } else if (dates.length) {
    const [from, to] = [dates[0]!, dates[1] ?? dates[0]!].sort();
    notes = await notesBetween(deps.prisma, from!, to!);
  } else notes = await notesOfDay(deps.prisma, todayDate);
  const open = notes.filter((n) => n.state === 'reported');
  if (!open.length) throw notFound('没有可起草的信息（所选信息均已采用、退回或撤回，或尚无报送）。');
  return open;
}

/** Notes as the drafter sees them: 内部/涉密/sensitive ones are marked, so the model never gets them. */
export async function toDraftNotes(deps: FeatureDeps, notes: readonly NoteRow[]): Promise<DraftNote[]> {
  const out: DraftNote[] = [];
  for (const n of notes) {
    const sensitive = n.internal || n.secret || n.sensitive;
    out.push({
      id: n.id,
      unit: await unitName(deps.prisma, n.unitId),
      text: n.body,
      ...(n.declaredKind ? { kind: n.declaredKind } : {}),
      sensitive,
      ...(sensitive ? { sensitiveMark: n.secret ? ('涉密' as const) : n.internal ? ('内部' as const) : ('敏感词' as const) } : {}),
      reportedAt: n.reportedAt,
    });
  }
  return out;
}

/** Runs the drafting service: the model when configured (unless `rulesOnly`), the rules drafter otherwise. */
export async function runDrafter(deps: FeatureDeps, notes: readonly DraftNote[], options: DraftOptions & { rulesOnly?: boolean }): Promise<BriefDraftOutcome> {
  const d = draftersOf(deps);
  const model = options.rulesOnly ? undefined : d.model;
  return draftBriefs(notes, { rules: d.rules, ...(model ? { model } : {}), elapsed: () => performance.now() }, options);
}

export const factsJson = (facts: DraftItem['facts']): CheckedFact[] =>
  facts.map((f) => ({ text: f.text, kind: f.type, found: f.status === 'found', ...(f.source ? { source: f.source } : {}) }));
export const riskyJson = (risky: DraftItem['riskyPhrases']): (RiskyPhrase & { field: string })[] =>
  risky.map((r) => ({ phrase: r.phrase, category: r.category, start: r.start, end: r.end, field: r.field }));

/** The columns a draft item sets (on insert, and again on 重新生成). */
export function itemColumns(item: DraftItem, meta: DraftMeta) {
  const rules = item.origin === 'rules';
  return {
    title: item.title,
    body: item.body,
    kind: item.kind,
    sourceNoteIds: JSON.stringify(item.sourceNoteIds),
    facts: JSON.stringify(factsJson(item.facts)),
    riskyPhrases: JSON.stringify(riskyJson(item.riskyPhrases)),
    drafter: item.origin,
    drafterReason: rules ? (item.rulesReason ?? (meta.label === 'rules' ? (meta.reason ?? 'no_model') : 'sensitive')) : '',
    promptVersion: rules && meta.label === 'model' ? 'rules' : meta.promptVersion,
    model: rules && meta.label === 'model' ? 'rules' : meta.model,
    tokens: rules ? 0 : (meta.tokens?.total ?? 0),
    ms: meta.ms,
    edited: false,
  };
}

/** Audit data of a draft: prompt version, model, tokens and time. */
export const draftAudit = (meta: DraftMeta, item: DraftItem) => ({
  drafter: item.origin,
  reason: meta.reason ?? '',
  promptVersion: meta.promptVersion,
  model: meta.model,
  tokens: meta.tokens,
  ms: meta.ms,
  attempts: meta.attempts,
  instructionLikeNotes: item.instructionLikeNoteIds.length,
});

/**
 * Stores a run's items (state 草稿) and marks their source notes used, in one transaction; the item's writer
 * is its first source note's reporter. Notes used meanwhile by another run are not drafted twice.
 */
export async function saveRun(
  deps: FeatureDeps,
  seam: BriefSeam,
  actor: Actor,
  runId: string,
  notes: readonly NoteRow[],
  outcome: { items: DraftItem[]; meta: DraftMeta },
): Promise<ItemRow[]> {
  const now = deps.clock.now();
  const byId = new Map(notes.map((n) => [n.id, n]));
  const saved = await deps.prisma.$transaction(async (tx) => {
    // Only notes some item cites are marked used: a note without a draft stays 已报送, to be drafted again.
    const cited = new Set(outcome.items.flatMap((i) => i.sourceNoteIds));
    const moved = new Set(
      await markNotesUsed(
        tx,
        [...byId.keys()].filter((id) => cited.has(id)),
        now,
      ),
    );
    const rows: ItemRow[] = [];
    for (const item of outcome.items) {
      if (!item.sourceNoteIds.some((id) => moved.has(id))) continue;
      const first = byId.get(item.sourceNoteIds[0]!);
      const row = await insertItem(tx, {
        ...itemColumns(item, outcome.meta),
        runId,
        state: 'draft',
        editorId: actor.person?.id ?? '',
        editorOpenId: actor.openId,
        writerId: first?.reporterId ?? '',
        unitId: first?.unitId ?? '',
      });
      rows.push(row);
      await recordEvent(tx, {
        type: ITEM_TYPE,
        objectId: row.id,
        auditId: row.id,
        actor: actor.openId,
        at: now,
        kind: 'draft',
        text: row.title.slice(0, 60),
        data: draftAudit(outcome.meta, item),
        after: { state: 'draft' },
      });
    }
    for (const id of moved) {
      const before = byId.get(id)!;
      // The note's own history says it was taken up (its 'use' action), not only the item's.
      await recordEvent(tx, {
        type: NOTE_TYPE,
        objectId: before.id,
        auditId: before.number,
        actor: actor.openId,
        at: now,
        kind: 'use',
        before: { status: before.state },
        after: { status: 'used' },
      });
      await seam.notifyNoteChanged(
        { kind: 'used', before, after: { ...before, state: 'used', usedAt: now, version: before.version + 1 }, actor: actor.openId, at: now },
        tx,
      );
    }
    return rows;
  });
  deps.outbox.kick();
  return saved;
}

/** Why an item's notes were kept from the model, in the card's words: 涉密信息、内部信息、含敏感词「机密」. */
function keptBackReason(notes: readonly NoteRow[]): string {
  const words = [...new Set(notes.filter((n) => n.sensitive).flatMap((n) => readJson<string[]>(n.sensitiveWords, [])))];
  return [
    notes.some((n) => n.secret) ? '涉密信息' : '',
    notes.some((n) => n.internal) ? '内部信息' : '',
    notes.some((n) => n.sensitive) ? (words.length ? `含敏感词「${words.join('」「')}」` : '含敏感词') : '',
  ]
    .filter(Boolean)
    .join('、');
}

/** An item row as the card shows it. */
export async function itemView(deps: FeatureDeps, row: ItemRow): Promise<ItemView> {
  const ids = readJson<string[]>(row.sourceNoteIds, []);
  const notes = await findNotes(deps.prisma, ids);
  const risky = readJson<(RiskyPhrase & { field?: string })[]>(row.riskyPhrases, []).filter((r) => r.field !== 'title');
  const reasonLabel: Record<string, string> = RULES_REASON_LABEL;
  const kept = row.drafter === 'rules' && row.drafterReason === 'sensitive' ? keptBackReason(notes) : '';
  const label =
    row.drafter === 'model'
      ? `${DRAFTER_LABEL.model}（${row.model}）`
      : kept
        ? `${DRAFTER_LABEL.rules}（${kept}，未发送大模型）`
        : (reasonLabel[row.drafterReason] ?? DRAFTER_LABEL.rules);
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    kind: row.kind,
    state: row.state as ItemState,
    facts: readJson<CheckedFact[]>(row.facts, []),
    risky,
    label,
    sources: notes.map((n) => n.number),
    instructionLike: notes.some((n) => isInstructionLike(n.body)),
    edited: row.edited,
  };
}
