import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { DEMO_MARKER, demoDatabaseKind } from '../../src/local/demo-marker.js';
import { seedDemoOffice } from '../../src/local/demo-office.js';
import { resetDemo } from '../../src/local/demo-reset.js';
import { startLocalMode } from '../../src/local/local-mode.js';
import { memoryLogger } from '../support/logger.js';

/** A SQLite file as a deployment leaves it: a directory, a pending message, no demo marker. */
async function productionLikeFile(path: string): Promise<string> {
  const url = `file:${path}`;
  const db = await openDatabase(url);
  await migrate(db);
  const unit = await db.prisma.unit.create({ data: { name: '县住建局', code: 'zjj', kind: 'department' } });
  await db.prisma.person.create({ data: { name: '李正式', openId: 'ou_7d8a6e3f0b1c2d4e', unitId: unit.id, title: '局长' } });
  await db.close();
  return url;
}

// Local mode and demo:reset run on SQLite files only, whichever database the suite runs on.
describe("local mode and demo reset act only on the demo office's database (the marker)", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sanban-marker-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('local mode refuses to start on a SQLite file with people but no marker, and leaves it untouched', async () => {
    const url = await productionLikeFile(join(dir, 'sanban.db'));
    const { log } = memoryLogger('warn');
    const started = startLocalMode({ config: loadConfig({ PORT: '0', DATABASE_URL: url }), log, statePath: join(dir, 'chat.json') });
    const err = await started.then(
      async (l) => {
        await l.stop();
        return undefined;
      },
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toContain('不是本地体验模式建立的演示数据库');
    expect((err as Error).message).toContain('DATABASE_URL');
    const db = await openDatabase(url);
    expect(await db.prisma.person.count()).toBe(1); // no demo office seeded into it
    expect(await db.prisma.counter.findUnique({ where: { name: DEMO_MARKER } })).toBeNull();
    await db.close();
  });

  it('local mode starts on a new file and on an existing empty database, and marks it', async () => {
    const empty = `file:${join(dir, 'empty.db')}`;
    const pre = await openDatabase(empty);
    await migrate(pre);
    await pre.close();
    for (const url of [`file:${join(dir, 'new.db')}`, empty]) {
      const local = await startLocalMode({
        config: loadConfig({ PORT: '0', DATABASE_URL: url }),
        log: memoryLogger('warn').log,
        statePath: join(dir, 'chat.json'),
      });
      expect(await local.app.db.prisma.counter.findUnique({ where: { name: DEMO_MARKER } })).not.toBeNull();
      await local.stop();
      // And again on the same (now marked) file.
      const again = await startLocalMode({
        config: loadConfig({ PORT: '0', DATABASE_URL: url }),
        log: memoryLogger('warn').log,
        statePath: join(dir, 'chat.json'),
      });
      expect(await again.app.db.prisma.person.count()).toBeGreaterThanOrEqual(27);
      await again.stop();
    }
  });

  it('demo reset refuses a database without the marker, resets an empty one, and adopts a demo office seeded before the marker', async () => {
    const url = await productionLikeFile(join(dir, 'reset.db'));
    const db = await openDatabase(url);
    const refused = await resetDemo(db).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConfigError);
    expect((refused as Error).message).toContain('demo:reset 已停止');
    expect(await db.prisma.person.count()).toBe(1);
    await db.close();

    const fresh = await openDatabase(`file:${join(dir, 'fresh.db')}`);
    await migrate(fresh);
    await resetDemo(fresh);
    expect(await demoDatabaseKind(fresh.prisma)).toBe('demo');
    // An older demo office: seeded, then its marker gone (as before markers existed).
    await fresh.prisma.counter.delete({ where: { name: DEMO_MARKER } });
    await resetDemo(fresh);
    expect(await fresh.prisma.person.count()).toBeGreaterThanOrEqual(27);
    expect(await fresh.prisma.counter.findUnique({ where: { name: DEMO_MARKER } })).not.toBeNull();
    await fresh.close();
  });

  it('the demo seed writes the marker', async () => {
    const db = await openDatabase(`file:${join(dir, 'seed.db')}`);
    await migrate(db);
    expect(await demoDatabaseKind(db.prisma)).toBe('empty');
    await seedDemoOffice(db.prisma);
    expect(await db.prisma.counter.findUnique({ where: { name: DEMO_MARKER } })).toMatchObject({ name: DEMO_MARKER });
    await db.close();
  });
});
