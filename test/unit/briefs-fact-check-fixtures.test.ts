import { describe, expect, it } from 'vitest';
import { checkFacts, createRulesDrafter, draftBriefs, extractFacts } from '../../src/features/briefs/drafting/index.js';
import type { DraftNote } from '../../src/ports/drafter.js';
import { BRIEF_NOTES } from '../fixtures/brief-notes.js';

const notes: DraftNote[] = BRIEF_NOTES.map((n) => ({ id: n.id, unit: n.unit, text: n.text, sensitive: false }));

describe('the fact check over the 66 labelled notes', () => {
  it('raises no false alarm on drafts written from the notes alone', async () => {
    const outcome = await draftBriefs(notes, { rules: createRulesDrafter() });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const facts = outcome.items.flatMap((i) => i.facts);
    expect(facts.length).toBeGreaterThan(200);
    expect(facts.filter((f) => f.status === 'not_found')).toEqual([]);
  });

  it('catches every Arabic figure changed (x → 3x+1, so that no changed figure equals another in the note; dates, times and road codes left as they are)', () => {
    let changed = 0;
    for (const note of notes) {
      const made = new Set<string>();
      const altered = note.text.replace(/(?<![\dA-Z.])\d+(?:\.\d+)?(?![\d.]|[月日时点分号])/g, (d) => {
        const x = String(Math.round((Number(d) * 3 + 1) * 10) / 10);
        made.add(x);
        return x;
      });
      // The figures that carry a changed value (a figure left alone, such as 12月底, is not a test of anything).
      const figures = extractFacts(altered).filter(
        (f) => f.type === 'number' && [...made].some((x) => new RegExp(`(?<![\\d.])${x.replace('.', '\\.')}(?![\\d.])`).test(f.text)),
      );
      const checked = checkFacts(figures, [note]);
      changed += checked.length;
      expect(
        checked.filter((f) => f.status === 'found').map((f) => f.text),
        note.id,
      ).toEqual([]);
    }
    expect(changed).toBeGreaterThan(80);
  });

  it('names the reporting unit as a source when a draft names it', () => {
    const [fact] = checkFacts([{ type: 'organisation', text: '县财政局' }], [notes.find((n) => n.id === 'W01')!]);
    expect(fact).toMatchObject({ status: 'found', source: { sentence: '报送单位：县财政局' } });
  });
});
