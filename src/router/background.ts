/**
 * The work that follows an ack — handling a message once it is recorded — queued so that it never
 * delays the next ack. Each task is started from its own turn of the event loop (setImmediate), so the
 * requests that arrived meanwhile are read and acked between two tasks; with SQLite, whose statements
 * complete synchronously, a task otherwise runs start to finish in one turn, and a burst of them would
 * hold every waiting ack until the last was done. At most `concurrency` tasks are in flight (PostgreSQL
 * tasks wait on the network and overlap).
 */
export class BackgroundQueue {
  private readonly waiting: (() => void)[] = [];
  private running = 0;
  private scheduled = false;

  constructor(private readonly concurrency = 8) {}

  /** Resolves (or rejects) with the task once it has run. */
  run<T>(task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push(() => {
        this.running++;
        let started: Promise<T>;
        try {
          started = task();
        } catch (err) {
          // A task that throws before returning its promise: a rejection, not a crash of the process.
          started = Promise.reject(err as Error);
        }
        started.then(resolve, reject).finally(() => {
          this.running--;
          this.pump();
        });
      });
      this.pump();
    });
  }

  /** Tasks not yet started. */
  get backlog(): number {
    return this.waiting.length;
  }

  private pump(): void {
    if (this.scheduled || this.running >= this.concurrency || !this.waiting.length) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.waiting.shift()?.();
      this.pump();
    });
  }
}
