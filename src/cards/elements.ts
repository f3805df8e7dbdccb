import type { Card, CardElement, CardHeader, HeaderTemplate, PlainText } from './types.js';

export const plain = (content: string): PlainText => ({ tag: 'plain_text', content });

export const markdown = (content: string): CardElement => ({ tag: 'markdown', content });

export const divider = (): CardElement => ({ tag: 'hr' });

/** A button that calls back with `{ a: actionKey, ...value }`; `a` routes the click to a registered action. */
export function actionButton(
  label: string,
  actionKey: string,
  value: Record<string, string | number | boolean> = {},
  options: { type?: 'default' | 'primary' | 'danger'; confirm?: { title: string; text: string }; disabled?: boolean } = {},
): CardElement {
  return {
    tag: 'button',
    text: plain(label),
    type: options.type ?? 'default',
    ...(options.disabled ? { disabled: true } : {}),
    ...(options.confirm ? { confirm: { title: plain(options.confirm.title), text: plain(options.confirm.text) } } : {}),
    behaviors: [{ type: 'callback', value: { a: actionKey, ...value } }],
  };
}

/** Buttons side by side (JSON 2.0 has no `action` module; a column set lays them out). */
export function buttonRow(buttons: CardElement[]): CardElement {
  return {
    tag: 'column_set',
    flex_mode: 'flow',
    horizontal_spacing: '8px',
    columns: buttons.map((b) => ({ tag: 'column', width: 'auto', elements: [b] })),
  };
}

export function card(options: { title: string; subtitle?: string; template?: HeaderTemplate; summary?: string; elements: CardElement[] }): Card {
  const header: CardHeader = { title: plain(options.title), template: options.template ?? 'blue' };
  if (options.subtitle) header.subtitle = plain(options.subtitle);
  return {
    schema: '2.0',
    config: { update_multi: true, width_mode: 'fill', ...(options.summary ? { summary: { content: options.summary } } : {}) },
    header,
    body: { elements: options.elements },
  };
}

/**
 * Escape text from users before it goes into a card's markdown, so it cannot inject `<at>` mentions,
 * `<font>` tags or links. Lark's card markdown takes HTML entities for these characters. Line breaks
 * are kept (a multi-line note stays multi-line); for text inside one line use `inlineText` or `md`.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[&<>[\]]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '[': '&#91;', ']': '&#93;' })[ch]!);
}

/**
 * User text for a place inside one line of card markdown (a name, a unit, an audit detail): escaped,
 * and its line breaks folded into spaces, so it cannot start a line of its own — a fake list item, a
 * fake "**角色**" heading or a forged audit row.
 */
export function inlineText(text: string): string {
  return escapeMarkdown(text.replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' '));
}

const TRUSTED = Symbol('trusted markdown');

/** Markdown the code built itself (never user text), to be placed by `md` as it is. */
export interface TrustedMarkdown {
  readonly [TRUSTED]: string;
}

export const trusted = (markdown: string): TrustedMarkdown => ({ [TRUSTED]: markdown });

/**
 * Card markdown with every interpolated string treated as user text (`inlineText`): presenters write
 * md`**${person.name}**　${unit}` and cannot forget to escape. Markup built by the code itself goes in
 * through `trusted(…)`; numbers as they are.
 */
export function md(strings: TemplateStringsArray, ...values: (string | number | TrustedMarkdown)[]): string {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += (typeof v === 'number' ? String(v) : typeof v === 'string' ? inlineText(v) : v[TRUSTED]) + strings[i + 1]!;
  });
  return out;
}
