import { DEFAULT_BRIEF_KINDS, type DraftNote, type DraftOptions, type Drafter, type DrafterOutcome, type ProposedItem } from '../../../ports/drafter.js';
import { DEFAULT_KIND_RULES, kindOf, kindRulesFor, type KindRules } from './kinds.js';
import { groupSameMatter, type MergeOptions } from './merge.js';
import { cleanText, nameTheUnit, sentences, titleFrom } from './text.js';

/** Bump when the rules change what they write (recorded with each draft as `rules@N`). */
export const RULES_VERSION = 1;

export interface RulesDrafterOptions {
  kindRules?: KindRules;
  merge?: MergeOptions;
}

/** A body no longer than `max` characters, cut at the end of a sentence when it must be cut. */
function fit(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const s of sentences(text)) {
    if (out.length + s.length > max) break;
    out += s;
  }
  return out || text.slice(0, max);
}

/** One item from notes about one matter: the first note's kind and title; the texts, cleaned, in order. */
export function ruleItem(group: readonly DraftNote[], kindRules: KindRules, maxChars: number): ProposedItem {
  const [first, ...rest] = group;
  if (!first) throw new Error('ruleItem: an empty group');
  const kinds = group.map((n) => kindOf(n, kindRules));
  // An emergency anywhere in the thread makes the thread an emergency.
  const kind = kinds.includes('急情要事') && kindRules.kinds.includes('急情要事') ? '急情要事' : (kinds[0] ?? kindRules.defaultKind);
  const parts = [nameTheUnit(cleanText(first.text), first.unit)];
  for (const note of rest) {
    const text = nameTheUnit(cleanText(note.text), note.unit);
    parts.push(note.unit === first.unit ? text : `另据${note.unit}报告：${text}`);
  }
  const body = fit(parts.map((p) => (/[。！？；]$/.test(p) ? p : `${p}。`)).join('\n'), maxChars);
  return { title: titleFrom(first.text, first.unit), body, kind, sourceNoteIds: group.map((n) => n.id), facts: [], riskyPhrases: [] };
}

/** The deterministic drafter: always available, never leaves the process; used with no model, for 内部/涉密 notes, and as the fallback. */
export function createRulesDrafter(config: RulesDrafterOptions = {}): Drafter {
  return {
    label: 'rules',
    draft(notes: readonly DraftNote[], options: DraftOptions = {}): Promise<DrafterOutcome> {
      const kindRules = kindRulesFor(options.kinds ?? config.kindRules?.kinds ?? DEFAULT_BRIEF_KINDS, config.kindRules ?? DEFAULT_KIND_RULES);
      const max = options.bodyChars?.max ?? 500;
      const items = groupSameMatter(notes, config.merge).map((g) => ruleItem(g, kindRules, max));
      const order = (k: string) => kindRules.kinds.indexOf(k);
      items.sort((a, b) => order(a.kind) - order(b.kind));
      return Promise.resolve({
        ok: true,
        items,
        meta: { label: 'rules', promptVersion: `rules@${RULES_VERSION}`, model: 'rules', tokens: null, ms: 0, attempts: 0 },
      });
    },
  };
}
