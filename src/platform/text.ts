/**
 * Text as it can be stored and sent: a lone UTF-16 surrogate (half an emoji, e.g. left by cutting text
 * short, or sent in a crafted message) and the NUL character become U+FFFD. Prisma's query engine refuses
 * lone surrogates and PostgreSQL refuses NUL, so without this a command quoting such text fails and its
 * reply cannot even be queued.
 */
export function storableText(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\u0000/g, '\uFFFD');
}
