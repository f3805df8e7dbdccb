import type { Buzz, InboundRecord, RecordedCall, StoredMessage, UploadedFile } from './types.js';

/**
 * What the fake Lark recorded: every API call, the bot's messages and uploads, people's messages and the
 * bot's buzzes, with the look-ups tests assert on. FakeLark extends it (its public API).
 */
export class FakeLarkRecords {
  readonly calls: RecordedCall[] = [];
  readonly messages = new Map<string, StoredMessage>();
  /** Files the bot uploaded, by file_key. */
  readonly uploads = new Map<string, UploadedFile>();
  /** User messages the bot may reply to (registered when pushed). */
  readonly inboundMessages = new Map<string, InboundRecord>();
  /** Buzzes (加急) the bot sent, oldest first. */
  readonly buzzes: Buzz[] = [];

  /** Messages the bot posted to a chat (send or reply), oldest first. */
  messagesIn(chatId: string): StoredMessage[] {
    return [...this.messages.values()].filter((m) => m.chatId === chatId).sort((a, b) => a.createdAt - b.createdAt);
  }

  cardsIn(chatId: string): { messageId: string; card: Record<string, unknown> }[] {
    return this.messagesIn(chatId)
      .filter((m) => m.msgType === 'interactive')
      .map((m) => ({ messageId: m.messageId, card: JSON.parse(m.content) as Record<string, unknown> }));
  }

  textsIn(chatId: string): string[] {
    return this.messagesIn(chatId)
      .filter((m) => m.msgType === 'text')
      .map((m) => (JSON.parse(m.content) as { text: string }).text);
  }

  /** The bytes of a file the bot uploaded. */
  fileBytes(fileKey: string): Buffer | undefined {
    return this.uploads.get(fileKey)?.bytes;
  }

  /** File messages the bot posted to a chat, with the uploads they carry, oldest first. */
  filesIn(chatId: string): { messageId: string; rootId?: string; file: UploadedFile }[] {
    return this.messagesIn(chatId)
      .filter((m) => m.msgType === 'file')
      .map((m) => ({
        messageId: m.messageId,
        ...(m.rootId ? { rootId: m.rootId } : {}),
        file: this.uploads.get((JSON.parse(m.content) as { file_key: string }).file_key)!,
      }));
  }

  callsTo(pathPattern: RegExp, method?: string): RecordedCall[] {
    return this.calls.filter((c) => pathPattern.test(c.path) && (!method || c.method === method));
  }
}
