import { readFileSync } from 'node:fs';
import type { DraftNote } from '../../../ports/drafter.js';
import { OUTPUT_SHAPE_HINT } from './schema.js';

/**
 * Prompts live in prompts/briefs/*.md, versioned with the code. Each file opens with a header:
 *   ---
 *   id: briefs/system
 *   version: 3
 *   ---
 * and every draft records the versions it was written with (`briefs/system@3+briefs/task@2`).
 */
export interface Prompt {
  id: string;
  version: number;
  text: string;
}

export interface BriefPrompts {
  system: Prompt;
  task: Prompt;
  /** What a draft records: `briefs/system@1+briefs/task@1`. */
  version: string;
}

export function parsePrompt(source: string, name: string): Prompt {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/.exec(source);
  if (!m) throw new Error(`prompt ${name}: missing the --- header --- (id and version)`);
  const header = Object.fromEntries(
    (m[1] ?? '')
      .split(/\r?\n/)
      .map((l) => /^\s*([a-z]+)\s*:\s*(.+?)\s*$/.exec(l))
      .filter((x): x is RegExpExecArray => x !== null)
      .map((x) => [x[1], x[2]]),
  );
  const version = Number(header.version);
  if (!header.id || !Number.isInteger(version) || version < 1) throw new Error(`prompt ${name}: the header needs an id and a whole-number version`);
  return { id: String(header.id), version, text: (m[2] ?? '').trim() };
}

export const BRIEF_PROMPTS_DIR = new URL('../../../../prompts/briefs/', import.meta.url);

/** Reads prompts/briefs/system.md and task.md (once, at start-up). */
export function loadBriefPrompts(dir: URL = BRIEF_PROMPTS_DIR): BriefPrompts {
  const read = (file: string) => parsePrompt(readFileSync(new URL(file, dir), 'utf8'), file);
  const system = read('system.md');
  const task = read('task.md');
  return { system, task, version: `${system.id}@${system.version}+${task.id}@${task.version}` };
}

/** The notes as data for the prompt: JSON (so no note can close the <notes> block or pose as the prompt). */
export function notesForPrompt(notes: readonly DraftNote[]): string {
  const rows = notes.map((n) => ({ id: n.id, unit: n.unit, ...(n.kind ? { kind: n.kind } : {}), text: n.text }));
  return JSON.stringify(rows, null, 1).replace(/</g, '\\u003c').replace(/>/g, '\\u003e');
}

export interface PromptValues {
  kinds: readonly string[];
  bodyChars: { min: number; max: number };
}

/** The system and user messages for one drafting call. */
export function renderBriefMessages(prompts: BriefPrompts, notes: readonly DraftNote[], values: PromptValues): { system: string; user: string } {
  const vars: Record<string, string> = {
    kinds: values.kinds.join('、'),
    bodyMin: String(values.bodyChars.min),
    bodyMax: String(values.bodyChars.max),
    shape: OUTPUT_SHAPE_HINT,
    notes: notesForPrompt(notes),
  };
  const user = prompts.task.text.replace(/\{\{(\w+)\}\}/g, (all, key: string) => vars[key] ?? all);
  return { system: prompts.system.text, user };
}
