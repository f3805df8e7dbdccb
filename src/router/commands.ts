import type { Mention } from './events.js';

export interface ParsedCommand {
  /** The command word as typed, normalised (NFKC, lower-case for Latin letters). */
  name: string;
  /** Everything after the command word, whitespace collapsed. */
  args: string;
  /** `args` split on whitespace. */
  argv: string[];
  /** Mentions other than the bot, in order of appearance. */
  mentions: Mention[];
}

const WHITESPACE = /[\s\u3000\u00a0]+/g;

/** NFKC folds full-width letters, digits, `／` and the ideographic space into their ASCII forms. */
export function normaliseCommandName(word: string): string {
  return word.normalize('NFKC').toLowerCase();
}

/**
 * Turns message text into a command: removes the bot's own mention(s), a leading `/` or `／`, and extra
 * spaces. Returns null when nothing is left (a bare @-mention).
 */
export function parseCommandText(text: string, mentions: Mention[], isBot: (m: Mention) => boolean): ParsedCommand | null {
  let rest = text;
  for (const m of mentions) {
    if (isBot(m)) rest = rest.split(m.key).join(' ');
  }
  rest = rest.replace(WHITESPACE, ' ').trim();
  rest = rest.replace(/^[/／]\s*/, '');
  if (!rest) return null;
  const [first, ...others] = rest.split(' ');
  const args = others.join(' ');
  const others_ = mentions.filter((m) => !isBot(m) && args.includes(m.key));
  others_.sort((a, b) => args.indexOf(a.key) - args.indexOf(b.key));
  return { name: normaliseCommandName(first!), args, argv: args ? args.split(' ') : [], mentions: others_ };
}

/**
 * The longest command handled (characters, after the bot's mention and extra spaces are taken out). A
 * longer one is refused whole with one message naming the limit: never cut and half-read, which would
 * drop the fields written last (期限:…) and then ask for them.
 */
export const MAX_COMMAND_CHARS = 3950;

/** 3,950 — thousands separated as an office writes figures. */
const figure = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

export function commandTooLong(command: Pick<ParsedCommand, 'name' | 'args'>, limit = MAX_COMMAND_CHARS): string | undefined {
  const length = [...command.name].length + (command.args ? 1 + [...command.args].length : 0);
  if (length <= limit) return undefined;
  return `指令过长（共${figure(length)}字，上限${figure(limit)}字），未予处理。请精简后重新发送；内容较多的督办事项，可发送「督办 新建」使用立项表单填写。`;
}
