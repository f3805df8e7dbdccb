import { card, inlineText, markdown } from '../../cards/elements.js';
import type { Card, CardElement } from '../../cards/types.js';
import { formatChineseDate, type IsoDate } from '../time.js';
import type { DigestSection } from './registry.js';

/** A section shows this many lines at most; the rest are counted (the hint says where to see them all). */
export const MAX_SECTION_LINES = 15;

/**
 * 今日汇要: one card for one person's morning, the sections already ordered by role (leader, reviewer,
 * liaison, secretary). Section lines are markdown the features built (user text escaped there); the
 * person's name is escaped here.
 */
export function presentMorningDigest(person: { name: string }, date: IsoDate, sections: readonly DigestSection[]): Card {
  const elements: CardElement[] = [markdown(`${inlineText(person.name)}同志，早上好！今日需要您关注的事项如下：`)];
  for (const s of sections) {
    const shown = s.lines.slice(0, MAX_SECTION_LINES);
    const rest = s.lines.length - shown.length;
    const body = [`**${s.title}**`, ...shown, ...(rest > 0 ? [`另有 ${rest} 项未列出。`] : []), ...(s.hint ? [`<font color="grey">${s.hint}</font>`] : [])];
    elements.push(markdown(body.join('\n')));
  }
  return card({
    title: `今日汇要 · ${formatChineseDate(date)}`,
    template: sections.some((s) => s.pressing) ? 'orange' : 'blue',
    summary: `今日汇要：${sections.map((s) => s.title).join('、')}`,
    elements,
  });
}
