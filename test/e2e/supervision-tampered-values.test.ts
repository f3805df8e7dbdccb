import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../fakes/clock.js';
import type { FakeUser } from '../../src/local/lark/server.js';
import { testProvider } from '../support/database.js';
import { startHarness, type Harness } from '../support/harness.js';

const STALE = '卡片内容已失效';

/**
 * Card values come from the client (issue 11, A10). A click whose value or form our cards never send —
 * a list where a text belongs, a string where a flag belongs, a 20,000-character id — is answered as a
 * stale card and changes nothing. Before the schemas, `str()` took a list's first element and a wrong
 * flag read as false, so several of these clicks acted.
 */
describe(`tampered card values, on ${testProvider}`, () => {
  const clock = new FixedClock('2026-11-24T10:00:00+08:00'); // Tuesday
  let h: Harness;
  let supervisor: FakeUser, liaison: FakeUser, admin: FakeUser;
  let host: string;
  let unitId = '';
  let seq = 100;
  const db = () => h.app.db.prisma;

  beforeAll(async () => {
    h = await startHarness({ clock, env: { ADMIN_OPEN_IDS: 'ou_admin_first' } });
    admin = h.fake.addUser('系统管理员', { openId: 'ou_admin_first' });
    supervisor = h.fake.addUser('王督查');
    liaison = h.fake.addUser('刘联络');
    const group = h.fake.addChat('督查工作群', [supervisor, liaison]);
    const office = await db().unit.create({ data: { code: 'DCK', name: '督查科' } });
    unitId = (await db().unit.create({ data: { code: 'ZJJ', name: '县住建局' } })).id;
    await db().person.create({ data: { name: supervisor.name, openId: supervisor.openId, unitId: office.id, roles: { create: [{ role: 'supervisor' }] } } });
    await db().person.create({ data: { name: liaison.name, openId: liaison.openId, unitId, roles: { create: [{ role: 'liaison', scope: 'supervision' }] } } });
    await db().chatBinding.create({ data: { chatId: group, purpose: 'supervision' } });
    await h.fake.userSays({ chatId: group, from: supervisor, text: '@三办助手 督办 新建 篡改测试宿主事项 单位:县住建局 期限:10个工作日' });
    await h.settle();
    host = h.fake.cardsIn(group).at(-1)!.messageId;
  }, 60_000);
  afterAll(() => h?.stop());

  /** An item in `status`; `withExtension` adds a pending 延期 request for the decision buttons. */
  async function itemIn(status: string, { withExtension, ...extra }: Record<string, unknown> = {}) {
    seq++;
    const item = await db().supervisionItem.create({
      data: {
        year: 2026,
        seq,
        number: `督〔2026〕${seq}号`,
        content: `篡改事项${seq}`,
        sourceType: 'instruction',
        unitId,
        deadline: '2026-12-18',
        status,
        createdBy: supervisor.openId,
        ...extra,
      },
    });
    const ext = withExtension
      ? await db().supervisionExtension.create({ data: { itemId: item.id, reason: '设备到货延迟', proposedDate: '2026-12-31', requestedBy: liaison.openId } })
      : undefined;
    return { id: item.id, ext: ext?.id ?? '' };
  }

  /** Everything a click could change: the items, their events, extensions, milestones, the outbox. */
  async function state() {
    const [items, events, extensions, outbox] = await Promise.all([
      db().supervisionItem.findMany({ orderBy: { seq: 'asc' } }),
      db().supervisionEvent.count(),
      db().supervisionExtension.findMany({ orderBy: { id: 'asc' } }),
      db().outboxMessage.count(),
    ]);
    return { items, events, extensions, outbox };
  }

  type Case = [
    label: string,
    status: string,
    by: () => FakeUser,
    value: (i: { id: string; ext: string }) => Record<string, unknown>,
    form?: Record<string, unknown> | (() => Record<string, unknown>),
    extra?: Record<string, unknown>,
  ];
  const cases: Case[] = [
    ['签收 with the id in a list', 'pending_ack', () => liaison, (i) => ({ a: 'sv.ack', id: [i.id] })],
    ['签收 with a numeric id', 'pending_ack', () => liaison, () => ({ a: 'sv.ack', id: 12 })],
    ['签收 with an overlong id', 'pending_ack', () => liaison, () => ({ a: 'sv.ack', id: 'x'.repeat(20_000) })],
    ['签收 with a query object as id', 'pending_ack', () => liaison, () => ({ a: 'sv.ack', id: { $ne: null } })],
    [
      '签收 with the id only on __proto__',
      'pending_ack',
      () => liaison,
      (i) => JSON.parse(`{"a":"sv.ack","__proto__":{"id":"${i.id}"}}`) as Record<string, unknown>,
    ],
    ['进展 with the percent in a list', 'in_progress', () => liaison, (i) => ({ a: 'sv.progress.submit', id: i.id }), { done: '完成设计', percent: ['50'] }],
    ['进展 with the work done in a list', 'in_progress', () => liaison, (i) => ({ a: 'sv.progress.submit', id: i.id }), { done: ['完成设计'], percent: '50' }],
    [
      '进展 with a percent that is not a number',
      'in_progress',
      () => liaison,
      (i) => ({ a: 'sv.progress.submit', id: i.id }),
      { done: '完成设计', percent: '五十' },
    ],
    ['延期 with the date in a list', 'in_progress', () => liaison, (i) => ({ a: 'sv.ext.submit', id: i.id }), { reason: '汛期', date: ['2026-12-31 +0800'] }],
    [
      '同意延期 with the extension in a list',
      'in_progress',
      () => supervisor,
      (i) => ({ a: 'sv.ext.approve', id: i.id, ext: [i.ext] }),
      undefined,
      { withExtension: true },
    ],
    ['不同意延期 without the extension', 'in_progress', () => supervisor, (i) => ({ a: 'sv.ext.refuse', id: i.id }), undefined, { withExtension: true }],
    ['办结 with the result in a list', 'in_progress', () => liaison, (i) => ({ a: 'sv.closure.submit', id: i.id }), { result: ['已完工'] }],
    ['退回 with a numeric reason', 'pending_close', () => supervisor, (i) => ({ a: 'sv.refuse.submit', id: i.id }), { reason: 7 }],
    ['销号 with the id in a list', 'pending_close', () => supervisor, (i) => ({ a: 'sv.close', id: [i.id] })],
    [
      '回访 with the answer as text',
      'closed',
      () => liaison,
      (i) => ({ a: 'sv.followup', id: i.id, holds: 'true' }),
      undefined,
      { followUpDays: 10, followUpDate: '2026-11-24', followUpSentAt: new Date('2026-11-24T09:00:00+08:00') },
    ],
    ['进展表单 opened with the id as an object', 'in_progress', () => liaison, (i) => ({ a: 'sv.progress.open', id: { id: i.id } })],
    ['返回 with the id in a list', 'in_progress', () => liaison, (i) => ({ a: 'sv.back', id: [i.id] })],
    [
      '立项 with two units',
      'in_progress',
      () => supervisor,
      () => ({ a: 'sv.create.submit' }),
      () => ({ content: '伪造立项', unit: [unitId, unitId], deadline: '2026-12-18 +0800', source: 'meeting' }),
    ],
  ];

  it.each(cases)('%s: a stale-card toast, nothing changed', async (_label, status, by, value, form, extra) => {
    const item = await itemIn(status, extra);
    const before = await state();
    const r = await h.fake.click({
      messageId: host,
      by: by(),
      value: value(item),
      ...(form ? { formValue: typeof form === 'function' ? form() : form, name: 'submit' } : {}),
    });
    await h.settle();
    expect(r.status).toBe(200);
    const toast = (r.body as { toast?: { type: string; content: string } }).toast;
    expect(toast?.content).toContain(STALE);
    expect(['warning', 'error']).toContain(toast?.type);
    expect(await state()).toEqual(before);
  });

  it('the member card: a 撤销 click with the person in a list is stale, and the role stays', async () => {
    const person = await db().person.findFirstOrThrow({ where: { openId: supervisor.openId } });
    const r = await h.fake.click({ messageId: host, by: admin, value: { a: 'org.revoke', personId: [person.id], role: 'supervisor' } });
    expect((r.body as { toast?: { content: string } }).toast?.content).toContain(STALE);
    expect(await db().roleGrant.count({ where: { personId: person.id, role: 'supervisor' } })).toBe(1);
  });

  it('the same clicks with the values our cards send do act (the cases above are refused for their values alone)', async () => {
    const pending = await itemIn('pending_ack');
    const ack = await h.fake.click({ messageId: host, by: liaison, value: { a: 'sv.ack', id: pending.id } });
    expect(ack.body).toMatchObject({ toast: { type: 'success' } });
    const working = await itemIn('in_progress');
    const progress = await h.fake.click({
      messageId: host,
      by: liaison,
      value: { a: 'sv.progress.submit', id: working.id },
      formValue: { done: '完成设计', percent: '50' },
      name: 'submit',
    });
    expect(progress.body).toMatchObject({ toast: { type: 'success' } });
    await h.settle();
    expect((await db().supervisionItem.findUniqueOrThrow({ where: { id: pending.id } })).status).toBe('in_progress');
    expect((await db().supervisionItem.findUniqueOrThrow({ where: { id: working.id } })).progressPercent).toBe(50);
  });
});
