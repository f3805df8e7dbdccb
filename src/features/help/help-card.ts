import { card, divider, markdown } from '../../cards/elements.js';
import type { Card, CardElement } from '../../cards/types.js';

export interface HelpEntry {
  feature: string;
  names: string[];
  usage: string;
  summary: string;
  /** Complete commands that work as typed (shown as 例如); a test sends each one to the bot. */
  examples?: readonly string[];
}

/** The help card, generated from the registry: a new feature's commands appear without editing this. */
export function presentHelpCard(entries: readonly HelpEntry[]): Card {
  const byFeature = new Map<string, HelpEntry[]>();
  for (const e of entries) byFeature.set(e.feature, [...(byFeature.get(e.feature) ?? []), e]);
  const elements: CardElement[] = [markdown('在群聊中 **@三办助手** 后输入指令，私聊可直接输入。指令前的 `/` 可加可不加。')];
  for (const [feature, list] of byFeature) {
    elements.push(divider());
    const lines = list.map((e) => {
      const aliases = e.names.slice(1);
      const alias = aliases.length ? `（也可用 ${aliases.map((a) => `\`${a}\``).join('、')}）` : '';
      const examples = e.examples?.length ? `\n  例如：${e.examples.map((x) => `\`${x}\``).join('、')}` : '';
      return `- \`${e.usage}\`${alias}：${e.summary}${examples}`;
    });
    elements.push(markdown(`**${feature}**\n${lines.join('\n')}`));
  }
  return card({ title: '三办助手 · 指令一览', template: 'blue', summary: '三办助手指令一览', elements });
}
