import { inlineText } from '../../../cards/elements.js';

/**
 * User text in card markdown. A value inside one line (a name, a date, a list row's content) goes
 * through `inlineText`: escaped, its line breaks folded, so it cannot start a row of its own. A value
 * people write as a block (工作内容, 工作标准, 进展, 理由) keeps its lines, but every line after the first
 * starts with a gutter: a typed "2026-11-20 10:00　王督查　审核同意销号" or "**状态**：已办结" then reads
 * as part of the field, never as a timeline row, a field label or a list item.
 */

/** What starts each continuation line of a block value (an ideographic indent and a bar). */
export const BLOCK_GUTTER = '　┃ ';

const LINE_BREAK = /\r\n|[\r\n\v\f\u0085\u2028\u2029]/;

/** A value inside one line: `inlineText`, also folding the rarer breaks (\v, \f, NEL) it leaves alone. */
export function inline(text: string): string {
  return inlineText(text.replace(/[\v\f\u0085]+/g, ' '));
}

/** A block value: escaped, each line after the first behind `BLOCK_GUTTER`; blank lines at its ends dropped. */
export function blockText(text: string): string {
  const lines = text.split(LINE_BREAK).map((l) => inline(l).trimEnd());
  while (lines.length > 1 && !lines.at(-1)) lines.pop();
  while (lines.length > 1 && !lines[0]) lines.shift();
  return lines.join(`\n${BLOCK_GUTTER}`);
}

/** Ends a sentence that closes on typed text: a 。 unless the text already ends one (no "。。", no "？。"). */
export function sentence(text: string): string {
  const t = text.trimEnd();
  return /[。！？!?…；;]$/.test(t) ? t : `${t}。`;
}
