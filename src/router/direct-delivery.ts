import type { OutboxItem } from '../ports/outbox.js';
import type { Messenger } from '../ports/messenger.js';

/** An outbox item sent straight through the messenger, when no outbox is wired (router unit tests). */
export async function sendDirect(m: Messenger, item: OutboxItem) {
  if ('patch' in item.to) return item.content.type === 'card' ? m.updateCard(item.to.patch, item.content.card) : undefined;
  if ('replyTo' in item.to) return m.reply(item.to.replyTo, item.content);
  return m.send(item.to, item.content);
}
