import type { Card, CardElement } from '../../cards/types.js';

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

/** A plain-text rendering of a card (title and markdown), sent when the card itself cannot be. */
export function cardToText(card: Card): string {
  const lines: string[] = [];
  if (card.header) lines.push(`【${card.header.title.content}】`);
  const walk = (elements: CardElement[]) => {
    for (const el of elements) {
      if (el.tag === 'markdown') lines.push(el.content.replace(/<at id=([^>]+)><\/at>/g, '@$1').replace(/\*\*/g, ''));
      else if (el.tag === 'div') lines.push(el.text.content);
      else if (el.tag === 'column_set') for (const c of el.columns) walk(c.elements);
    }
  };
  walk(card.body.elements);
  let text = lines.join('\n');
  if (text.length > TEXT_LIMIT) text = `${text.slice(0, TEXT_LIMIT)}\n……（内容过长，已截断，请在系统中查看完整内容）`;
  return text;
}
