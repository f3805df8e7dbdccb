/**
 * The one rule for a Lark open_id, shared by the roster import, ADMIN_OPEN_IDS and @-mention markup.
 * Lark's own ids are `ou_` and 32 hex digits; ids made by the fake Lark, tests and the demo office use
 * letters, digits, `_` and `-` after the prefix, so those are accepted too.
 */
const PREFIX = 'ou_';
const BODY = /^[A-Za-z0-9_-]+$/;
const MAX_BODY = 100;

export type OpenIdProblem = 'prefix' | 'empty' | 'too_long' | 'characters';

/** What is wrong with `text` as an open_id, or undefined when it is one. */
export function openIdProblem(text: string): OpenIdProblem | undefined {
  if (!text.startsWith(PREFIX)) return 'prefix';
  const body = text.slice(PREFIX.length);
  if (!body) return 'empty';
  if (body.length > MAX_BODY) return 'too_long';
  if (!BODY.test(body)) return 'characters';
  return undefined;
}

export const isOpenId = (text: string): boolean => openIdProblem(text) === undefined;

/** The problem in words for people (the roster import's row errors). */
export const OPEN_ID_PROBLEM_ZH: Record<OpenIdProblem, string> = {
  prefix: '应以 ou_ 开头（区分大小写）',
  empty: 'ou_ 之后缺少内容',
  too_long: `ou_ 之后不应超过 ${MAX_BODY} 个字符`,
  characters: 'ou_ 之后只能包含英文字母、数字、下划线或连字符，不能有空格、中文或其他符号',
};

/** The problem in words for operators (configuration errors are in English, like the variable names). */
export const OPEN_ID_PROBLEM_EN: Record<OpenIdProblem, string> = {
  prefix: 'must start with ou_',
  empty: 'has nothing after ou_',
  too_long: `has more than ${MAX_BODY} characters after ou_`,
  characters: 'may contain only letters, digits, _ and - after ou_',
};
