import type { Card } from '../../src/cards/types.js';
import type { ChatMember, Messenger, OutgoingContent, Recipient, Result, SendOptions } from '../../src/ports/messenger.js';

/** The Messenger port in memory, for tests of the router and features without HTTP. */
export class MemoryMessenger implements Messenger {
  readonly sent: { to: Recipient | { replyTo: string }; content: OutgoingContent; options?: SendOptions }[] = [];
  readonly updates: { messageId: string; card: Card }[] = [];
  private n = 0;

  async send(to: Recipient, content: OutgoingContent, options?: SendOptions): Promise<Result<{ messageId: string }>> {
    this.sent.push({ to, content, options });
    return { ok: true, value: { messageId: `om_mem_${++this.n}` } };
  }
  async reply(messageId: string, content: OutgoingContent, options?: SendOptions): Promise<Result<{ messageId: string }>> {
    this.sent.push({ to: { replyTo: messageId }, content, options });
    return { ok: true, value: { messageId: `om_mem_${++this.n}` } };
  }
  async updateCard(messageId: string, card: Card): Promise<Result<void>> {
    this.updates.push({ messageId, card });
    return { ok: true, value: undefined };
  }
  async getUserName(): Promise<Result<string | undefined>> {
    return { ok: true, value: undefined };
  }
  async listChatMembers(): Promise<Result<ChatMember[]>> {
    return { ok: true, value: [] };
  }
  async getBotOpenId(): Promise<string | undefined> {
    return 'ou_bot';
  }
  texts(): string[] {
    return this.sent.flatMap((s) => (s.content.type === 'text' ? [s.content.text] : []));
  }
}
