import type { Logger } from '../logger.js';
import type { Documents } from '../ports/documents.js';
import type { MessengerError, Result } from '../ports/messenger.js';

/** Stands in when no Lark credentials are configured: every call fails with a clear, logged reason. */
export class OfflineDocuments implements Documents {
  constructor(private readonly log: Logger) {}

  private fail<T>(what: string): Promise<Result<T>> {
    const error: MessengerError = { kind: 'other', message: 'Lark credentials are not configured (LARK_APP_ID, LARK_APP_SECRET)' };
    this.log.warn({ what }, 'cannot reach Lark documents: credentials missing');
    return Promise.resolve({ ok: false, error });
  }

  getDocument() {
    return this.fail<never>('getDocument');
  }
  rawContent() {
    return this.fail<string>('rawContent');
  }
  lastEdit() {
    return this.fail<never>('lastEdit');
  }
  subscribe() {
    return this.fail<void>('subscribe');
  }
}
