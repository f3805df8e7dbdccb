import { describe, expect, it } from 'vitest';
import { simulateMonth } from '../bench/simulate/run.js';

/**
 * `npm run simulate` in short: the demo office for 5 working days from Monday 2026-09-21 (中秋 on the
 * 25th, then the weekend) with every actor through the real SDK against the fake Lark and every job by
 * time travel; every check of the month holds (sent once, working hours, deadlines over the holiday,
 * cards in their final state, audit complete, memory flat).
 */
describe('a simulated week of the demo office', () => {
  it('runs 5 working days and every check holds', async () => {
    const result = await simulateMonth({ workingDays: 5 });
    for (const c of result.checks) expect(c.ok, `${c.name}：${c.detail}`).toBe(true);
    expect(result.summary.join('\n')).toContain('【督查督办】');
  }, 600_000);
});
