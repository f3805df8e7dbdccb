import type { HelpEntry } from './help-card.js';

/** A usage with nothing to fill in or choose (帮助, 我是谁) is itself a command one can type as is. */
const isLiteral = (usage: string) => !/[<>[\]|]/.test(usage);

/**
 * Commands to suggest to people (the page's chips and placeholder), from the registry: each command's
 * own examples, else its usage when that can be typed as is. Nothing here is written by hand twice.
 */
export function suggestedCommands(entries: readonly HelpEntry[]): string[] {
  const all = entries.flatMap((e) => e.examples ?? (isLiteral(e.usage) ? [e.usage] : []));
  return [...new Set(all)];
}
