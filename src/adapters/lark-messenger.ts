import type * as lark from '@larksuiteoapi/node-sdk';
import type { Card } from '../cards/types.js';
import { stampCard } from '../cards/stamp.js';
import type { Logger } from '../logger.js';
import { Readable } from 'node:stream';
import {
  MAX_UPLOAD_BYTES,
  type ChatMember,
  type Messenger,
  type OpenIdQuery,
  type OutgoingContent,
  type Recipient,
  type Result,
  type SendOptions,
  type UploadFileType,
} from '../ports/messenger.js';
import { fromThrown } from './lark-errors.js';
import { callLark, type LarkBody } from './lark-call.js';
import { literalText } from '../platform/text.js';

/** batch_get_id takes at most 50 mobiles and 50 emails per call. */
const LOOKUP_BATCH = 50;
/** Larger downloads are refused rather than held in memory (directory files are far smaller). */
const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;

function toWire(content: OutgoingContent): { msg_type: string; content: string } {
  switch (content.type) {
    case 'text':
      // Every text the bot sends passes here (main thread and delivery thread): markup is shown literally.
      return { msg_type: 'text', content: JSON.stringify({ text: literalText(content.text) }) };
    case 'card':
      return { msg_type: 'interactive', content: JSON.stringify(stampCard(content.card)) };
    case 'file':
      return { msg_type: 'file', content: JSON.stringify({ file_key: content.fileKey }) };
  }
}

type FileCreatePayload = NonNullable<Parameters<lark.Client['im']['v1']['file']['create']>[0]>;

/**
 * The bytes as the SDK's multipart encoder (axios + form-data) should see them. A plain Buffer goes out as a
 * part without `filename` (which Lark is reported to refuse); a stream with a `path` gets
 * `filename="<name>"` and a content type from its extension, like the fs.ReadStream the SDK's types expect.
 */
function namedStream(name: string, bytes: Buffer): FileCreatePayload['data']['file'] {
  return Object.assign(Readable.from([bytes]), { path: name }) as unknown as FileCreatePayload['data']['file'];
}

/** The Messenger port over the real SDK client. Every call returns a typed result; nothing throws. */
export class LarkMessenger implements Messenger {
  private botOpenId?: Promise<string | undefined>;

  constructor(
    private readonly client: lark.Client,
    private readonly tokenCache: lark.DefaultCache,
    private readonly log: Logger,
  ) {}

  private call<T>(fn: () => Promise<LarkBody>, pick: (body: LarkBody) => T): Promise<Result<T>> {
    return callLark(fn, pick, this.tokenCache, this.log);
  }

  send(to: Recipient, content: OutgoingContent, options: SendOptions = {}): Promise<Result<{ messageId: string }>> {
    const [receive_id_type, receive_id] = 'chatId' in to ? (['chat_id', to.chatId] as const) : (['open_id', to.openId] as const);
    return this.call(
      () =>
        this.client.im.v1.message.create({
          params: { receive_id_type },
          data: { receive_id, ...toWire(content), ...(options.uuid ? { uuid: options.uuid } : {}) },
        }) as Promise<LarkBody>,
      (b) => ({ messageId: (b.data as { message_id: string }).message_id }),
    );
  }

  reply(messageId: string, content: OutgoingContent, options: SendOptions = {}): Promise<Result<{ messageId: string }>> {
    return this.call(
      () =>
        this.client.im.v1.message.reply({
          path: { message_id: messageId },
          data: { ...toWire(content), ...(options.uuid ? { uuid: options.uuid } : {}) },
        }) as Promise<LarkBody>,
      (b) => ({ messageId: (b.data as { message_id: string }).message_id }),
    );
  }

  updateCard(messageId: string, card: Card): Promise<Result<void>> {
    return this.call(
      () => this.client.im.v1.message.patch({ path: { message_id: messageId }, data: { content: JSON.stringify(stampCard(card)) } }) as Promise<LarkBody>,
      () => undefined,
    );
  }

  getUserName(openId: string): Promise<Result<string | undefined>> {
    return this.call(
      () => this.client.contact.v3.user.get({ path: { user_id: openId }, params: { user_id_type: 'open_id' } }) as Promise<LarkBody>,
      (b) => (b.data as { user?: { name?: string } } | undefined)?.user?.name,
    );
  }

  async listChatMembers(chatId: string): Promise<Result<ChatMember[]>> {
    const members: ChatMember[] = [];
    let pageToken: string | undefined;
    for (let page = 0; page < 100; page++) {
      const result = await this.call(
        () =>
          this.client.im.v1.chatMembers.get({
            path: { chat_id: chatId },
            params: { member_id_type: 'open_id', page_size: 100, ...(pageToken ? { page_token: pageToken } : {}) },
          }) as Promise<LarkBody>,
        (b) => b.data as { items?: { member_id: string; name?: string }[]; has_more?: boolean; page_token?: string },
      );
      if (!result.ok) return result;
      for (const item of result.value.items ?? []) members.push({ openId: item.member_id, name: item.name ?? '' });
      if (!result.value.has_more || !result.value.page_token) break;
      pageToken = result.value.page_token;
    }
    return { ok: true, value: members };
  }

  getBotOpenId(): Promise<string | undefined> {
    this.botOpenId ??= this.call(
      () => this.client.request({ method: 'GET', url: '/open-apis/bot/v3/info' }) as Promise<LarkBody>,
      (b) => b.bot?.open_id,
    ).then((r) => {
      if (r.ok) return r.value;
      this.log.warn({ error: r.error }, 'could not read the bot info; group messages with any @-mention will be treated as addressed to the bot');
      this.botOpenId = undefined;
      return undefined;
    });
    return this.botOpenId;
  }

