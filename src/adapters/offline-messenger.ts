import type { Logger } from '../logger.js';
import type { Messenger, MessengerError, Result } from '../ports/messenger.js';

/** Stands in when no Lark credentials are configured: every call fails with a clear, logged reason. */
export class OfflineMessenger implements Messenger {
  constructor(private readonly log: Logger) {}

  private fail<T>(what: string): Promise<Result<T>> {
    const error: MessengerError = { kind: 'other', message: 'Lark credentials are not configured (LARK_APP_ID, LARK_APP_SECRET)' };
    this.log.warn({ what }, 'cannot reach Lark: credentials missing');
    return Promise.resolve({ ok: false, error });
  }

  send() {
    return this.fail<{ messageId: string }>('send');
  }
  reply() {
    return this.fail<{ messageId: string }>('reply');
  }
  updateCard() {
    return this.fail<void>('updateCard');
  }
  getUserName() {
    return this.fail<string | undefined>('getUserName');
  }
  listChatMembers() {
    return this.fail<never[]>('listChatMembers');
  }
  getBotOpenId() {
    return Promise.resolve(undefined);
  }
  lookupOpenIds() {
    return this.fail<Map<string, string>>('lookupOpenIds');
  }
  downloadFile() {
    return this.fail<Buffer>('downloadFile');
  }
  uploadFile() {
    return this.fail<{ fileKey: string }>('uploadFile');
  }
  urgentApp() {
    return this.fail<{ invalidOpenIds: string[] }>('urgentApp');
  }
}
