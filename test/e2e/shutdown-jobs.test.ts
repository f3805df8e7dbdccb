import { describe, expect, it } from 'vitest';
import { startHarness } from '../support/harness.js';
import { testProvider } from '../support/database.js';

describe(`shutdown on ${testProvider}: running job runs finish before the database closes`, () => {
  it('stop() waits for a job run in progress, which records its outcome', async () => {
    const h = await startHarness();
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    let finished = false;
    // A job that takes a while, as a chase over many items or an export does.
    h.app.router.job({
      name: 'test.slow',
      description: 'slow',
      cron: '0 3 * * *',
      handler: async () => {
        started();
        await new Promise((r) => setTimeout(r, 800));
        finished = true;
      },
    });
    const run = h.app.scheduler.runManually('test.slow', new Date());
    const outcome = run.catch((err: unknown) => `rejected: ${String(err)}`);
    await running;
    await h.stop();
    expect(finished).toBe(true);
    // 'ran' is returned only once the run's row was written 'done' (a closed database rejects instead).
    expect(await outcome).toBe('ran');
    // After stop() no new run starts.
    expect(await h.app.scheduler.runManually('test.slow', new Date())).toBe('claimed_elsewhere');
  });
});
