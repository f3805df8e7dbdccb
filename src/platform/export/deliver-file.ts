import type { PrismaClient } from '../../db/client.js';
import { BotError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { Messenger, Recipient, UploadFileType } from '../../ports/messenger.js';
import type { AnswerRoute } from '../audience.js';
import { recordAudit, type AuditRecord } from '../audit.js';
import { FileBuildError } from '../file-thread.js';
import { enqueue, type OutboxItem, type OutboxTarget } from '../outbox/outbox.js';

/**
 * A built file delivered (a command's answer, or a job's table sent to a group): uploaded once, here (an
 * upload is not idempotent, a send is), then the file message, its texts, the note in the chat when it
 * went privately, and the audit entry queued in one transaction; the outbox sends them with stable uuids.
 */

export interface DeliverFileDeps {
  prisma: PrismaClient;
  messenger: Pick<Messenger, 'uploadFile'>;
  outbox: { kick(): void };
  log: Logger;
}

/** Where the file goes. */
export type FileRecipient =
  /**
   * The answer to a command: a reply to the command message, or, when `route` says private, a direct
   * message to the asker with `privateNotice(reason)` replied in the chat instead.
   */
  | {
      kind: 'answer';
      replyTo: string;
      /** open_id of the asker. */
      asker: string;
      route: AnswerRoute;
      privateNotice: (reason: Extract<AnswerRoute, { kind: 'private' }>['reason']) => string;
    }
  /** Sent unasked, e.g. a job's weekly table to a group. */
  | { kind: 'send'; to: Recipient };

export interface FileDelivery {
  file: { name: string; bytes: Buffer; type: UploadFileType };
  recipient: FileRecipient;
  /** Texts sent after the file to the same place, e.g. what the file holds. */
  texts: readonly string[];
  /**
   * Idempotency: the messages are keyed `<key>:<scope>`, `<key>-text:<scope>` (then `-text-1`…) and
   * `<key>-private:<scope>`; `scope` names the request (the command message, a job's period).
   */
  key: string;
  scope: string;
  /** Who queued it, e.g. `command:ou_x`, `job:schedules.weekly`. */
  origin: string;
  /** The audit entry, given the uploaded file's key and where it went. */
  audit: (fileKey: string, delivered: FileDelivered) => AuditRecord;
  /** The user's message when the upload fails (what to do next, in the feature's words). */
  uploadFailed: string;
}

/** `chat`: where it was asked or sent to; `private`: to the asker instead. */
export type FileDelivered = 'chat' | 'private';

export async function deliverFile(deps: DeliverFileDeps, d: FileDelivery): Promise<{ fileKey: string; delivered: FileDelivered }> {
  const upload = await deps.messenger.uploadFile(d.file.name, d.file.bytes, d.file.type);
  if (!upload.ok) {
    // The file's size, not its contents or name (a name can carry a person's or unit's name).
    deps.log.error({ error: upload.error, bytes: d.file.bytes.length }, 'file upload failed');
    throw new BotError('unavailable', d.uploadFailed);
  }
  const fileKey = upload.value.fileKey;
  const r = d.recipient;
  const privately = r.kind === 'answer' && r.route.kind === 'private';
  const to: OutboxTarget = r.kind === 'send' ? r.to : privately ? { openId: r.asker } : { replyTo: r.replyTo };
  const keyed = (part: string, content: OutboxItem['content'], target = to): OutboxItem => ({
    to: target,
    content,
    key: `${d.key}${part}:${d.scope}`,
    origin: d.origin,
  });
  const items: OutboxItem[] = [keyed('', { type: 'file', fileKey }), ...d.texts.map((text, i) => keyed(`-text${i ? `-${i}` : ''}`, { type: 'text', text }))];
  if (r.kind === 'answer' && r.route.kind === 'private')
    items.push(keyed('-private', { type: 'text', text: r.privateNotice(r.route.reason) }, { replyTo: r.replyTo }));
  await deps.prisma.$transaction(async (tx) => {
    for (const item of items) await enqueue(tx, item);
    await recordAudit(tx, d.audit(fileKey, privately ? 'private' : 'chat'));
  });
  deps.outbox.kick();
  return { fileKey, delivered: privately ? 'private' : 'chat' };
}

/** A failed build as the user's message (`message`: what to do next); any other error passes through. */
export function asFileBuildFailure(deps: { log: Logger }, err: unknown, message: string): unknown {
  if (!(err instanceof FileBuildError)) return err;
  deps.log.error({ err }, 'file build failed');
  return new BotError('unavailable', message);
}
