import { defineConfig } from 'vitest/config';

/** `npm run drill`: the fault, load and bad-input drills (drills/), run in CI after the test suites. */
export default defineConfig({
  test: {
    include: ['drills/**/*.drill.ts'],
    env: { NO_PROXY: '127.0.0.1,localhost', no_proxy: '127.0.0.1,localhost', TZ: 'UTC' },
    testTimeout: 180_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Drills load the machine; one at a time keeps their timings meaningful.
    fileParallelism: false,
  },
});
