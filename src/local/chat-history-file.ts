import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Logger } from '../logger.js';
import type { FakeLarkSnapshot } from './lark/server.js';

/** Where `npm start` keeps local mode's chat history (demo:reset removes it). */
export const LOCAL_STATE_PATH = 'data/local-lark.json';

/**
 * Local mode's chat history on disk, so that cards the bot updates later are still there after a
 * restart. Writes are debounced, atomic (a temporary file renamed over the old one, so a crash mid-write
 * leaves the previous history intact) and never throw: they run from a timer, where a throw would take
 * the whole process down, and a history that cannot be saved is no reason to stop serving.
 */
export class ChatHistoryFile {
  private pending: NodeJS.Timeout | undefined;
  private failing = false;

  constructor(private readonly o: { path: string; snapshot: () => FakeLarkSnapshot; log: Logger; delayMs?: number }) {}

  /** The saved history, or undefined when there is none or it cannot be read. */
  load(): FakeLarkSnapshot | undefined {
    if (!existsSync(this.o.path)) return undefined;
    try {
      return JSON.parse(readFileSync(this.o.path, 'utf8')) as FakeLarkSnapshot;
    } catch (err) {
      this.o.log.warn({ err, statePath: this.o.path }, 'local chat history unreadable; starting with an empty one');
      return undefined;
    }
  }

  /** Saves shortly (many messages in a burst make one write). */
  schedule(): void {
    clearTimeout(this.pending);
    this.pending = setTimeout(() => this.flush(), this.o.delayMs ?? 300);
    this.pending.unref();
  }

  /** Saves now; false (and one warning per run of failures) when the file cannot be written. */
  flush(): boolean {
    clearTimeout(this.pending);
    this.pending = undefined;
    const temp = `${this.o.path}.${process.pid}.tmp`;
    try {
      mkdirSync(dirname(this.o.path), { recursive: true });
      writeFileSync(temp, JSON.stringify(this.o.snapshot()));
      renameSync(temp, this.o.path);
      if (this.failing) this.o.log.info({ statePath: this.o.path }, 'local chat history saved again');
      this.failing = false;
      return true;
    } catch (err) {
      try {
        rmSync(temp, { force: true });
      } catch {
        // Nothing was written there either (e.g. the parent is not a directory).
      }
      if (!this.failing) {
        const code = (err as NodeJS.ErrnoException).code;
        this.o.log.warn(
          { code, statePath: this.o.path },
          `本地聊天记录无法保存（${code ?? '写入失败'}），助手继续运行，但重启后聊天记录会丢失 (local chat history could not be saved)`,
        );
      }
      this.failing = true;
      return false;
    }
  }

  /** Cancels a pending save (before a final flush on stop). */
  cancel(): void {
    clearTimeout(this.pending);
    this.pending = undefined;
  }
}
