import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../fakes/clock.js';
import type { FakeUser } from '../../src/local/lark/server.js';
import { fileEdited } from '../../src/local/lark/events.js';
import { buttonValue, cardText } from '../support/cards.js';
import { startHarness } from '../support/harness.js';

/**
 * Reviewer findings on 文稿审核 (issue 12): an edit notification racing the final sign-off, the
 * holder's first click after a reminder, and a non-holder submitting a holder's form empty.
 */
async function setup(clock: FixedClock) {
  const h = await startHarness({ clock });
  const drafter = h.fake.addUser('李文');
  const chief = h.fake.addUser('周科长');
  const vice = h.fake.addUser('卫副主任');
  const director = h.fake.addUser('陈主任');
  const db = h.app.db.prisma;
  const zh = await db.unit.create({ data: { code: 'ZHK', name: '综合科', kind: 'office_section' } });
  const office = await db.unit.create({ data: { code: 'BGS', name: '县政府办公室', kind: 'office_section' } });
  const person = (u: FakeUser, unitId: string, title: string, roles: [string, string][]) =>
    db.person.create({ data: { name: u.name, openId: u.openId, unitId, title, roles: { create: roles.map(([role, scope]) => ({ role, scope })) } } });
  await person(drafter, zh.id, '科员', []);
  await person(chief, zh.id, '科长', [['section_chief', '']]);
  await person(vice, office.id, '副主任', [['director', `unit:${zh.id}`]]);
  await person(director, office.id, '办公室主任', [['director', '']]);
  const doc = h.fake.addDocument({ title: '通知', text: '一、提高认识', owner: drafter });
  const dm = (u: FakeUser) => h.fake.p2pChatId(u.openId);
  const current = (id: string) => JSON.parse(h.fake.messages.get(id)!.content) as Record<string, unknown>;
  const holderCard = (u: FakeUser) =>
    h.fake
      .cardsIn(dm(u))
      .filter((c) => cardText(c.card).includes('请审核'))
      .at(-1)!;
  const say = async (u: FakeUser, text: string) => {
    await h.fake.userSays({ chatId: dm(u), from: u, text, p2p: true });
    await h.settle();
    return h.fake.textsIn(dm(u)).at(-1) ?? '';
  };
  const approve = async (u: FakeUser) => {
    const id = holderCard(u).messageId;
    const r = await h.fake.click({ messageId: id, by: u, value: buttonValue(current(id), '通过') });
    await h.settle();
    return r.body as { toast?: { type: string; content: string } };
  };
  return { h, drafter, chief, vice, director, doc, dm, current, holderCard, say, approve };
}

describe('文稿审核 fixes: edit racing the final sign-off', () => {
  const clock = new FixedClock('2026-12-02T09:00:00+08:00');
  let t: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => (t = await setup(clock)));
  afterAll(() => t?.h.stop());

  it('an edit read in flight when 主任 signs does not void the approved chain; it is recorded and told', async () => {
    const { h, drafter, chief, vice, director, doc, dm } = t;
    expect(await t.say(drafter, `审核 提交 关于冬季安全的通知 ${doc.url}`)).toContain('已送');
    expect((await t.approve(chief)).toast?.type).toBe('success');
    expect((await t.approve(vice)).toast?.type).toBe('success');
    // Hold the edit listener inside its document read (after its status check passed: 审核中).
    const proto = Object.getPrototypeOf(h.app.documents) as { getDocument: (this: unknown, token: string) => Promise<unknown> };
    const orig = proto.getDocument;
    let armed = true;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let reached!: () => void;
    const atGate = new Promise<void>((r) => (reached = r));
    proto.getDocument = async function (this: unknown, token: string) {
      if (armed) {
        armed = false;
        reached();
        await gate;
      }
      return orig.call(this, token);
    };
    try {
      const env = fileEdited((h.fake as unknown as { envelope: never }).envelope, {
        fileToken: doc.token,
        fileType: 'docx',
        operatorOpenIds: [drafter.openId],
      });
      const pushed = h.fake.push(env, 'event').catch(() => undefined);
      await atGate;
      // No settle here: the held edit listener is part of what settle waits for.
      const fid = t.holderCard(director).messageId;
      const fin = await h.fake.click({ messageId: fid, by: director, value: buttonValue(t.current(fid), '通过') });
      expect((fin.body as { toast: { type: string } }).toast.type).toBe('success');
      (h.fake as unknown as { docs: { edit: (t: string, by: string, text: string) => void } }).docs.edit(
        doc.token,
        drafter.openId,
        '一、提高认识\n二、新增一段',
      );
      release();
      await pushed;
      await new Promise((r) => setTimeout(r, 500));
      await h.settle();
    } finally {
      proto.getDocument = orig;
    }
    const p = h.app.db.prisma;
    const d = await p.reviewDraft.findFirstOrThrow();
    expect(d.status).toBe('approved');
    expect(d.revision).toBe(1);
    const steps = await p.reviewStep.findMany({ orderBy: { position: 'asc' } });
    expect(steps.map((s) => s.status)).toEqual(['approved', 'approved', 'approved']);
    const events = await p.reviewEvent.findMany({ orderBy: [{ at: 'asc' }, { id: 'asc' }] });
    expect(events.map((e) => e.kind)).not.toContain('voided');
    expect(events.find((e) => e.kind === 'edited_after_close')?.text).toBe('文稿于审核完成后被修改（第2版）');
    expect(h.fake.cardsIn(dm(chief)).filter((c) => cardText(c.card).includes('请重新确认'))).toHaveLength(0);
    expect(h.fake.textsIn(dm(drafter)).join('\n')).toContain('审核完成后，文稿又被修改（现为第2版');
    const chain = h.fake.cardsIn(dm(drafter)).find((c) => cardText(c.card).includes('文稿审核 ·'))!;
    expect(cardText(t.current(chain.messageId))).toContain('与审核通过的第1版不一致');
    // The same edit noticed again is not recorded twice.
    await h.fake.push(
      fileEdited((h.fake as unknown as { envelope: never }).envelope, { fileToken: doc.token, fileType: 'docx', operatorOpenIds: [drafter.openId] }),
      'event',
    );
    await h.settle();
    expect(await p.reviewEvent.count({ where: { kind: 'edited_after_close' } })).toBe(1);
  });
});

