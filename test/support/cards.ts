/** Reading what the bot posted: find a button on a card by its label, and the value it calls back with. */
type Json = Record<string, unknown>;

function walk(node: unknown, visit: (n: Json) => void): void {
  if (Array.isArray(node)) node.forEach((n) => walk(n, visit));
  else if (node && typeof node === 'object') {
    visit(node as Json);
    for (const v of Object.values(node)) walk(v, visit);
  }
}

export function buttonLabels(card: unknown): string[] {
  const labels: string[] = [];
  walk(card, (n) => {
    if (n.tag === 'button') labels.push(String((n.text as Json).content));
  });
  return labels;
}

export function buttonValue(card: unknown, label: string): Record<string, unknown> {
  let value: Record<string, unknown> | undefined;
  walk(card, (n) => {
    if (n.tag === 'button' && (n.text as Json).content === label) {
      value = ((n.behaviors as Json[]) ?? []).find((b) => b.type === 'callback')?.value as Record<string, unknown>;
    }
  });
  if (!value) throw new Error(`no button 「${label}」 on card: ${JSON.stringify(card).slice(0, 400)}`);
  return value;
}

export function cardText(card: unknown): string {
  return JSON.stringify(card) ?? '';
}

/** The content of every markdown element of a card, in order. */
export function markdownContents(card: unknown): string[] {
  const found: string[] = [];
  walk(card, (n) => {
    if (n.tag === 'markdown') found.push(String(n.content));
  });
  return found;
}
