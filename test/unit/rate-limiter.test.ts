import { describe, expect, it } from 'vitest';
import { LimiterClosedError, MAX_PAUSE_MS, RateLimiter } from '../../src/platform/outbox/rate-limiter.js';

/** A limiter on a virtual clock: sleeping advances it. */
function virtual(perApp: number, perChat: number) {
  let t = 0;
  const limiter = new RateLimiter(
    perApp,
    perChat,
    () => t,
    async (ms) => void (t += ms),
  );
  return { limiter, now: () => t, advance: (ms: number) => void (t += ms) };
}

describe('RateLimiter', () => {
  it('paces sends (bursts of at most 5 at 50/s) instead of letting a window’s worth go at once', async () => {
    const { limiter, now } = virtual(50, 0);
    const booked: number[] = [];
    for (let i = 0; i < 120; i++) {
      const answered = await limiter.acquire(`oc_${i}`);
      booked.push(now());
      answered();
    }
    // Any 6 consecutive sends span at least 5 intervals less the burst allowance: (6 - 5) × 20 ms.
    for (let i = 5; i < booked.length; i++) expect(booked[i]! - booked[i - 5]!).toBeGreaterThanOrEqual(20);
    for (let i = 10; i < booked.length; i++) expect(booked[i]! - booked[i - 10]!).toBeGreaterThanOrEqual(120);
    // Pacing alone keeps to the limit: 50 in any one-second window, at full speed (120 sends in ~2.4 s).
    for (let i = 50; i < booked.length; i++) expect(booked[i]! - booked[i - 50]!).toBeGreaterThanOrEqual(1000);
    expect(booked.at(-1)!).toBeLessThan(2400 + 50);
  });

  it('holds a chat to perChat per second, counted from when each send was answered', async () => {
    const { limiter, now, advance } = virtual(0, 5);
    const answeredAt: number[] = [];
    for (let i = 0; i < 5; i++) {
      const answered = await limiter.acquire('oc_same');
      advance(30); // Lark takes 30 ms to answer
      answered();
      answeredAt.push(now());
    }
    await limiter.acquire('oc_same');
    expect(now()).toBeGreaterThanOrEqual(answeredAt[0]! + 1000);
    // Another chat is not held back.
    const before = now();
    await limiter.acquire('oc_other');
    expect(now()).toBe(before);
  });

  it('forgets the windows of targets nobody sends to again (one per replied-to message)', async () => {
    const { limiter, advance } = virtual(0, 5);
    for (let i = 0; i < 2000; i++) (await limiter.acquire(`msg:om_${i}`))();
    advance(1100);
    (await limiter.acquire('msg:om_last'))();
    expect(limiter.trackedChats).toBeLessThanOrEqual(257);
  });

  it('pauses everything after a 429 until the given time', async () => {
    const { limiter, now } = virtual(50, 5);
    limiter.pause(1500);
    await limiter.acquire('oc_x');
    expect(now()).toBeGreaterThanOrEqual(1500);
  });

  it('caps a 429 pause (x-ogw-ratelimit-reset: 3600) at MAX_PAUSE_MS, then lets sends go', async () => {
    const { limiter, now } = virtual(50, 5);
    limiter.pause(3_600_000);
    await limiter.acquire('oc_x');
    expect(MAX_PAUSE_MS).toBe(60_000);
    expect(now()).toBeGreaterThanOrEqual(MAX_PAUSE_MS);
    expect(now()).toBeLessThan(MAX_PAUSE_MS + 100);
  });

  it('close() ends every wait at once (real timers), and open() lets sends go again', async () => {
    const limiter = new RateLimiter(50, 5);
    limiter.pause(3_600_000);
    const started = Date.now();
    const waiting = [limiter.acquire('oc_a'), limiter.acquire('oc_b')];
    setTimeout(() => limiter.close(), 20);
    for (const w of waiting) await expect(w).rejects.toBeInstanceOf(LimiterClosedError);
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(limiter.acquire('oc_c')).rejects.toBeInstanceOf(LimiterClosedError);
    const other = new RateLimiter(50, 5);
    other.close();
    await expect(other.acquire('oc_d')).rejects.toBeInstanceOf(LimiterClosedError);
    other.open();
    expect(typeof (await other.acquire('oc_d'))).toBe('function');
  });
});