describe('文稿审核 fixes: reminders and strangers', () => {
  const clock = new FixedClock('2026-12-02T09:00:00+08:00');
  let t: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => (t = await setup(clock)));
  afterAll(() => t?.h.stop());

  it("a reminder does not invalidate the holder's card: the first click after it acts", async () => {
    const { h, drafter, chief, doc, dm } = t;
    expect(await t.say(drafter, `审核 提交 关于冬季安全的通知 ${doc.url} 特急`)).toContain('已送');
    const card = t.holderCard(chief);
    clock.set('2026-12-02T15:35:00+08:00');
    await h.app.scheduler.tick(clock.now(), new Date(clock.now().getTime() - 60_000));
    await h.settle();
    expect(h.fake.textsIn(dm(chief)).join('\n')).toContain('文稿审核提醒');
    expect((await h.app.db.prisma.reviewStep.findFirstOrThrow({ where: { openId: chief.openId } })).remindedRank).toBeGreaterThan(0);
    const r = await h.fake.click({ messageId: card.messageId, by: chief, value: buttonValue(t.current(card.messageId), '通过') });
    await h.settle();
    expect((r.body as { toast?: { type: string } }).toast?.type).toBe('success');
  });

  it('a stranger submitting an empty 转交 or 退回 form is refused as on a forwarded card, and gets no form', async () => {
    const { h, chief, vice } = t;
    const stranger = h.fake.addUser('路人甲');
    const card = t.holderCard(vice) ?? t.holderCard(chief);
    const v = buttonValue(t.current(card.messageId), '转交') as Record<string, unknown>;
    const before = await h.app.db.prisma.reviewEvent.count();
    const forwarded = await h.fake.click({ messageId: card.messageId, by: stranger, value: buttonValue(t.current(card.messageId), '通过') });
    const refusal = (forwarded.body as { toast: { content: string } }).toast.content;
    expect(refusal).toContain('仅限');
    for (const [a, formValue] of [
      ['rv.transfer.submit', { to: '', reason: '' }],
      ['rv.return.submit', { comment: '' }],
      ['rv.add.submit', { person: '', label: '' }],
    ] as const) {
      const r = await h.fake.click({ messageId: card.messageId, by: stranger, value: { ...v, a }, formValue, name: 'submit' });
      await h.settle();
      const body = r.body as { toast?: { content: string }; card?: unknown };
      expect(body.toast?.content, a).toBe(refusal);
      expect(body.card, a).toBeUndefined();
    }
    expect(await h.app.db.prisma.reviewEvent.count()).toBe(before);
  });
});

describe('文稿审核 fixes: a document that can no longer be read', () => {
  const clock = new FixedClock('2026-12-02T09:00:00+08:00');
  let t: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => (t = await setup(clock)));
  afterAll(() => t?.h.stop());

  it('通过 is refused in words for the reviewer; 退回 still works and records that the revision could not be read', async () => {
    const { h, drafter, chief, doc } = t;
    expect(await t.say(drafter, `审核 提交 关于冬季安全的通知 ${doc.url}`)).toContain('已送');
    h.fake.document(doc.token)!.botCanRead = false;
    const refused = await t.approve(chief);
    expect(refused.toast?.type).toBe('warning');
    expect(refused.toast?.content).toBe('助手已无法读取该文档（可能已被移除应用权限），请联系起草人恢复权限，或退回修改。');
    const card = t.holderCard(chief);
    const v = buttonValue(t.current(card.messageId), '转交') as Record<string, unknown>;
    const r = await h.fake.click({
      messageId: card.messageId,
      by: chief,
      value: { ...v, a: 'rv.return.submit' },
      formValue: { comment: '请补充第三部分' },
      name: 'submit',
    });
    await h.settle();
    expect((r.body as { toast?: { type: string } }).toast?.type).toBe('success');
    const p = h.app.db.prisma;
    expect((await p.reviewDraft.findFirstOrThrow()).status).toBe('returned');
    const ret = await p.reviewEvent.findFirstOrThrow({ where: { kind: 'return' } });
    expect(ret.text).toContain('文稿已无法读取，按第1版记录');
    expect(JSON.parse(ret.data).revisionUnread).toBe(true);
  });
});

