import type { Harness } from './harness.js';

/**
 * Waits for the start-up catch-up to finish (housekeeping is caught up at any hour), so a test seeds and
 * acts after it: otherwise a job caught up late (a 补发 broadcast, a run recorded after a manual one) lands
 * in the middle of the test, earlier or later depending on the database's speed.
 */
export async function caughtUp(h: Harness): Promise<void> {
  for (let i = 0; i < 200 && (await h.app.scheduler.lastRuns()).get('housekeeping')?.status !== 'done'; i++) await new Promise((r) => setTimeout(r, 50));
  await h.app.scheduler.idle();
  await h.settle();
}
