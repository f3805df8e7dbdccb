import {
  DEFAULT_BRIEF_KINDS,
  RULES_REASON_LABEL,
  type BriefDraftOutcome,
  type DraftItem,
  type DraftMeta,
  type DraftNote,
  type DraftOptions,
  type Drafter,
  type ProposedItem,
  type RulesReason,
} from '../../../ports/drafter.js';
import { draftInBatches, packBatches } from './batches.js';
import { checkDraftFacts } from './facts.js';
import { isInstructionLike, partitionSensitive } from './guard.js';
import { DEFAULT_RISKY_WORDS, findRiskyPhrases, type RiskyWordList } from './risky.js';

/**
 * 信息 起草: the notes an editor chose → checked draft items. Notes flagged 内部/涉密 go to the rules drafter
 * only (the model never sees them); the rest go to the model when one is configured. Every item's facts are
 * checked against its source notes and its risky phrasing marked, whoever wrote it. A model failure leaves the
 * notes untouched and comes back with the deterministic draft of all the notes for the card to offer.
 */
export interface DraftBriefsDeps {
  /** The model drafter (absent: no endpoint configured). */
  model?: Drafter;
  rules: Drafter;
  /** Milliseconds from an arbitrary origin (performance.now in production); the domain reads no clock itself. */
  elapsed?: () => number;
  riskyWords?: RiskyWordList;
  /** Notes per model call (default 8; notes about one matter are never split). */
  batchSize?: number;
}

/** Proposals → checked items: cited ids restricted to the notes that drafter saw (an item citing none is dropped). */
export function finishItems(proposed: readonly ProposedItem[], seen: readonly DraftNote[], origin: 'model' | 'rules', riskyWords: RiskyWordList): DraftItem[] {
  const byId = new Map(seen.map((n) => [n.id, n]));
  const out: DraftItem[] = [];
  for (const item of proposed) {
    const ids = [...new Set(item.sourceNoteIds)].filter((id) => byId.has(id));
    const sources = ids.map((id) => byId.get(id)).filter((n): n is DraftNote => n !== undefined);
    if (!sources.length) continue;
    out.push({
      title: item.title,
      body: item.body,
      kind: item.kind,
      sourceNoteIds: ids,
      facts: checkDraftFacts(item, sources),
      riskyPhrases: findRiskyPhrases(item, riskyWords, item.riskyPhrases),
      origin,
      instructionLikeNoteIds: sources.filter((n) => isInstructionLike(n.text)).map((n) => n.id),
    });
  }
  return out;
}

const byKind = (kinds: readonly string[]) => (a: DraftItem, b: DraftItem) => kinds.indexOf(a.kind) - kinds.indexOf(b.kind);

async function rulesOnly(notes: readonly DraftNote[], deps: DraftBriefsDeps, options: DraftOptions, reason: RulesReason) {
  const outcome = await deps.rules.draft(notes, { ...options, onProgress: undefined });
  if (!outcome.ok) throw outcome.error; // the rules drafter does not fail; if it does, that is a bug
  const items = finishItems(outcome.items, notes, 'rules', deps.riskyWords ?? DEFAULT_RISKY_WORDS);
  return { items, meta: { ...outcome.meta, label: 'rules' as const, reason, reasonText: RULES_REASON_LABEL[reason] } };
}

export async function draftBriefs(notes: readonly DraftNote[], deps: DraftBriefsDeps, options: DraftOptions = {}): Promise<BriefDraftOutcome> {
  const kinds = options.kinds ?? DEFAULT_BRIEF_KINDS;
  const opts = { ...options, kinds };
  const t0 = deps.elapsed?.();
  const took = (fallback: number) => (t0 === undefined || !deps.elapsed ? fallback : Math.round(deps.elapsed() - t0));
  const progress = (phase: 'checking' | 'done', items: number) => {
    try {
      options.onProgress?.({ phase, chars: 0, items, attempt: 0 });
    } catch {
      // A progress listener's failure must not lose the draft.
    }
  };
  if (!deps.model || notes.length === 0) {
    const r = await rulesOnly(notes, deps, opts, 'no_model');
    progress('done', r.items.length);
    return { ok: true, items: r.items.sort(byKind(kinds)), meta: { ...r.meta, ms: took(r.meta.ms) } };
  }
  const { open, sensitive } = partitionSensitive(notes);
  const kept = sensitive.length ? await rulesOnly(sensitive, deps, opts, 'sensitive') : undefined;
  if (!open.length && kept) {
    progress('done', kept.items.length);
    return { ok: true, items: kept.items.sort(byKind(kinds)), meta: { ...kept.meta, ms: took(kept.meta.ms) } };
  }
  const outcome = await draftInBatches(deps.model, packBatches(open, Math.max(1, deps.batchSize ?? 8)), opts);
  if (!outcome.ok) {
    const fallback = await rulesOnly(notes, deps, opts, 'model_failed');
    return { ok: false, error: outcome.error, fallback: { items: fallback.items.sort(byKind(kinds)), meta: { ...fallback.meta, ms: took(0) } } };
  }
  progress('checking', outcome.items.length);
  const drafted = finishItems(outcome.items, open, 'model', deps.riskyWords ?? DEFAULT_RISKY_WORDS);
  // Every chosen note ends up in some item: one the model left out is drafted by rules, labelled as such,
  // so it is never marked used without a draft the editor can see, edit or return.
  const cited = new Set(drafted.flatMap((i) => i.sourceNoteIds));
  const uncited = open.filter((n) => !cited.has(n.id));
  const filled = uncited.length ? (await rulesOnly(uncited, deps, opts, 'uncited')).items : [];
  const tagged = [
    ...(kept?.items ?? []).map((i) => ({ ...i, rulesReason: 'sensitive' as const })),
    ...filled.map((i) => ({ ...i, rulesReason: 'uncited' as const })),
  ];
  const items = [...drafted, ...tagged].sort(byKind(kinds));
  const meta: DraftMeta = {
    ...outcome.meta,
    label: 'model',
    ms: took(outcome.meta.ms),
    ...(kept ? { reason: 'sensitive' as const, reasonText: `部分信息${RULES_REASON_LABEL.sensitive}` } : {}),
  };
  progress('done', items.length);
  return { ok: true, items, meta };
}