describe('文稿审核 fixes: 转交 targets', () => {
  const clock = new FixedClock('2026-12-02T09:00:00+08:00');
  let t: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => (t = await setup(clock)));
  afterAll(() => t?.h.stop());

  it('转交 does not offer, nor accept, a person who already holds another level of this chain', async () => {
    const { h, drafter, chief, doc } = t;
    const db = h.app.db.prisma;
    const wu = h.fake.addUser('吴副科长');
    const zh = await db.unit.findFirstOrThrow({ where: { code: 'ZHK' } });
    const wuRow = await db.person.create({
      data: { name: wu.name, openId: wu.openId, unitId: zh.id, title: '副科长', roles: { create: [{ role: 'section_chief', scope: '' }] } },
    });
    expect(await t.say(drafter, `审核 提交 关于冬季安全的通知 ${doc.url}`)).toContain('已送');
    let card = t.holderCard(chief);
    const add = buttonValue(t.current(card.messageId), '加签') as Record<string, unknown>;
    const added = await h.fake.click({
      messageId: card.messageId,
      by: chief,
      value: { ...add, a: 'rv.add.submit' },
      formValue: { person: '吴副科长', label: '' },
      name: 'submit',
    });
    await h.settle();
    expect((added.body as { toast?: { type: string } }).toast?.type).toBe('success');
    card = t.holderCard(chief);
    const v = buttonValue(t.current(card.messageId), '转交') as Record<string, unknown>;
    const form = await h.fake.click({ messageId: card.messageId, by: chief, value: { ...v, a: 'rv.transfer.open' } });
    expect(cardText((form.body as { card: unknown }).card)).not.toContain('吴副科长');
    const r = await h.fake.click({
      messageId: card.messageId,
      by: chief,
      value: { ...v, a: 'rv.transfer.submit' },
      formValue: { to: wuRow.id, reason: '出差' },
      name: 'submit',
    });
    await h.settle();
    expect((r.body as { toast?: { content: string } }).toast?.content).toContain('所选人员不能承担');
    expect((await db.reviewStep.findFirstOrThrow({ where: { label: '科长' } })).openId).toBe(chief.openId);
  });
});

describe('文稿审核 fixes: an edit recorded between a sign-off’s read and its write', () => {
  const clock = new FixedClock('2026-12-02T09:00:00+08:00');
  let t: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => (t = await setup(clock)));
  afterAll(() => t?.h.stop());

  it('通过 never signs a revision the act did not read: it is refused, the move recorded, and the holder signs the new one', async () => {
    const { h, drafter, chief, vice, doc } = t;
    const p = h.app.db.prisma;
    expect(await t.say(drafter, `审核 提交 关于冬季安全的通知 ${doc.url}`)).toContain('已送');
    expect((await t.approve(chief)).toast?.type).toBe('success');
    // The 分管副主任's act reads the document (revision 1); right after its last read, the drafter edits and
    // the edit event records revision 2 (voiding the 科长) — before the act's transaction begins.
    const proto = Object.getPrototypeOf(h.app.documents) as { getDocument: (this: unknown, token: string) => Promise<unknown> };
    const orig = proto.getDocument;
    let calls = 0;
    proto.getDocument = async function (this: unknown, token: string) {
      const result = await orig.call(this, token);
      if (++calls === 3) {
        (h.fake as unknown as { docs: { edit: (t: string, by: string, text: string) => void } }).docs.edit(
          doc.token,
          drafter.openId,
          '一、提高认识\n二、新增一段',
        );
        await h.fake.push(
          fileEdited((h.fake as unknown as { envelope: never }).envelope, { fileToken: doc.token, fileType: 'docx', operatorOpenIds: [drafter.openId] }),
          'event',
        );
        for (let i = 0; i < 250 && (await p.reviewDraft.findFirstOrThrow()).revision !== 2; i++) await new Promise((r) => setTimeout(r, 20));
      }
      return result;
    };
    let answer: { toast?: { type: string; content: string } };
    try {
      answer = await t.approve(vice);
    } finally {
      proto.getDocument = orig;
    }
    expect(answer.toast?.content).toContain('文稿刚有修改（现为第2版）');
    const steps = () => p.reviewStep.findMany({ orderBy: { position: 'asc' } });
    expect((await steps()).map((s) => [s.status, s.revision])).toEqual([
      ['voided', 1],
      ['current', null],
      ['waiting', null],
    ]);
    // The holder looks again (the card now shows 第2版) and signs revision 2.
    expect((await t.approve(vice)).toast?.type).toBe('success');
    expect((await steps()).map((s) => [s.status, s.revision])).toEqual([
      ['voided', 1],
      ['approved', 2],
      ['current', null],
    ]);
  });
});
