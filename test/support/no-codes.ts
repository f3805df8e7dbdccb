import { expect } from 'vitest';

/** What people must never read: a job's code name, a cron expression, an ISO time, a status code. */
export function expectNoCodes(text: string): void {
  expect(text).not.toMatch(/\b[a-z]+[._-][a-z][a-z._-]*\b/); // supervision.chase, calendar.check, follow-up
  expect(text).not.toMatch(/\b(housekeeping|ran|done|running|failed|skipped|claimed_elsewhere|manual)\b/);
  expect(text).not.toMatch(/[\d*]+(\/\d+)?( +[\d*,\-/]+){4}/); // 0 9 * * *, 30 9 * * 1
  expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}(T|\s)\d{2}:\d{2}/);
}
