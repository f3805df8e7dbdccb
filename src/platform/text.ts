/**
 * Text as it can be stored and sent: a lone UTF-16 surrogate (half an emoji, e.g. left by cutting text
 * short, or sent in a crafted message) and the NUL character become U+FFFD. Prisma's query engine refuses
 * lone surrogates and PostgreSQL refuses NUL, so without this a command quoting such text fails and its
 * reply cannot even be queued.
 */
export function storableText(text: string): string {
  // NUL is matched on purpose: PostgreSQL refuses it in text.
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\u0000/g, '\uFFFD');
}

/** Whitespace and invisible characters a parser might skip between `<` and a tag name. */
const GAP = '[\\s\\u200B-\\u200D\\u2060\\uFEFF]*';
const TAG = new RegExp(`<(${GAP}\\/?${GAP}[A-Za-z][^<>]*)(>?)`, 'g');
const LINK = /\[([^[\]]*)\]\(/g;
const ENTITY = /&(lt|gt|amp|quot|apos|#\d+|#x[0-9A-Fa-f]+);/gi;

/**
 * Text as Lark shows it literally in a `text` message. Lark reads markup in a text message's content:
 * `<at user_id="all"></at>` mentions everyone, `<b> <i> <u> <s>` style, `[text](url)` makes a link.
 * The bot never means markup in a text message, but it echoes what people type ("未识别的指令「…」"), so
 * anyone could make the bot @所有人. Tags and links are broken with their full-width look-alikes
 * (`＜at user_id="all"＞`, `［text］(url)`), which read the same to a person and mean nothing to Lark;
 * entity-like sequences lose their `&` in case Lark decodes them before reading tags.
 * Idempotent: applying it twice gives what applying it once gives.
 */
export function literalText(text: string): string {
  return text
    .replace(TAG, (_whole, inner: string, close: string) => `＜${inner}${close ? '＞' : ''}`)
    .replace(LINK, '［$1］(')
    .replace(ENTITY, '＆$1;');
}
