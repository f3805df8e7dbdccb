import type { Card } from '../../src/cards/types.js';
import type {
  ChatMember,
  Messenger,
  MessengerError,
  OpenIdQuery,
  OutgoingContent,
  Recipient,
  Result,
  SendOptions,
  UploadFileType,
} from '../../src/ports/messenger.js';

/** The Messenger port in memory, for tests of the router and features without HTTP. */
export class MemoryMessenger implements Messenger {
  readonly sent: { to: Recipient | { replyTo: string }; content: OutgoingContent; options?: SendOptions }[] = [];
  readonly updates: { messageId: string; card: Card }[] = [];
  /** The Lark directory as this fake knows it: mobile or email → open_id. */
  readonly directory = new Map<string, string>();
  /** Files people sent: `${messageId}/${fileKey}` → bytes. */
  readonly files = new Map<string, Buffer>();
  readonly lookups: OpenIdQuery[] = [];
  /** Files the bot uploaded: file_key → name, type and bytes. */
  readonly uploads = new Map<string, { name: string; fileType: UploadFileType; bytes: Buffer }>();
  /** When set, lookups fail with this error (Lark unreachable). */
  lookupFailure?: MessengerError;
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
  async lookupOpenIds(query: OpenIdQuery): Promise<Result<Map<string, string>>> {
    this.lookups.push(query);
    if (this.lookupFailure) return { ok: false, error: this.lookupFailure };
    const found = new Map<string, string>();
    for (const key of [...(query.mobiles ?? []), ...(query.emails ?? [])]) {
      const openId = this.directory.get(key);
      if (openId) found.set(key, openId);
    }
    return { ok: true, value: found };
  }
  async downloadFile(messageId: string, fileKey: string): Promise<Result<Buffer>> {
    const bytes = this.files.get(`${messageId}/${fileKey}`);
    return bytes ? { ok: true, value: bytes } : { ok: false, error: { kind: 'other', code: 234003, message: 'resource not found' } };
  }
  async uploadFile(name: string, bytes: Buffer, fileType: UploadFileType): Promise<Result<{ fileKey: string }>> {
    const fileKey = `file_mem_${++this.n}`;
    this.uploads.set(fileKey, { name, fileType, bytes });
    return { ok: true, value: { fileKey } };
  }
  readonly buzzes: { messageId: string; openIds: string[] }[] = [];
  async urgentApp(messageId: string, openIds: readonly string[]): Promise<Result<{ invalidOpenIds: string[] }>> {
    this.buzzes.push({ messageId, openIds: [...openIds] });
    return { ok: true, value: { invalidOpenIds: [] } };
  }
  texts(): string[] {
    return this.sent.flatMap((s) => (s.content.type === 'text' ? [s.content.text] : []));
  }
}
