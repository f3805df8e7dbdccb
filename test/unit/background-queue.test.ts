import { describe, expect, it } from 'vitest';
import { BackgroundQueue } from '../../src/router/background.js';

describe('BackgroundQueue', () => {
  it('starts one task per event-loop turn, in order, so work queued meanwhile (an ack) runs between tasks', async () => {
    const q = new BackgroundQueue(8);
    const order: string[] = [];
    const done = ['a', 'b', 'c'].map((name) =>
      q.run(async () => {
        order.push(name);
        if (name === 'a') setImmediate(() => order.push('io after a'));
      }),
    );
    order.push('queued');
    await Promise.all(done);
    expect(order).toEqual(['queued', 'a', 'io after a', 'b', 'c']);
  });

  it('keeps at most `concurrency` tasks in flight and passes results and errors through', async () => {
    const q = new BackgroundQueue(2);
    let inFlight = 0;
    let peak = 0;
    const task = (v: number) => async () => {
      peak = Math.max(peak, ++inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      if (v === 3) throw new Error('three');
      return v;
    };
    const results = await Promise.allSettled([1, 2, 3, 4, 5].map((v) => q.run(task(v))));
    expect(peak).toBe(2);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([1, 2, 'three', 4, 5]);
    expect(q.backlog).toBe(0);
  });

  it('turns a task that throws before returning its promise into a rejection, and goes on', async () => {
    const q = new BackgroundQueue(1);
    const throwing = (() => {
      throw new Error('sync');
    }) as unknown as () => Promise<void>;
    await expect(q.run(throwing)).rejects.toThrow('sync');
    await expect(q.run(async () => 'next')).resolves.toBe('next');
  });
});
