import { badInput } from '../../../../errors.js';

/** What a liaison typed after `信息 报送`: the marks in front, then the note's text. */
export interface NoteInput {
  body: string;
  /** A kind from the office's list named in front (【工作动态】), or "". */
  declaredKind: string;
  internal: boolean;
  secret: boolean;
  urgent: boolean;
}

export const REPORT_EXAMPLE = '信息 报送 今天上午，县应急管理局组织开展防汛应急演练，参演人员120余人。';

const MARK_WORDS = { internal: ['内部'], secret: ['涉密'], urgent: ['急', '急报', '急情', '紧急', '急情要事'] } as const;

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Reads the marks a note may start with — 内部, 涉密, 急 (or 急报/紧急/急情要事) and a kind from the list —
 * each either in brackets (【内部】, [涉密], （工作动态）) directly before the text, or as a word followed by a
 * space. Whatever follows is the note's text, kept as typed (line breaks included).
 */
export function parseNoteText(text: string, kinds: readonly string[]): NoteInput {
  const marks = [...MARK_WORDS.internal, ...MARK_WORDS.secret, ...MARK_WORDS.urgent, ...kinds].sort((a, b) => b.length - a.length).map(esc);
  const alt = marks.join('|');
  const lead = new RegExp(`^(?:[【\\[（(]\\s*(${alt})\\s*[】\\]）)]|(${alt})(?=\\s))\\s*`);
  const out: NoteInput = { body: '', declaredKind: '', internal: false, secret: false, urgent: false };
  let rest = text.trim();
  for (let m = lead.exec(rest); m; m = lead.exec(rest)) {
    const word = (m[1] ?? m[2])!;
    if ((MARK_WORDS.internal as readonly string[]).includes(word)) out.internal = true;
    else if ((MARK_WORDS.secret as readonly string[]).includes(word)) out.secret = true;
    else if ((MARK_WORDS.urgent as readonly string[]).includes(word) && !kinds.includes(word)) out.urgent = true;
    else {
      out.declaredKind = word;
      if (word === '急情要事') out.urgent = true;
    }
    rest = rest.slice(m[0].length);
  }
  out.body = rest.trim();
  return out;
}

/** Refuses an empty or over-long note in words a liaison can act on. */
export function checkBody(body: string, maxChars: number): void {
  const length = [...body].length;
  if (length === 0) throw badInput(`请写明信息正文，如「${REPORT_EXAMPLE}」。今日无信息可报时，请发送「信息 零报告」。`);
  if (length > maxChars) throw badInput(`信息正文共${length}字，超过${maxChars}字的上限。请精简后重新报送，或分成几条分别报送。`);
}

/** The sensitive words the text contains (each once, in list order); matching ignores width and letter case. */
export function matchSensitive(text: string, words: readonly string[]): string[] {
  const folded = text.normalize('NFKC').toLowerCase();
  const hits = new Set<string>();
  for (const w of words) {
    const f = w.normalize('NFKC').toLowerCase().trim();
    if (f && folded.includes(f)) hits.add(w.trim());
  }
  return [...hits];
}
