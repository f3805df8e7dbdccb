import type { Card, CardElement } from '../../cards/types.js';
import { literalText } from '../text.js';

/** Lark refuses cards over 30 KB or 200 components (230099/11310, 230025). */
export const MAX_CARD_BYTES = 30 * 1024;
export const MAX_CARD_ELEMENTS = 200;

export function countElements(elements: CardElement[]): number {
  let n = 0;
  for (const el of elements) {
    n++;
    if (el.tag === 'column_set') for (const col of el.columns) n += 1 + countElements(col.elements);
    if (el.tag === 'form') n += countElements(el.elements);
  }
  return n;
}

export function cardFits(cardJson: string): boolean {
  if (Buffer.byteLength(cardJson, 'utf8') > MAX_CARD_BYTES) return false;
  const card = JSON.parse(cardJson) as Card;
  return countElements(card.body?.elements ?? []) <= MAX_CARD_ELEMENTS;
}

const TEXT_LIMIT = 8000;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Card markdown as text: the bot's own mentions become `@…`, bold marks go, and user text (escaped for the
 * card with entities, cards/elements.ts escapeMarkdown) is decoded so it reads as typed — then shown
 * literally, since a text message reads `<at user_id="all">` as a mention.
 */
function markdownAsText(markdown: string): string {
  const plain = markdown
    .replace(/<at id=([^>]+)><\/at>/g, '@$1')
    .replace(/\*\*/g, '')
    .replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (whole, name: string) => {
      const lower = name.toLowerCase();
      if (ENTITIES[lower]) return ENTITIES[lower];
      const code = lower.startsWith('#x') ? parseInt(lower.slice(2), 16) : parseInt(lower.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    });
  return literalText(plain);
}

/** A plain-text rendering of a card (title and markdown), sent when the card itself cannot be. */
export function cardToText(card: Card): string {
  const lines: string[] = [];
  if (card.header) lines.push(`【${card.header.title.content}】`);
  const walk = (elements: CardElement[]) => {
    for (const el of elements) {
      if (el.tag === 'markdown') lines.push(markdownAsText(el.content));
      else if (el.tag === 'div') lines.push(literalText(el.text.content));
      else if (el.tag === 'column_set') for (const c of el.columns) walk(c.elements);
    }
  };
  walk(card.body.elements);
  let text = lines.join('\n');
  if (text.length > TEXT_LIMIT) text = `${text.slice(0, TEXT_LIMIT)}\n……（内容过长，已截断，请在系统中查看完整内容）`;
  return text;
}
