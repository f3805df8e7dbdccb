import { randomBytes } from 'node:crypto';
import type { Card, CardElement } from './types.js';

/** The key the stamp adds to every callback value (stripped again before handlers see the value). */
export const RENDER_KEY = '_r';

/**
 * Gives one rendering of a card its own nonce in every callback value. Card clicks carry no id of their
 * own: with the nonce, a double click (or re-delivery) on the same rendering is one act, while the same
 * button on a card rendered again (after 返回, next week's 反馈进展) is a new one. Applied at the edge, so
 * presenters stay pure.
 */
export function stampCard(card: Card): Card {
  const nonce = randomBytes(4).toString('hex');
  const stampEl = (el: CardElement): CardElement => {
    if (el.tag === 'button' && el.behaviors) {
      return { ...el, behaviors: el.behaviors.map((b) => (b.type === 'callback' ? { ...b, value: { ...b.value, [RENDER_KEY]: nonce } } : b)) };
    }
    if (el.tag === 'column_set') return { ...el, columns: el.columns.map((c) => ({ ...c, elements: c.elements.map(stampEl) })) };
    if (el.tag === 'form') return { ...el, elements: el.elements.map(stampEl) };
    return el;
  };
  return { ...card, body: { ...card.body, elements: card.body.elements.map(stampEl) } };
}
