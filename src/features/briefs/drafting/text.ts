/** Text helpers for 政务信息 drafts: cleaning a liaison's note, sentences, a title from the first sentence. */

const FULL_WIDTH_DIGITS = /[０-９]/g;

/** Normalises a note's text: no control characters or markup remnants, single spaces, Chinese punctuation. */
export function cleanText(text: string): string {
  return (
    text
      .replace(FULL_WIDTH_DIGITS, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\ufeff]/g, '')
      // A leading command word pasted with the note (信息 报送 …).
      .replace(/^\s*信息\s*报送\s*/, '')
      .replace(/\r\n?/g, '\n')
      .replace(/[ \t\u3000]+/g, ' ')
      .replace(/\n{2,}/g, '\n')
      // ASCII punctuation between Chinese characters becomes the full-width form.
      .replace(/(?<=[\u4e00-\u9fff])\s*,\s*(?=[\u4e00-\u9fff\d])/g, '，')
      .replace(/(?<=[\u4e00-\u9fff])\s*;\s*/g, '；')
      .replace(/(?<=[\u4e00-\u9fff])\s*:\s*(?=[\u4e00-\u9fff])/g, '：')
      .replace(/(?<=[\u4e00-\u9fff])\s*\?\s*/g, '？')
      .replace(/(?<=[\u4e00-\u9fff])\s*!\s*/g, '！')
      .replace(/(?<=[\u4e00-\u9fff])\.(?=\s|$)/g, '。')
      .replace(/ ?\n ?/g, '\n')
      .replace(/(?<=[\u4e00-\u9fff，。；：、])\s+(?=[\u4e00-\u9fff])/g, '')
      .trim()
  );
}

/** Sentences of a text, each with its closing punctuation (。！？；or a line break ends one). */
export function sentences(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/[^。！？；!?\n]+[。！？；!?]*[”’」』）)]*/g)) {
    const s = m[0].trim();
    if (s) out.push(s);
  }
  return out;
}

const LEADING_TIME =
  /^(?:近日|日前|近期|目前|当前|今年以来|年初以来|入冬以来|入秋以来|入夏以来|本月以来|\d{1,2}月以来|(?:\d{4}年)?\d{1,2}月\d{1,2}日(?:上午|下午|晚|晚上|凌晨|中午)?(?:\d{1,2}(?:时|点)(?:\d{1,2}分)?许?)?|\d{1,2}日(?:上午|下午|晚|凌晨)?)[，,]?/;

/** `我局` / `我镇` / `本单位` as the unit's name, so that a title stands on its own. */
export function nameTheUnit(text: string, unit: string): string {
  return text.replace(/(?:我|本)(?:局|委|办|镇|乡|街道|中心|单位|所|院|队|公司)(?![\u4e00-\u9fff]*(?:长|书记|主任))/g, unit);
}

/**
 * A title from a note: its first sentence, without a leading time word, naming the unit when the sentence
 * says 我局; a long sentence is cut at a comma (at most `max` characters), never mid-word with an ellipsis.
 */
export function titleFrom(text: string, unit: string, max = 40): string {
  const first = sentences(cleanText(text))[0] ?? '';
  let title = nameTheUnit(first.replace(LEADING_TIME, ''), unit).replace(/[。！？；!?，,、：:]+$/, '');
  if (title.length > max) {
    const clauses = title.split(/[，,；;]/);
    let cut = clauses[0] ?? title;
    for (const clause of clauses.slice(1)) {
      if (cut.length + 1 + clause.length > max) break;
      cut = `${cut}，${clause}`;
    }
    title = cut.length > max ? cut.slice(0, max) : cut;
  }
  return title || unit;
}

/** Character bigrams of the Chinese text (for similarity between notes). */
export function bigrams(text: string): Set<string> {
  const han = text.replace(/[^\u4e00-\u9fff\d]/g, '');
  const set = new Set<string>();
  for (let i = 0; i + 1 < han.length; i++) set.add(han.slice(i, i + 2));
  return set;
}

/** Overlap of two bigram sets relative to the smaller one (a short 续报 inside a long first report scores high). */
export function overlap(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const g of small) if (large.has(g)) shared++;
  return shared / small.size;
}
