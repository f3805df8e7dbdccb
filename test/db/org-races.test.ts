import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { BotError } from '../../src/errors.js';
import { bindChat, unbindChat } from '../../src/features/org/use-cases/bindings.js';
import { importDirectory } from '../../src/features/org/use-cases/import-directory.js';
import { grantRole, revokeRole } from '../../src/features/org/use-cases/roles.js';
import { FixedClock } from '../fakes/clock.js';
import { createTestDatabaseUrl, testProvider } from '../support/database.js';
import { csvOf } from '../support/org-fixtures.js';

const ROUNDS = 20;
const ROLE_JUST_REVOKED = '您的「管理员」角色刚被撤销，无法完成此操作。';
const LAST_ADMIN = '不能撤销最后一位「管理员」：请先为其他人员授予管理员角色。';

/**
 * Directory changes that check and then write, run at the same moment, round after round: on PostgreSQL
 * from two database handles (two instances); on SQLite through the one handle a process has (SQLite is
 * single-instance by design, and better-sqlite3 waits for a lock synchronously, so a second connection
 * in the same process would stall the first one's commit).
 */
describe(`org directory under concurrent changes on ${testProvider}`, () => {
  let drop: () => Promise<void>;
  let a: Database;
  let b: Database;
  const clock = new FixedClock();
  let sun: string;
  let qian: string;

  beforeAll(async () => {
    const created = await createTestDatabaseUrl();
    drop = created.drop;
    a = await openDatabase(created.url);
    await migrate(a);
    b = testProvider === 'postgres' ? await openDatabase(created.url) : a;
    sun = (await a.prisma.person.create({ data: { name: '孙主任', openId: 'ou_sun' } })).id;
    qian = (await a.prisma.person.create({ data: { name: '钱主任', openId: 'ou_qian' } })).id;
  });
  afterAll(async () => {
    if (b !== a) await b?.close();
    await a?.close();
    await drop?.();
  });

  const admins = () => a.prisma.roleGrant.count({ where: { role: 'admin' } });
  const revokeAdmin = (db: Database, actor: string, personId: string) =>
    revokeRole(db.prisma, { actor, personId, role: 'admin', at: clock.now(), bootstrapAdminsConfigured: false });

  it('two admins revoking each other at once leave one admin, and the other is refused in words', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      await a.prisma.roleGrant.deleteMany({ where: { role: 'admin' } });
      await a.prisma.roleGrant.createMany({ data: [sun, qian].map((personId) => ({ personId, role: 'admin', scope: '' })) });
      const results = await Promise.allSettled([revokeAdmin(a, 'ou_sun', qian), revokeAdmin(b, 'ou_qian', sun)]);
      expect(await admins(), `round ${round}`).toBe(1);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
      expect(won, `round ${round}`).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]).toBeInstanceOf(BotError);
      // The second, serialised behind the first, finds its own admin role gone (or, were it still an admin,
      // that the other is the last one): refused either way, in words.
      expect([LAST_ADMIN, ROLE_JUST_REVOKED]).toContain((lost[0] as BotError).userMessage);
    }
    // Every revoke that happened is audited once, and only those.
    expect(await a.prisma.auditEntry.count({ where: { objectType: 'role_grant', action: 'revoke' } })).toBe(ROUNDS);
  });

  it('an admin whose own role was revoked a moment ago cannot still act on an authorization checked before', async () => {
    const zhao = (await a.prisma.person.create({ data: { name: '赵科长', openId: 'ou_zhao' } })).id;
    await a.prisma.roleGrant.deleteMany({ where: { role: 'admin' } });
    await a.prisma.roleGrant.createMany({ data: [sun, qian, zhao].map((personId) => ({ personId, role: 'admin', scope: '' })) });
    // 钱 was authorized as an admin when the event came in; 孙 revokes 钱 before 钱's revoke runs.
    await revokeAdmin(a, 'ou_sun', qian);
    await expect(revokeAdmin(b, 'ou_qian', zhao)).rejects.toMatchObject({ code: 'forbidden', userMessage: ROLE_JUST_REVOKED });
    await expect(grantRole(b.prisma, { actor: 'ou_qian', personId: zhao, role: 'supervisor', at: clock.now() })).rejects.toMatchObject({ code: 'forbidden' });
    expect(await a.prisma.roleGrant.count({ where: { personId: zhao, role: 'admin' } })).toBe(1);
    // A start-up admin (ADMIN_OPEN_IDS) has no grant to lose.
    await expect(
      grantRole(b.prisma, { actor: 'ou_boot', actorIsBootstrapAdmin: true, personId: zhao, role: 'supervisor', at: clock.now() }),
    ).resolves.toHaveLength(1);
    await a.prisma.roleGrant.deleteMany({ where: { personId: zhao } });
    await a.prisma.person.delete({ where: { id: zhao } });
    await a.prisma.roleGrant.deleteMany({ where: { role: 'admin' } });
    await a.prisma.roleGrant.create({ data: { personId: sun, role: 'admin', scope: '' } });
  });

  it('the same grant given twice at once is added once and reported as held the second time', async () => {
    await a.prisma.roleGrant.deleteMany({ where: { role: 'admin' } });
    await a.prisma.roleGrant.create({ data: { personId: sun, role: 'admin', scope: '' } });
    for (let round = 0; round < ROUNDS; round++) {
      await a.prisma.roleGrant.deleteMany({ where: { role: 'supervisor' } });
      const grant = (db: Database) => grantRole(db.prisma, { actor: 'ou_sun', personId: qian, role: 'supervisor', at: clock.now() });
      const added = await Promise.all([grant(a), grant(b)]);
      expect(added.map((g) => g.length).sort(), `round ${round}`).toEqual([0, 1]);
    }
    expect(await a.prisma.roleGrant.count({ where: { role: 'supervisor' } })).toBe(1);
  });

  it('binding or unbinding a chat twice at once does it once, audited once', async () => {
    const change = { actor: 'ou_sun', chatId: 'oc_race', purpose: 'supervision' as const, at: clock.now() };
    for (let round = 0; round < ROUNDS; round++) {
      expect((await Promise.all([bindChat(a.prisma, change), bindChat(b.prisma, change)])).sort(), `round ${round}`).toEqual([false, true]);
      expect((await Promise.all([unbindChat(a.prisma, change), unbindChat(b.prisma, change)])).sort(), `round ${round}`).toEqual([false, true]);
    }
    const audits = await a.prisma.auditEntry.groupBy({ by: ['action'], where: { objectType: 'chat_binding' }, _count: true });
    expect(Object.fromEntries(audits.map((r) => [r.action, r._count]))).toEqual({ bind: ROUNDS, unbind: ROUNDS });
  });

  it('the same directory file imported twice at once is applied once', async () => {
    const file = csvOf([
      { 姓名: '赵督查', 单位: '督查科', 单位类型: '科室', 角色: '督查员' },
      { 姓名: '李信息', 单位: '信息科', 单位类型: '科室', 角色: '信息编辑' },
    ]);
    const run = (db: Database) => importDirectory({ prisma: db.prisma, clock }, { name: '名册.csv', bytes: file }, 'ou_sun');
    const [x, y] = await Promise.all([run(a), run(b)]);
    expect([x.created, y.created].sort()).toEqual([0, 2]);
    expect([x.unitsCreated.length, y.unitsCreated.length].sort()).toEqual([0, 2]);
    expect(await a.prisma.unit.count()).toBe(2);
  });
});
