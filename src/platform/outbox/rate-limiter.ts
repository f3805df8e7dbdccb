/**
 * Sliding-window limits in physical time (Lark: 50 messages/s per app, 5/s per chat). `acquire` waits
 * until both the app and the chat have room, then books the slot. A 429 pauses the whole app.
 */
export class RateLimiter {
  private readonly app: number[] = [];
  private readonly chats = new Map<string, number[]>();
  private pausedUntil = 0;

  constructor(
    private readonly perApp: number,
    private readonly perChat: number,
    private readonly now: () => number = () => performance.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** Lark said "too many": nothing goes out until `ms` from now. */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
  }

  async acquire(chatKey: string): Promise<void> {
    for (;;) {
      const wait = this.waitFor(chatKey);
      if (wait <= 0) break;
      await this.sleep(wait);
    }
    const t = this.now();
    this.app.push(t);
    const c = this.chats.get(chatKey) ?? [];
    c.push(t);
    this.chats.set(chatKey, c);
  }

  private waitFor(chatKey: string): number {
    const t = this.now();
    if (t < this.pausedUntil) return this.pausedUntil - t;
    const windowStart = t - 1000;
    prune(this.app, windowStart);
    const chat = this.chats.get(chatKey) ?? [];
    prune(chat, windowStart);
    if (chat.length === 0) this.chats.delete(chatKey);
    let wait = 0;
    // A few ms of slack: the server counts the window from when requests arrive, a little later.
    if (this.perApp > 0 && this.app.length >= this.perApp) wait = Math.max(wait, this.app[0]! + 1000 - t + 5);
    if (this.perChat > 0 && chat.length >= this.perChat) wait = Math.max(wait, chat[0]! + 1000 - t + 5);
    return wait;
  }
}

function prune(times: number[], before: number): void {
  while (times.length && times[0]! <= before) times.shift();
}