  async lookupOpenIds(query: OpenIdQuery): Promise<Result<Map<string, string>>> {
    const mobiles = [...new Set(query.mobiles ?? [])];
    const emails = [...new Set(query.emails ?? [])];
    const found = new Map<string, string>();
    const batches = Math.ceil(Math.max(mobiles.length, emails.length) / LOOKUP_BATCH);
    for (let i = 0; i < batches; i++) {
      const m = mobiles.slice(i * LOOKUP_BATCH, (i + 1) * LOOKUP_BATCH);
      const e = emails.slice(i * LOOKUP_BATCH, (i + 1) * LOOKUP_BATCH);
      const result = await this.call(
        () =>
          this.client.contact.v3.user.batchGetId({
            params: { user_id_type: 'open_id' },
            data: { ...(m.length ? { mobiles: m } : {}), ...(e.length ? { emails: e } : {}) },
          }) as Promise<LarkBody>,
        (b) => (b.data as { user_list?: { user_id?: string; mobile?: string; email?: string }[] } | undefined)?.user_list ?? [],
      );
      if (!result.ok) return result;
      for (const entry of result.value) {
        if (!entry.user_id) continue;
        // Lark may echo a mainland number with its country code; key by what was asked.
        if (entry.mobile) found.set(m.includes(entry.mobile) ? entry.mobile : entry.mobile.replace(/^\+86/, ''), entry.user_id);
        if (entry.email) found.set(e.find((x) => x.toLowerCase() === entry.email!.toLowerCase()) ?? entry.email, entry.user_id);
      }
    }
    return { ok: true, value: found };
  }

  async downloadFile(messageId: string, fileKey: string): Promise<Result<Buffer>> {
    for (let attempt = 0; ; attempt++) {
      let outcome: Result<Buffer>;
      try {
        const res = await this.client.im.v1.messageResource.get({ params: { type: 'file' }, path: { message_id: messageId, file_key: fileKey } });
        const bytes = await readAll(res.getReadableStream(), MAX_DOWNLOAD_BYTES);
        outcome = bytes
          ? { ok: true, value: bytes }
          : { ok: false, error: { kind: 'too_large', code: 0, message: `file larger than ${MAX_DOWNLOAD_BYTES} bytes` } };
      } catch (err) {
        outcome = { ok: false, error: fromThrown(await withJsonBody(err)) };
      }
      if (!outcome.ok && outcome.error.kind === 'token_invalid' && attempt === 0) {
        this.tokenCache.values.clear();
        continue;
      }
      return outcome;
    }
  }

  async uploadFile(name: string, bytes: Buffer, fileType: UploadFileType): Promise<Result<{ fileKey: string }>> {
    if (!bytes.length) return { ok: false, error: { kind: 'other', code: 234010, message: 'empty file' } };
    if (bytes.length > MAX_UPLOAD_BYTES)
      return { ok: false, error: { kind: 'too_large', code: 234006, message: `file larger than ${MAX_UPLOAD_BYTES} bytes` } };
    // Through client.request, not file.create: file.create resolves to `data` alone and drops the answer's
    // code, so an HTTP-200 error (or a body without a code) would be indistinguishable from an upload.
    // axios encodes the object as multipart (form-data). A fresh stream per attempt: the token retry cannot
    // reuse a consumed one.
    const result = await this.call(
      () =>
        this.client.request({
          method: 'POST',
          url: '/open-apis/im/v1/files',
          headers: { 'Content-Type': 'multipart/form-data' },
          data: { file_type: fileType, file_name: name, file: namedStream(name, bytes) },
        }) as Promise<LarkBody>,
      (b) => (b.data as { file_key?: string } | null)?.file_key,
    );
    if (!result.ok) return result;
    if (!result.value) return { ok: false, error: { kind: 'server_error', status: 200, message: 'upload answered code 0 without a file_key' } };
    return { ok: true, value: { fileKey: result.value } };
  }

  async urgentApp(messageId: string, openIds: readonly string[]): Promise<Result<{ invalidOpenIds: string[] }>> {
    return this.call(
      () =>
        this.client.im.v1.message.urgentApp({
          path: { message_id: messageId },
          params: { user_id_type: 'open_id' },
          data: { user_id_list: [...openIds] },
        }) as Promise<LarkBody>,
      (b) => ({ invalidOpenIds: (b.data as { invalid_user_id_list?: string[] } | undefined)?.invalid_user_id_list ?? [] }),
    );
  }
}

/** The whole stream, or undefined once it exceeds `max` bytes. */
async function readAll(stream: Readable, max: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    size += b.length;
    if (size > max) {
      stream.destroy();
      return undefined;
    }
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

/** A failed streamed request carries its JSON error body as a stream: read it so the Lark code is seen. */
async function withJsonBody(err: unknown): Promise<unknown> {
  const response = (err as { response?: { data?: unknown } })?.response;
  const data = response?.data as Readable | undefined;
  if (!response || !data || typeof (data as Readable).pipe !== 'function') return err;
  try {
    const text = (await readAll(data, 64 * 1024))?.toString('utf8') ?? '';
    response.data = JSON.parse(text) as unknown;
  } catch {
    response.data = undefined;
  }
  return err;
}
