import OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { createOpenAiDrafter } from '../src/adapters/openai-drafter.js';
import {
  briefOutputSchema,
  classifyKind,
  createRulesDrafter,
  draftBriefs,
  loadBriefPrompts,
  renderBriefMessages,
} from '../src/features/briefs/drafting/index.js';
import { DEFAULT_BRIEF_KINDS, type DraftNote } from '../src/ports/drafter.js';
import { startFakeOpenAi } from '../test/fakes/openai-server.js';
import { BRIEF_NOTES } from '../test/fixtures/brief-notes.js';
import { median } from './stats.js';

/**
 * 政务信息 drafting:
 *  1. The deterministic classifier's accuracy over the labelled notes (test/fixtures/brief-notes.ts): a figure
 *     to report, not a target. The notes were written by the same hand as the rules, so it flatters them.
 *  2. Our overhead: N notes (50) drafted one call each through the whole path (drafting service → adapter → the
 *     real openai client, streamed → the fake endpoint; then <think> stripping, zod, the fact check and risky
 *     phrases) against the same N calls made directly with the openai client (same prompts, same
 *     response_format, streamed, JSON.parse of the content) in the same run against the same fake. Also one
 *     call carrying all N notes. The fake answers at once, so the ratio is our processing against bare HTTP.
 */
export interface DraftingBenchResult {
  classifier: {
    notes: number;
    correct: number;
    accuracy: number;
    perKind: Record<string, { notes: number; correct: number }>;
    misses: { id: string; label: string; got: string }[];
  };
  overhead: {
    notes: number;
    rounds: number;
    perNote: { oursMs: number; directMs: number; ratio: number };
    batch: { oursMs: number; directMs: number; ratio: number };
  };
}

export async function benchDrafting(o: { rounds: number; notes: number }): Promise<DraftingBenchResult> {
  const perKind: Record<string, { notes: number; correct: number }> = {};
  const misses: { id: string; label: string; got: string }[] = [];
  for (const n of BRIEF_NOTES) {
    const got = classifyKind(n.text);
    const k = (perKind[n.kind] ??= { notes: 0, correct: 0 });
    k.notes++;
    if (got === n.kind) k.correct++;
    else misses.push({ id: n.id, label: n.kind, got });
  }
  const correct = BRIEF_NOTES.length - misses.length;

  const fake = await startFakeOpenAi();
  try {
    const prompts = loadBriefPrompts();
    const settings = { baseUrl: fake.baseUrl, model: 'bench-model', outputMode: 'json_schema' as const, timeoutMs: 30_000 };
    const model = createOpenAiDrafter(settings, { prompts });
    const rules = createRulesDrafter();
    const client = new OpenAI({ baseURL: fake.baseUrl, apiKey: 'sk-bench', maxRetries: 0 });
    const notes: DraftNote[] = Array.from({ length: o.notes }, (_, i) => {
      const n = BRIEF_NOTES[i % BRIEF_NOTES.length]!;
      return { id: `B${i + 1}`, unit: n.unit, text: n.text, sensitive: false };
    });

    const ours = async (batch: DraftNote[]) => {
      // With a progress listener, as the editor's card has.
      let progressed = 0;
      // One call for the batch, as the direct side makes (the service's default is calls of 8 notes).
      const outcome = await draftBriefs(batch, { model, rules, batchSize: batch.length }, { onProgress: () => void progressed++ });
      if (!outcome.ok) throw outcome.error;
      if (!progressed) throw new Error('no progress was reported');
    };
    const direct = async (batch: DraftNote[]) => {
      const { system, user } = renderBriefMessages(prompts, batch, { kinds: DEFAULT_BRIEF_KINDS, bodyChars: { min: 200, max: 500 } });
      const format = zodResponseFormat(
        briefOutputSchema(
          DEFAULT_BRIEF_KINDS,
          batch.map((n) => n.id),
        ),
        'brief_drafts',
      );
      const stream = await client.chat.completions.create({
        model: settings.model,
        messages: [
          { role: 'system', content: system },
          { role: 'user', content: user },
        ],
        temperature: 0.2,
        response_format: format,
        stream: true,
        stream_options: { include_usage: true },
      });
      let content = '';
      for await (const chunk of stream) content += chunk.choices[0]?.delta?.content ?? '';
      JSON.parse(content);
    };
    const time = async (fn: () => Promise<void>) => {
      const t0 = performance.now();
      await fn();
      return performance.now() - t0;
    };
    const oneByOne = (fn: (b: DraftNote[]) => Promise<void>) => async () => {
      for (const n of notes) await fn([n]);
    };
    // Warm-up (JIT, connection pool), then alternate the two so drift hits both alike.
    await oneByOne(ours)();
    await oneByOne(direct)();
    const perNote = { ours: [] as number[], direct: [] as number[] };
    const batch = { ours: [] as number[], direct: [] as number[] };
    for (let r = 0; r < o.rounds; r++) {
      perNote.direct.push(await time(oneByOne(direct)));
      perNote.ours.push(await time(oneByOne(ours)));
      batch.direct.push(await time(() => direct(notes)));
      batch.ours.push(await time(() => ours(notes)));
    }
    const row = (x: { ours: number[]; direct: number[] }) => {
      const oursMs = median(x.ours);
      const directMs = median(x.direct);
      return { oursMs: Math.round(oursMs * 10) / 10, directMs: Math.round(directMs * 10) / 10, ratio: Math.round((oursMs / directMs) * 100) / 100 };
    };
    return {
      classifier: { notes: BRIEF_NOTES.length, correct, accuracy: Math.round((correct / BRIEF_NOTES.length) * 1000) / 1000, perKind, misses },
      overhead: { notes: o.notes, rounds: o.rounds, perNote: row(perNote), batch: row(batch) },
    };
  } finally {
    await fake.close();
  }
}

export function printDrafting(r: DraftingBenchResult): void {
  const c = r.classifier;
  process.stdout.write(`\ndrafting: the rules classifier on ${c.notes} labelled notes: ${c.correct} correct, accuracy ${(c.accuracy * 100).toFixed(1)}%\n`);
  console.table(Object.entries(c.perKind).map(([kind, k]) => ({ kind, notes: k.notes, correct: k.correct })));
  if (c.misses.length) process.stdout.write(`  misclassified: ${c.misses.map((m) => `${m.id} ${m.label}→${m.got}`).join(', ')}\n`);
  const v = r.overhead;
  process.stdout.write(
    `drafting ${v.notes} notes through the fake model, median of ${v.rounds} rounds (ours: service + adapter + checks; direct: the openai client alone)\n`,
  );
  console.table([
    { case: `${v.notes} calls, one note each`, 'ours ms': v.perNote.oursMs, 'direct ms': v.perNote.directMs, ratio: `${v.perNote.ratio.toFixed(2)}×` },
    { case: `1 call, ${v.notes} notes`, 'ours ms': v.batch.oursMs, 'direct ms': v.batch.directMs, ratio: `${v.batch.ratio.toFixed(2)}×` },
  ]);
}
