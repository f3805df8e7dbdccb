import { isOpenId } from '../../../platform/open-id.js';
import { inline } from './text.js';

/**
 * An @-mention of a person by open id, else their name as escaped text on one line, else `fallback`. Open ids come
 * from Lark through the directory, yet are checked all the same: only a well-formed one goes into markup.
 */
export function mentionOr(name: string | undefined, openId: string | undefined, fallback: string): string {
  if (openId && isOpenId(openId)) return `<at id=${openId}></at>`;
  return name ? inline(name) : fallback;
}
