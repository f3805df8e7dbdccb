/**
 * Sliding-window limits in physical time (Lark: 50 messages/s per app, 5/s per chat). `acquire` waits
 * until both the app and the chat have room, then books the slot; the caller calls the returned function
 * once the request has been answered. A 429 pauses the whole app (for at most a minute).
 *
 * Lark counts a request when it arrives, which can be well after it was booked here (a burst of sends
 * leaves the process one after another). So a slot counts from when its request was answered, an upper
 * bound on when Lark counted it, and a slot whose request is still in flight does not expire at all:
 * counting from the booking instead let the next window's burst reach Lark while the tail of the previous
 * burst was still inside Lark's window (a 429, and a one-second pause of every send).
 *
 * Sends are also paced (a token bucket: bursts of at most a tenth of a second's worth, refilled at the
 * app's rate): a full window's worth at once would stall the process's event loop for the whole burst
 * (each send costs the SDK about a millisecond of CPU), delaying the acks of the events that arrive
 * meanwhile; spread out, the same rate costs them nothing noticeable.
 */
interface Slot {
  /** When the request was answered; Infinity while it is in flight. */
  t: number;
}

/** A few ms on top: the two clocks' granularity. */
const SLACK_MS = 5;
/** Windows kept before a sweep of the empty ones. */
const MAX_IDLE_CHATS = 256;
/** How long to wait when the window is full of requests still in flight. */
const IN_FLIGHT_POLL_MS = 5;
/**
 * The longest pause a 429 can impose. Lark's `x-ogw-ratelimit-reset` is the seconds until its window resets
 * (normally 1); a larger value (3600 was seen from a misbehaving proxy) would stop every send to every chat
 * for that long. After the cap, sends resume; a new 429 pauses again.
 */
export const MAX_PAUSE_MS = 60_000;

/** The limiter was closed (the worker stops): the caller gives up its send. */
export class LimiterClosedError extends Error {
  constructor() {
    super('rate limiter closed');
  }
}

/** setTimeout that an abort ends early. */
function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

export class RateLimiter {
  private readonly app: Slot[] = [];
  private readonly chats = new Map<string, Slot[]>();
  private pausedUntil = 0;
  /** Pacing (GCRA): the theoretical time of the next send, and how far ahead of it a burst may go. */
  private tat = 0;
  private readonly interval: number;
  private readonly burstAhead: number;
  private closing = new AbortController();

  constructor(
    private readonly perApp: number,
    private readonly perChat: number,
    private readonly now: () => number = () => performance.now(),
    private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void> = abortableSleep,
    private readonly maxPauseMs = MAX_PAUSE_MS,
  ) {
    this.interval = perApp > 0 ? 1000 / perApp : 0;
    this.burstAhead = (Math.max(1, Math.ceil(perApp / 10)) - 1) * this.interval;
  }

  /** Lark said "too many": nothing goes out until `ms` from now (at most `maxPauseMs`). */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + Math.min(Math.max(0, ms), this.maxPauseMs));
  }

  /** Ends every wait at once: waiting and later `acquire` calls throw LimiterClosedError until `open()`. */
  close(): void {
    this.closing.abort();
  }

  open(): void {
    if (this.closing.signal.aborted) this.closing = new AbortController();
  }

  /** Waits for room, books a slot, and returns the function to call when the request has been answered. */
  async acquire(chatKey: string): Promise<() => void> {
    const signal = this.closing.signal;
    for (;;) {
      if (signal.aborted) throw new LimiterClosedError();
      const wait = this.waitFor(chatKey);
      if (wait <= 0) break;
      await this.sleep(wait, signal);
    }
    this.tat = Math.max(this.tat, this.now()) + this.interval;
    const slot: Slot = { t: Infinity };
    this.app.push(slot);
    const c = this.chats.get(chatKey) ?? [];
    c.push(slot);
    this.chats.set(chatKey, c);
    return () => {
      slot.t = this.now();
    };
  }

  private waitFor(chatKey: string): number {
    const t = this.now();
    if (t < this.pausedUntil) return this.pausedUntil - t;
    const paced = this.tat - this.burstAhead;
    if (t < paced) return paced - t;
    const windowStart = t - 1000;
    prune(this.app, windowStart);
    // Every replied-to or patched message is a "chat" of its own here: windows nobody asks about again
    // are swept now and then, or the map would grow by one entry per message.
    if (this.chats.size > MAX_IDLE_CHATS) this.sweep(windowStart);
    const chat = this.chats.get(chatKey) ?? [];
    prune(chat, windowStart);
    if (chat.length === 0) this.chats.delete(chatKey);
    let wait = 0;
    if (this.perApp > 0 && this.app.length >= this.perApp) wait = Math.max(wait, expiry(this.app, t));
    if (this.perChat > 0 && chat.length >= this.perChat) wait = Math.max(wait, expiry(chat, t));
    return wait;
  }

  private sweep(windowStart: number): void {
    for (const [key, slots] of this.chats) {
      prune(slots, windowStart);
      if (slots.length === 0) this.chats.delete(key);
    }
  }

  /** Chats with a window held (tests). */
  get trackedChats(): number {
    return this.chats.size;
  }
}

/** Drops the slots answered before `before` (in place; the windows hold at most a few dozen slots). */
function prune(slots: Slot[], before: number): void {
  let kept = 0;
  for (const s of slots) if (s.t > before) slots[kept++] = s;
  slots.length = kept;
}

/** How long until the earliest answered slot leaves the window (a short poll when all are in flight). */
function expiry(slots: Slot[], t: number): number {
  let earliest = Infinity;
  for (const s of slots) if (s.t < earliest) earliest = s.t;
  return earliest === Infinity ? IN_FLIGHT_POLL_MS : Math.max(1, earliest + 1000 - t + SLACK_MS);
}
