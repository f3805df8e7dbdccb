import type { DraftMeta, DraftNote, DraftOptions, Drafter, DrafterOutcome, ProposedItem } from '../../../ports/drafter.js';
import { groupSameMatter, type MergeOptions } from './merge.js';

/**
 * A day's notes in calls of a few notes each: a small intranet model writes ~20 tokens a second, so one
 * call for 40 notes would outlast any timeout and risk a cut-off. Notes about one matter stay in one call
 * (the model merges them); batches run one after another (one endpoint, often one GPU). Any batch failing
 * fails the draft (the caller offers the rules draft of all notes): the editor gets one answer, not a patchwork.
 */
export function packBatches(notes: readonly DraftNote[], size: number, merge?: MergeOptions): DraftNote[][] {
  const batches: DraftNote[][] = [];
  let current: DraftNote[] = [];
  for (const group of groupSameMatter(notes, merge)) {
    if (current.length && current.length + group.length > size) {
      batches.push(current);
      current = [];
    }
    current.push(...group);
  }
  if (current.length) batches.push(current);
  return batches;
}

export async function draftInBatches(model: Drafter, batches: readonly DraftNote[][], options: DraftOptions): Promise<DrafterOutcome> {
  const items: ProposedItem[] = [];
  let meta: DraftMeta | undefined;
  for (const batch of batches) {
    const done = items.length;
    const outcome = await model.draft(batch, {
      ...options,
      onProgress: options.onProgress ? (p) => options.onProgress?.({ ...p, items: done + p.items }) : undefined,
    });
    if (!outcome.ok) return outcome;
    items.push(...outcome.items);
    const m = outcome.meta;
    meta = !meta
      ? m
      : {
          ...meta,
          model: m.model,
          ms: meta.ms + m.ms,
          attempts: meta.attempts + m.attempts,
          tokens:
            meta.tokens && m.tokens
              ? {
                  prompt: meta.tokens.prompt + m.tokens.prompt,
                  completion: meta.tokens.completion + m.tokens.completion,
                  total: meta.tokens.total + m.tokens.total,
                }
              : null,
        };
  }
  if (!meta) throw new Error('draftInBatches: no batches');
  return { ok: true, items, meta };
}
