import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../fakes/clock.js';
import type { FakeUser } from '../../src/local/lark/server.js';
import { startHarness, type Harness } from '../support/harness.js';

/** The order of leader lists is the office's to set (LEADER_RANKS), not only the built-in one. */
describe('LEADER_RANKS orders the leaders in the 立项 form', () => {
  const clock = new FixedClock('2026-11-24T10:00:00+08:00');
  let h: Harness;
  let supervisor: FakeUser;
  let group: string;

  beforeAll(async () => {
    // An office that lists its 副县长 before the 常务副县长 (say, by seniority set by the 县委).
    h = await startHarness({ clock, env: { LEADER_RANKS: '县长、副县长、常务副县长' } });
    supervisor = h.fake.addUser('王督查');
    group = h.fake.addChat('督查工作群', [supervisor]);
    const db = h.app.db.prisma;
    const office = await db.unit.create({ data: { code: '督查科', name: '督查科', kind: 'office_section' } });
    await db.person.create({ data: { name: supervisor.name, openId: supervisor.openId, unitId: office.id, roles: { create: [{ role: 'supervisor' }] } } });
    for (const [name, title] of [
      ['吴立新', '常务副县长'],
      ['郑国强', '副县长'],
      ['周建华', '县长'],
    ] as const) {
      await db.person.create({ data: { name, title, roles: { create: [{ role: 'leader' }] } } });
    }
    await db.chatBinding.create({ data: { chatId: group, purpose: 'supervision' } });
  });
  afterAll(() => h?.stop());

  it('lists the leaders in the configured order', async () => {
    await h.fake.userSays({ chatId: group, from: supervisor, text: '@三办助手 督办 新建' });
    await h.settle();
    const form = JSON.stringify(h.fake.cardsIn(group).at(-1)!.card);
    const at = (x: string) => form.indexOf(`"content":"${x}"`);
    const order = ['周建华（县长）', '郑国强（副县长）', '吴立新（常务副县长）'].map(at);
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((x, y) => x - y)).toEqual(order);
  });
});
