import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startLocalMode, type LocalMode } from '../../src/local/local-mode.js';
import { clockPathFor } from '../../src/local/movable-clock.js';
import { SESSION_HEADER } from '../../src/local/page-guard.js';
import { memoryLogger } from '../support/logger.js';

type Travel = { clock: { now: string }; ran: { job: string; outcome: string }[] };

// Local mode runs on its SQLite file only, whichever database the suite runs on.
describe('local mode: the moved clock survives a restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sanban-clock-'));
  const start = () =>
    startLocalMode({
      config: loadConfig({ PORT: '0', DATABASE_URL: `file:${join(dir, 'local.db')}` }),
      log: memoryLogger('warn').log,
      statePath: join(dir, 'local-lark.json'),
    });
  const travel = async (local: LocalMode, body: unknown) => {
    const r = await fetch(`${local.app.url}/local/api/time`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { [SESSION_HEADER]: local.sessionToken, 'content-type': 'application/json' },
    });
    expect(r.status).toBe(200);
    return (await r.json()) as Travel;
  };
  let open: LocalMode | undefined;
  afterAll(async () => {
    await open?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the clock where it was moved, and a further time travel runs the due jobs', async () => {
    open = await start();
    const moved = await travel(open, { days: 7 });
    expect(moved.ran.length).toBeGreaterThan(0);
    const movedTo = new Date(moved.clock.now).getTime();
    await open.stop();
    open = undefined;

    open = await start();
    // Still a week ahead (give or take the seconds the restart took), not back at real time.
    expect(open.clock.now().getTime()).toBeGreaterThanOrEqual(movedTo);
    expect(open.clock.now().getTime() - Date.now()).toBeGreaterThan(6 * 86_400_000);
    const again = await travel(open, { days: 1 });
    const daily = again.ran.filter((r) => r.job !== '定时事项');
    expect(daily.length).toBeGreaterThan(0);
    expect(again.ran.map((r) => r.outcome)).not.toContain('已由其他实例运行');
    expect(daily.some((r) => r.outcome === '已运行' || r.outcome === '非工作日未运行')).toBe(true);
  });

  it('with the clock file gone but the data kept, the clock starts after the last run instead of before it', async () => {
    const before = open!.clock.now().getTime();
    await open!.stop();
    open = undefined;
    const clockFile = clockPathFor(join(dir, 'local-lark.json'));
    expect(existsSync(clockFile)).toBe(true);
    rmSync(clockFile);

    open = await start();
    expect(open.clock.now().getTime() - Date.now()).toBeGreaterThan(6 * 86_400_000);
    const again = await travel(open, { days: 1 });
    expect(again.ran.filter((r) => r.job !== '定时事项').length).toBeGreaterThan(0);
    expect(again.ran.map((r) => r.outcome)).not.toContain('已由其他实例运行');
    expect(new Date(again.clock.now).getTime()).toBeGreaterThan(before);
  });
});
