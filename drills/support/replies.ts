import type { FakeLark, StoredMessage } from '../../src/local/lark/server.js';

/** The bot's replies, by the id of the message they answer (Lark's root_id). */
export function repliesByParent(fake: FakeLark): Map<string, StoredMessage[]> {
  const byParent = new Map<string, StoredMessage[]>();
  for (const m of fake.messages.values()) {
    if (!m.rootId) continue;
    const list = byParent.get(m.rootId) ?? [];
    list.push(m);
    byParent.set(m.rootId, list);
  }
  return byParent;
}

/** What a person reads in a message: the text, or every text string of a card. */
export function readableText(m: Pick<StoredMessage, 'msgType' | 'content'>): string {
  const content = JSON.parse(m.content) as unknown;
  if (m.msgType === 'text') return (content as { text: string }).text;
  if (m.msgType === 'interactive') return cardStrings(content).join('\n');
  return '';
}

/** The strings a card shows: `content` of text elements and markdown, placeholders, titles. */
export function cardStrings(card: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown, key?: string) => {
    if (typeof node === 'string') {
      if (key === 'content' || key === 'text') out.push(node);
      return;
    }
    if (Array.isArray(node)) return node.forEach((n) => walk(n));
    if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        // A button's callback value is data, not something the person reads.
        if (k === 'behaviors' || k === 'value') continue;
        walk(v, k);
      }
    }
  };
  walk(card);
  return out;
}

const HAN = /[\u4e00-\u9fff]/;
/** Signs of a programming error leaking to a person. */
const LEAKS: [RegExp, string][] = [
  [/\bError\b/, '"Error"'],
  [/\bundefined\b/, '"undefined"'],
  [/\bNaN\b/, '"NaN"'],
  [/\[object \w+\]/, '"[object …]"'],
  [/\bat \S+ \(.*:\d+:\d+\)/, 'a stack trace'],
  [/\.(ts|js):\d+/, 'a source location'],
  [/Prisma|SQLITE_|P\d{4}\b/, 'a database error'],
];

/**
 * Why `text` is not a clear Chinese message for a person (empty when it is). `echoed` is what the person
 * typed: the bot may quote it back ("未识别的指令「…」"), so it is removed before looking for leaks.
 */
export function unclearReasons(text: string, echoed = ''): string[] {
  const reasons: string[] = [];
  if (!HAN.test(text)) reasons.push('no Chinese');
  let own = text;
  for (const piece of echoed.split(/\s+/).filter((p) => p.length >= 2)) own = own.split(piece).join(' ');
  for (const [pattern, what] of LEAKS) if (pattern.test(own)) reasons.push(`contains ${what}`);
  return reasons;
}
