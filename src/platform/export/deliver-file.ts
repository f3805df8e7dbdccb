import type { PrismaClient } from '../../db/client.js';
import { BotError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { Messenger, UploadFileType } from '../../ports/messenger.js';
import type { AnswerRoute } from '../audience.js';
import { recordAudit, type AuditRecord } from '../audit.js';
import { FileBuildError } from '../file-thread.js';
import { enqueue, type OutboxItem } from '../outbox/outbox.js';

/**
 * A built file answered to a command: uploaded once, here (an upload is not idempotent, a send is), then
 * the file message, its texts, the note in the chat when it went privately, and the audit entry queued in
 * one transaction; the outbox sends them with their stable uuids.
 */

export interface DeliverFileDeps {
  prisma: PrismaClient;
  messenger: Pick<Messenger, 'uploadFile'>;
  outbox: { kick(): void };
  log: Logger;
}

export interface FileAnswer {
  file: { name: string; bytes: Buffer; type: UploadFileType };
  /** The command message: the answer (or the note that it went privately) replies to it. */
  replyTo: string;
  /** open_id of the asker, who receives the file directly when `route` says private. */
  asker: string;
  route: AnswerRoute;
  /** What the chat is told when the file went privately, and why (the feature's wording). */
  privateNotice: (reason: Extract<AnswerRoute, { kind: 'private' }>['reason']) => string;
  /** Texts sent after the file to the same place, e.g. what the file holds. */
  texts: readonly string[];
  /** Idempotency prefix, e.g. `sv-export`: the messages are keyed `<key>:<replyTo>`, `<key>-text:…`, `<key>-private:…`. */
  key: string;
  /** Who queued it, e.g. `command:ou_x`. */
  origin: string;
  /** The audit entry, given the uploaded file's key and where it went. */
  audit: (fileKey: string, delivered: FileDelivered) => AuditRecord;
  /** The user's message when the upload fails (what to do next, in the feature's words). */
  uploadFailed: string;
}

export type FileDelivered = 'chat' | 'private';

export async function deliverFile(deps: DeliverFileDeps, a: FileAnswer): Promise<{ fileKey: string; delivered: FileDelivered }> {
  const upload = await deps.messenger.uploadFile(a.file.name, a.file.bytes, a.file.type);
  if (!upload.ok) {
    // The file's size, not its contents or name (a name can carry a person's or unit's name).
    deps.log.error({ error: upload.error, bytes: a.file.bytes.length }, 'file upload failed');
    throw new BotError('unavailable', a.uploadFailed);
  }
  const fileKey = upload.value.fileKey;
  const delivered: FileDelivered = a.route.kind === 'private' ? 'private' : 'chat';
  const to = delivered === 'private' ? { openId: a.asker } : { replyTo: a.replyTo };
  const items: OutboxItem[] = [
    { to, content: { type: 'file', fileKey }, key: `${a.key}:${a.replyTo}`, origin: a.origin },
    ...a.texts.map((text, i): OutboxItem => ({ to, content: { type: 'text', text }, key: `${a.key}-text${i ? `-${i}` : ''}:${a.replyTo}`, origin: a.origin })),
    ...(a.route.kind === 'private'
      ? [{ to: { replyTo: a.replyTo }, content: { type: 'text', text: a.privateNotice(a.route.reason) }, key: `${a.key}-private:${a.replyTo}`, origin: a.origin } satisfies OutboxItem]
      : []),
  ];
  await deps.prisma.$transaction(async (tx) => {
    for (const item of items) await enqueue(tx, item);
    await recordAudit(tx, a.audit(fileKey, delivered));
  });
  deps.outbox.kick();
  return { fileKey, delivered };
}

/** A failed build as the user's message (`message`: what to do next); any other error passes through. */
export function asFileBuildFailure(deps: { log: Logger }, err: unknown, message: string): unknown {
  if (!(err instanceof FileBuildError)) return err;
  deps.log.error({ err }, 'file build failed');
  return new BotError('unavailable', message);
}
