export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Polls `check` until it returns a truthy value or `timeoutMs` passes (then throws, naming `what`).
 * Every wait in the drills is bounded.
 */
export async function waitFor<T>(what: string, check: () => Promise<T> | T, o: { timeoutMs?: number; intervalMs?: number } = {}): Promise<NonNullable<T>> {
  const deadline = Date.now() + (o.timeoutMs ?? 30_000);
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await check();
    if (last) return last as NonNullable<T>;
    await sleep(o.intervalMs ?? 50);
  }
  throw new Error(`timed out after ${o.timeoutMs ?? 30_000} ms waiting for ${what} (last: ${JSON.stringify(last)})`);
}

/** Runs `tasks` with at most `concurrency` in flight; results in input order. */
export async function pooled<T, R>(tasks: readonly T[], concurrency: number, run: (task: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, tasks.length) }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await run(tasks[i]!, i);
      }
    }),
  );
  return results;
}
