import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../fakes/clock.js';
import type { FakeUser } from '../../src/local/lark/server.js';
import { cardText } from '../support/cards.js';
import { testProvider } from '../support/database.js';
import { startHarness, type Harness } from '../support/harness.js';

/**
 * Two people act on one item at the same moment (issue 10, finding 4): for each pair of conflicting acts,
 * 20 times over, exactly one wins, the other is answered with a stale card, and what is stored and what
 * was queued to tell people agree with the winner alone. On PostgreSQL the two clicks run as truly
 * concurrent transactions.
 */
describe(`督办: conflicting acts at once, on ${testProvider}`, () => {
  const ROUNDS = 20;
  const clock = new FixedClock('2026-11-24T10:00:00+08:00'); // Tuesday
  let h: Harness;
  let supA: FakeUser, supB: FakeUser, liA: FakeUser, liB: FakeUser;
  let group: string;
  let unitId: string;
  let host: string; // a card in the group the clicks come from
  let seq = 100;
  const db = () => h.app.db.prisma;

  beforeAll(async () => {
    h = await startHarness({ clock });
    supA = h.fake.addUser('王督查');
    supB = h.fake.addUser('赵督查');
    liA = h.fake.addUser('刘联络');
    liB = h.fake.addUser('陈联络');
    group = h.fake.addChat('督查工作群', [supA, supB]);
    const office = await db().unit.create({ data: { code: 'DCK', name: '督查科' } });
    unitId = (await db().unit.create({ data: { code: 'ZJJ', name: '县住建局' } })).id;
    for (const s of [supA, supB])
      await db().person.create({ data: { name: s.name, openId: s.openId, unitId: office.id, roles: { create: [{ role: 'supervisor' }] } } });
    for (const l of [liA, liB])
      await db().person.create({ data: { name: l.name, openId: l.openId, unitId, roles: { create: [{ role: 'liaison', scope: 'supervision' }] } } });
    await db().chatBinding.create({ data: { chatId: group, purpose: 'supervision' } });
    await h.fake.userSays({ chatId: group, from: supA, text: '@三办助手 督办 新建 并发测试宿主事项 单位:县住建局 期限:10个工作日' });
    await h.settle();
    host = h.fake.cardsIn(group).at(-1)!.messageId;
  }, 60_000);
  afterAll(() => h?.stop());

  /** An item already in `status` (and with a pending extension, if asked), shown on no card. */
  async function itemIn(status: string, withExtension = false) {
    seq++;
    const item = await db().supervisionItem.create({
      data: {
        year: 2026,
        seq,
        number: `督〔2026〕${seq}号`,
        content: `并发事项${seq}`,
        sourceType: 'instruction',
        unitId,
        deadline: '2026-12-18',
        status,
        createdBy: supA.openId,
      },
    });
    const ext = withExtension
      ? await db().supervisionExtension.create({ data: { itemId: item.id, reason: '设备到货延迟', proposedDate: '2026-12-31', requestedBy: liA.openId } })
      : undefined;
    return { id: item.id, number: item.number, ext: ext?.id ?? '' };
  }

  const click = async (by: FakeUser, value: Record<string, unknown>, formValue?: Record<string, unknown>) => {
    const r = await h.fake.click({ messageId: host, by, value, ...(formValue ? { formValue, name: 'submit' } : {}) });
    expect(r.status).toBe(200);
    return (r.body as { toast?: { type: string; content: string } }).toast!;
  };

  /** Exactly one success and one stale-card warning: the toasts of the two clicks, in either order. */
  const oneWins = (a: { type: string }, b: { type: string }) => {
    expect([a.type, b.type].sort()).toEqual(['success', 'warning']);
    return a.type === 'success' ? 'a' : 'b';
  };

  /** A click that acted; otherwise it must have been answered as a stale card and changed nothing. */
  const won = (t: { type: string }) => {
    expect(['success', 'warning']).toContain(t.type);
    return t.type === 'success';
  };

  /** What was queued about the item: direct texts to the unit and fresh cards in the group. */
  async function notices(number: string) {
    const rows = await db().outboxMessage.findMany({ where: { origin: `supervision:${number}` } });
    return {
      texts: rows.filter((r) => r.targetType === 'open_id' && r.kind === 'text').map((r) => r.content),
      groupCards: rows.filter((r) => r.targetType === 'chat_id').length,
    };
  }
  const events = async (id: string) => (await db().supervisionEvent.findMany({ where: { itemId: id } })).map((e) => e.kind);
  const count = (texts: string[], part: string) => texts.filter((t) => t.includes(part)).length;

  it('同意延期 against 不同意延期', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const it = await itemIn('in_progress', true);
      const [a, b] = await Promise.all([
        click(supA, { a: 'sv.ext.approve', id: it.id, ext: it.ext }),
        click(supB, { a: 'sv.ext.refuse', id: it.id, ext: it.ext }),
      ]);
      const approved = oneWins(a, b) === 'a';
      const item = await db().supervisionItem.findUniqueOrThrow({ where: { id: it.id } });
      const ext = await db().supervisionExtension.findUniqueOrThrow({ where: { id: it.ext } });
      expect({ round, ext: ext.status, deadline: item.deadline }).toEqual({
        round,
        ext: approved ? 'approved' : 'refused',
        deadline: approved ? '2026-12-31' : '2026-12-18',
      });
      const { texts } = await notices(it.number);
      expect({ round, yes: count(texts, '延期申请已同意'), no: count(texts, '未获同意') }).toEqual({ round, yes: approved ? 2 : 0, no: approved ? 0 : 2 });
      expect((await events(it.id)).filter((k) => k.startsWith('extension_'))).toEqual([approved ? 'extension_approved' : 'extension_refused']);
    }
  }, 120_000);

  // Not exclusive: approved, then closed, is a valid order. Whatever won must show, and nothing else.
  it('同意延期 against 销号', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const it = await itemIn('pending_close', true);
      const [a, b] = await Promise.all([click(supA, { a: 'sv.ext.approve', id: it.id, ext: it.ext }), click(supB, { a: 'sv.close', id: it.id })]);
      const approved = won(a),
        closed = won(b);
      expect({ round, some: approved || closed }).toEqual({ round, some: true });
      const item = await db().supervisionItem.findUniqueOrThrow({ where: { id: it.id } });
      const ext = await db().supervisionExtension.findUniqueOrThrow({ where: { id: it.ext } });
      expect({ round, status: item.status, deadline: item.deadline, ext: ext.status }).toEqual({
        round,
        status: closed ? 'closed' : 'pending_close',
        deadline: approved ? '2026-12-31' : '2026-12-18',
        ext: approved ? 'approved' : 'withdrawn',
      });
      const { texts } = await notices(it.number);
      expect({ round, yes: count(texts, '延期申请已同意'), closed: count(texts, '已审核销号') }).toEqual({
        round,
        yes: approved ? 2 : 0,
        closed: closed ? 2 : 0,
      });
    }
  }, 120_000);

  it('销号 against 退回', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const it = await itemIn('pending_close');
      const [a, b] = await Promise.all([click(supA, { a: 'sv.close', id: it.id }), click(supB, { a: 'sv.refuse.submit', id: it.id }, { reason: '材料不全' })]);
      const closed = oneWins(a, b) === 'a';
      expect({ round, status: (await db().supervisionItem.findUniqueOrThrow({ where: { id: it.id } })).status }).toEqual({
        round,
        status: closed ? 'closed' : 'returned',
      });
      const { texts } = await notices(it.number);
      expect({ round, closed: count(texts, '已审核销号'), refused: count(texts, '被退回') }).toEqual({
        round,
        closed: closed ? 2 : 0,
        refused: closed ? 0 : 2,
      });
    }
  }, 120_000);

  it('销号 against 督办 撤销 (a click and a command)', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const it = await itemIn('pending_close');
      const before = h.fake.textsIn(group).length;
      const [a] = await Promise.all([
        click(supA, { a: 'sv.close', id: it.id }),
        h.fake.userSays({ chatId: group, from: supB, text: `@三办助手 督办 撤销 ${it.number} 已并入其他事项` }),
      ]);
      await h.settle();
      const status = (await db().supervisionItem.findUniqueOrThrow({ where: { id: it.id } })).status;
      const reply = h.fake.textsIn(group).slice(before).join('\n');
      if (a.type === 'success') {
        expect({ round, status }).toEqual({ round, status: 'closed' });
        expect(reply).not.toContain('已撤销 ');
        expect(reply).toMatch(/已办结|刚被他人处理/);
      } else {
        expect({ round, toast: a.type, status }).toEqual({ round, toast: 'warning', status: 'cancelled' });
        expect(reply).toContain(`已撤销 ${it.number}`);
      }
      const { texts } = await notices(it.number);
      expect(count(texts, '已审核销号') + count(texts, '已撤销，理由')).toBe(2);
      expect(count(texts, '已审核销号') === 0 || count(texts, '已撤销，理由') === 0).toBe(true);
    }
  }, 180_000);

  // Not exclusive either (progress, then closure, is a valid order); closure first leaves no room for progress.
  it('反馈进展 against 申请办结', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const it = await itemIn('in_progress');
      const [a, b] = await Promise.all([
        click(liA, { a: 'sv.progress.submit', id: it.id }, { done: '完成方案', percent: '60' }),
        click(liB, { a: 'sv.closure.submit', id: it.id }, { result: '已完工' }),
      ]);
      const progressed = won(a),
        asked = won(b);
      expect({ round, some: progressed || asked }).toEqual({ round, some: true });
      const item = await db().supervisionItem.findUniqueOrThrow({ where: { id: it.id } });
      expect({ round, status: item.status, percent: item.progressPercent, events: await events(it.id) }).toEqual({
        round,
        status: asked ? 'pending_close' : 'in_progress',
        percent: progressed ? 60 : 0,
        events: [...(progressed ? ['progress'] : []), ...(asked ? ['closure_requested'] : [])],
      });
      expect((await notices(it.number)).groupCards).toBe(asked ? 1 : 0);
    }
  }, 120_000);

  it('申请办结 twice, by two liaisons', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const it = await itemIn('in_progress');
      const [a, b] = await Promise.all([
        click(liA, { a: 'sv.closure.submit', id: it.id }, { result: '甲：已完工' }),
        click(liB, { a: 'sv.closure.submit', id: it.id }, { result: '乙：已完工' }),
      ]);
      oneWins(a, b);
      expect({ round, events: await events(it.id), groupCards: (await notices(it.number)).groupCards }).toEqual({
        round,
        events: ['closure_requested'],
        groupCards: 1,
      });
    }
  }, 120_000);

  it('申请延期 twice, by two liaisons: one pending extension', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const it = await itemIn('in_progress');
      const [a, b] = await Promise.all([
        click(liA, { a: 'sv.ext.submit', id: it.id }, { reason: '甲理由', date: '2026-12-30 +0800' }),
        click(liB, { a: 'sv.ext.submit', id: it.id }, { reason: '乙理由', date: '2026-12-31 +0800' }),
      ]);
      oneWins(a, b);
      const pending = await db().supervisionExtension.count({ where: { itemId: it.id, status: 'pending' } });
      expect({ round, pending, groupCards: (await notices(it.number)).groupCards }).toEqual({ round, pending: 1, groupCards: 1 });
    }
  }, 120_000);

  it('签收 twice, by two liaisons', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const it = await itemIn('pending_ack');
      const [a, b] = await Promise.all([click(liA, { a: 'sv.ack', id: it.id }), click(liB, { a: 'sv.ack', id: it.id })]);
      oneWins(a, b);
      expect({ round, events: await events(it.id) }).toEqual({ round, events: ['acknowledged'] });
    }
  }, 120_000);

  it('the loser is shown the item as it now is', async () => {
    const it = await itemIn('in_progress', true);
    const [a, b] = await Promise.all([
      click(supA, { a: 'sv.ext.approve', id: it.id, ext: it.ext }),
      click(supB, { a: 'sv.ext.refuse', id: it.id, ext: it.ext }),
    ]);
    const loser = oneWins(a, b) === 'a' ? b : a;
    expect(loser.content).toMatch(/刚被他人处理|已处理或已撤回/);
    // The host card now shows whichever answer came last; neither leaves 同意/不同意 buttons behind.
    expect(cardText(JSON.parse(h.fake.messages.get(host)!.content))).not.toContain('同意延期');
  });
});
