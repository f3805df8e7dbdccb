import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeUser } from '../../src/local/lark/server.js';
import { rungKey, URGENT_ESCALATE, URGENT_REMIND } from '../../src/features/briefs/urgent/domain/clock.js';
import { FixedClock } from '../fakes/clock.js';
import { buttonLabels, buttonValue, cardText } from '../support/cards.js';
import { caughtUp } from '../support/caught-up.js';
import { startHarness, type Harness } from '../support/harness.js';

const at = (s: string) => new Date(`${s}+08:00`);

/**
 * 急情要事 end to end through the real SDK: a county office with a 城关镇 liaison, two editors (信息科), the
 * office director and the day's duty leader on the 值班表, and a stranger. Tuesday 2026-12-01.
 */
describe('政务信息 急情要事: sent at once, six elements asked back, the 3-hour clock, 续报', () => {
  let h: Harness;
  let u: Record<'liaison' | 'editor' | 'editor2' | 'director' | 'leader' | 'stranger', FakeUser>;
  const dm = (x: FakeUser) => h.fake.p2pChatId(x.openId);
  const cards = (x: FakeUser) => h.fake.cardsIn(dm(x));
  const texts = (x: FakeUser) => h.fake.textsIn(dm(x));
  const say = async (x: FakeUser, text: string) => {
    await h.fake.userSays({ chatId: dm(x), from: x, text, p2p: true });
    await h.settle();
  };

  beforeAll(async () => {
    h = await startHarness({ clock: new FixedClock(at('2026-12-01T16:05:00')) });
    await caughtUp(h);
    const db = h.app.db.prisma;
    u = {
      liaison: h.fake.addUser('周联络员'),
      editor: h.fake.addUser('吴编辑'),
      editor2: h.fake.addUser('郑编辑'),
      director: h.fake.addUser('张主任'),
      leader: h.fake.addUser('李县长'),
      stranger: h.fake.addUser('钱干部'),
    };
    const town = await db.unit.create({ data: { code: 'CGZ', name: '城关镇', kind: 'town' } });
    const office = await db.unit.create({ data: { code: 'BGS', name: '县政府办公室' } });
    const person = (x: FakeUser, unitId: string, roles: { role: string; scope?: string }[]) =>
      db.person.create({ data: { name: x.name, openId: x.openId, unitId, roles: { create: roles } } });
    await person(u.liaison, town.id, [{ role: 'liaison', scope: 'info' }]);
    await person(u.editor, office.id, [{ role: 'editor' }]);
    await person(u.editor2, office.id, [{ role: 'editor' }]);
    await person(u.director, office.id, [{ role: 'director' }]);
    await person(u.leader, office.id, [{ role: 'leader' }]);
    await person(u.stranger, town.id, []);
    await db.dutyRoster.create({ data: { date: '2026-12-01', leaderName: '李县长', staff: '王干事', phone: '0000-1234567', createdBy: 'seed' } });
  });
  afterAll(() => h?.stop());

  it('an urgent note missing two elements: the editors and the duty leader get it at once, buzzed; the reporter is asked for the two', async () => {
    await say(u.liaison, '信息 急报 今天16时，城关镇东关村一民房发生火灾，县消防救援大队已赶赴现场处置。');
    expect(texts(u.liaison).at(-1)).toBe('急情要事信〔2026〕1号已报送，并已立即送信息科和值班领导。');

    const asked = cards(u.liaison).at(-1)!;
    expect(cardText(asked)).toContain('还缺少以下要素**：影响范围、初步原因。');
    expect(cardText(asked)).toContain('信息 续报 信〔2026〕1号');

    for (const e of [u.editor, u.editor2]) {
      const [alert] = cards(e);
      expect(cardText(alert!.card)).toContain('急情要事 信〔2026〕1号');
      expect(cardText(alert!.card)).toContain('**事发时间**：12月1日 16:00');
      expect(cardText(alert!.card)).toContain('缺2项');
      expect(buttonLabels(alert!.card)).toEqual(['已报送领导']);
    }
    const [leaderAlert] = cards(u.leader);
    expect(cardText(leaderAlert!.card)).toContain('请值班领导知悉');
    expect(buttonLabels(leaderAlert!.card)).toEqual([]);
    expect(cards(u.director)).toHaveLength(0);
    expect(cards(u.stranger)).toHaveLength(0);

    // The buzz is due at once: the next minute's run buzzes each alert the bot sent, once per person.
    expect((await h.app.scheduler.runDue(h.clock.now()))['timers.fire']).toBe('ran');
    await h.settle();
    const buzzed = h.fake.buzzes.map((b) => b.openIds).flat();
    expect(buzzed.sort()).toEqual([u.editor.openId, u.editor2.openId, u.leader.openId].sort());
    expect(h.fake.buzzes.every((b) => b.invalidOpenIds.length === 0)).toBe(true);
    expect(h.fake.buzzes.map((b) => b.messageId).sort()).toEqual(
      [cards(u.editor)[0]!.messageId, cards(u.editor2)[0]!.messageId, leaderAlert!.messageId].sort(),
    );
  });

  it('a reply to the question card adds to the elements: the cards are updated in place, the replier told what is still missing; a stranger may not', async () => {
    const asked = cards(u.liaison).at(-1)!;
    const editorCard = cards(u.editor)[0]!;
    await h.fake.userSays({ chatId: dm(u.stranger), from: u.stranger, text: '经核实，无人员伤亡。', p2p: true, parentId: asked.messageId });
    await h.settle();
    expect(texts(u.stranger).at(-1)).toContain('只有报送人、本单位信息联络员或信息编辑可以补充急情要事信〔2026〕1号');

    await h.fake.userSays({ chatId: dm(u.liaison), from: u.liaison, text: '经核实，此次火灾无人员伤亡。', p2p: true, parentId: asked.messageId });
    await h.settle();
    expect(texts(u.liaison).at(-1)).toBe('已补充到急情要事信〔2026〕1号。仍缺少：初步原因。请核实后继续回复该卡片补充。');
    const db = h.app.db.prisma;
    const first = await db.infoNote.findFirstOrThrow({ where: { number: '信〔2026〕1号' } });
    expect(JSON.parse(first.elements)).toMatchObject({ 影响范围: { present: true }, 初步原因: { present: false } });
    expect(await db.infoNote.count()).toBe(1);
    // In place: the same messages, now saying so.
    const updated = cards(u.editor).find((c) => c.messageId === editorCard.messageId)!;
    expect(cards(u.editor)).toHaveLength(1);
    expect(cardText(updated.card)).toContain('**回复补充**（1条）');
    expect(cardText(updated.card)).toContain('周联络员　16:05');
    expect(cardText(updated.card)).toContain('缺1项');
    expect(cardText(cards(u.liaison).find((c) => c.messageId === asked.messageId)!.card)).toContain('还缺少以下要素**：初步原因。');

    // An editor may add what a telephone call told them, replying to their own alert.
    await h.fake.userSays({ chatId: dm(u.editor), from: u.editor, text: '电话核实：过火面积约30平方米。', p2p: true, parentId: editorCard.messageId });
    await h.settle();
    expect(texts(u.editor).at(-1)).toContain('仍缺少：初步原因');
    expect(cardText(cards(u.editor)[0]!.card)).toContain('**回复补充**（2条）');
  });

  it('a 续报 is linked to the first report and fills the missing elements; the first card lists it', async () => {
    h.clock.set(at('2026-12-01T16:40:00'));
    await say(u.liaison, '信息 续报 信〔2026〕1号 经核实，此次火灾无人员伤亡，起火原因系电线老化。');
    expect(texts(u.liaison).at(-1)).toBe('续报信〔2026〕2号已报送，已并入急情要事信〔2026〕1号。');
    const db = h.app.db.prisma;
    const first = await db.infoNote.findFirstOrThrow({ where: { number: '信〔2026〕1号' } });
    const follow = await db.infoNote.findFirstOrThrow({ where: { number: '信〔2026〕2号' } });
    expect(follow.parentNoteId).toBe(first.id);
    expect(JSON.parse(first.elements)).toMatchObject({ 影响范围: { present: true }, 初步原因: { present: true } });

    const editorCard = cards(u.editor)[0]!.card;
    expect(cardText(editorCard)).toContain('**续报**（1次）');
    expect(cardText(editorCard)).toContain('1. 信〔2026〕2号　16:40');
    expect(cardText(editorCard)).toContain('六要素**（齐全）');
    expect(cardText(cards(u.liaison).at(-1)!.card)).toContain('已齐全');

    await say(u.liaison, '信息 续报 火势已于17时扑灭，现场已清理。');
    const again = cards(u.editor)[0]!.card;
    expect(cardText(again)).toContain('**续报**（2次）');
    expect(cardText(again).indexOf('信〔2026〕2号')).toBeLessThan(cardText(again).indexOf('信〔2026〕3号'));
    expect((await db.infoNote.findFirstOrThrow({ where: { number: '信〔2026〕3号' } })).parentNoteId).toBe(first.id);
  });

  it('a stranger cannot click 已报送领导 (checked against their roles, not the card)', async () => {
    const alert = cards(u.editor)[0]!;
    const r = await h.fake.click({ messageId: alert.messageId, by: u.stranger, value: buttonValue(alert.card, '已报送领导') });
    expect(r.body).toMatchObject({ toast: { type: 'error' } });
    expect(JSON.stringify(r.body)).toContain('信息编辑');
    await h.settle();
    expect((await h.app.db.prisma.infoNote.findFirstOrThrow({ where: { number: '信〔2026〕1号' } })).sentToLeadersAt).toBeNull();
  });

  it('the clock runs in clock time across 17:30: the editors at 18:00, the office director at 19:00', async () => {
    const from = h.clock.now();
    await h.app.scheduler.runBetween(from, at('2026-12-01T17:59:00'), (t) => h.clock.set(t));
    await h.settle();
    expect(texts(u.editor).filter((t) => t.includes('急情要事提醒'))).toHaveLength(0);

    await h.app.scheduler.runBetween(h.clock.now(), at('2026-12-01T18:00:00'), (t) => h.clock.set(t));
    await h.settle();
    const reminder = texts(u.editor).filter((t) => t.includes('急情要事提醒'));
    expect(reminder).toHaveLength(1);
    expect(reminder[0]).toContain('信〔2026〕1号（城关镇：今天16时，城关镇东关村一民房发生火灾');
    expect(reminder[0]).toContain('事发于12月1日 16:00，已过2小时，尚未报送领导。');
    expect(reminder[0]).toContain('请于19:00前报送领导');
    expect(texts(u.editor2).filter((t) => t.includes('急情要事提醒'))).toHaveLength(1);
    expect(texts(u.director)).toHaveLength(0);

    await h.app.scheduler.runBetween(h.clock.now(), at('2026-12-01T19:30:00'), (t) => h.clock.set(t));
    await h.settle();
    const told = texts(u.director);
    expect(told).toHaveLength(1);
    expect(told[0]).toContain('【急情要事超时】信〔2026〕1号');
    expect(told[0]).toContain('已满3小时，信息科仍未报送领导');
    expect(told[0]).toContain('吴编辑');
    const note = await h.app.db.prisma.infoNote.findFirstOrThrow({ where: { number: '信〔2026〕1号' } });
    expect(note.remindedAt).toEqual(at('2026-12-01T18:00:00'));
    expect(note.escalatedAt).toEqual(at('2026-12-01T19:00:00'));
  });

  it('an editor’s 已报送领导 stops the clock: a second matter sent within the hour is never reminded; a second click records nothing new', async () => {
    h.clock.set(at('2026-12-01T20:00:00'));
    await say(u.liaison, '信息 急报 今天19时50分，东关村一化工仓库发生泄漏，已疏散周边群众，暂无人员伤亡，初步判断系阀门老化。');
    const alert = cards(u.editor).at(-1)!;
    expect(cardText(alert.card)).toContain('信〔2026〕4号');
    h.clock.set(at('2026-12-01T20:20:00'));
    const r = await h.fake.click({ messageId: alert.messageId, by: u.editor, value: buttonValue(alert.card, '已报送领导') });
    expect(r.body).toMatchObject({ toast: { type: 'success', content: '已记录：信〔2026〕4号已报送领导。' } });
    await h.settle();
    // The other editor's card says so, without the button.
    const other = cards(u.editor2).at(-1)!;
    expect(cardText(other.card)).toContain('已报送领导（吴编辑，20:20）');
    expect(buttonLabels(other.card)).toEqual([]);
    const late = await h.fake.click({ messageId: other.messageId, by: u.editor2, value: { a: 'brf.urg.sent', ...buttonValue(alert.card, '已报送领导') } });
    expect(late.body).toMatchObject({ toast: { type: 'info' } });

    const remindersBefore = texts(u.editor).filter((t) => t.includes('急情要事提醒')).length;
    await h.app.scheduler.runBetween(h.clock.now(), at('2026-12-01T23:30:00'), (t) => h.clock.set(t));
    await h.settle();
    expect(texts(u.editor).filter((t) => t.includes('急情要事提醒'))).toHaveLength(remindersBefore);
    expect(texts(u.director)).toHaveLength(1);
    const note = await h.app.db.prisma.infoNote.findFirstOrThrow({ where: { number: '信〔2026〕4号' } });
    expect(note.sentToLeadersAt).toEqual(at('2026-12-01T20:20:00'));
    expect(note.remindedAt).toBeNull();
    expect((await h.app.timers.get(rungKey(URGENT_REMIND, note.id, note.eventAt!)))!.cancelledAt).not.toBeNull();
  });

  it('急报 goes through the notes part: one number series, the unit’s day 已报送, the marks and the sensitive-word flag', async () => {
    const db = h.app.db.prisma;
    const town = await db.unit.findFirstOrThrow({ where: { code: 'CGZ' } });
    expect(await db.infoDayStatus.findUnique({ where: { unitId_date: { unitId: town.id, date: '2026-12-01' } } })).toMatchObject({ status: 'reported' });
    await db.infoWordList.create({ data: { name: 'sensitive', words: '机密', updatedBy: 'seed' } });
    await say(u.liaison, '信息 急报 内部 今天23时，城关镇一机密档案库房发生漏水，已组织转移档案。');
    const note = await db.infoNote.findFirstOrThrow({ where: { number: '信〔2026〕5号' } });
    expect(note).toMatchObject({ urgent: true, internal: true, sensitive: true, sensitiveWords: '["机密"]', declaredKind: '急情要事' });
    expect(note.body.startsWith('今天23时')).toBe(true);
    await say(u.liaison, '信息 续报 信〔2026〕5号 经核实，机密档案无损毁。');
    const follow = await db.infoNote.findFirstOrThrow({ where: { number: '信〔2026〕6号' } });
    expect(follow).toMatchObject({ parentNoteId: note.id, urgent: true, sensitive: true });
    expect(follow.urgentSentAt).not.toBeNull();
  });

  it('the reporter corrects the event time: the 2 h and 3 h rungs move to the new time (old ones cancelled), the card shows the new deadline', async () => {
    const db = h.app.db.prisma;
    h.clock.set(at('2026-12-01T23:40:00'));
    await say(u.liaison, '信息 急报 今天23时30分，城关镇西街一商铺发生火灾，已组织扑救。');
    const first = await db.infoNote.findFirstOrThrow({ where: { number: '信〔2026〕7号' } });
    expect(first.eventAt).toEqual(at('2026-12-01T23:30:00'));
    const alert = () => cards(u.editor).find((c) => cardText(c.card).includes('急情要事 信〔2026〕7号'))!;
    expect(cardText(alert().card)).toContain('12月2日 02:30前');

    h.clock.set(at('2026-12-01T23:45:00'));
    await say(u.liaison, '信息 修改 信〔2026〕7号 今天22时10分，城关镇西街一商铺发生火灾，已组织扑救。');
    const moved = await db.infoNote.findFirstOrThrow({ where: { id: first.id } });
    expect(moved.eventAt).toEqual(at('2026-12-01T22:10:00'));
    expect(cardText(alert().card)).toContain('**事发时间**：12月1日 22:10');
    expect(cardText(alert().card)).toContain('12月2日 01:10前');
    for (const [kind, start] of [
      [URGENT_REMIND, first.eventAt!],
      [URGENT_ESCALATE, first.eventAt!],
    ] as const)
      expect((await h.app.timers.get(rungKey(kind, first.id, start)))!.cancelledAt).toEqual(at('2026-12-01T23:45:00'));
    expect((await h.app.timers.get(rungKey(URGENT_REMIND, first.id, moved.eventAt!)))!.dueAt).toEqual(at('2026-12-02T00:10:00'));

    const about = (x: FakeUser) => texts(x).filter((t) => t.includes('信〔2026〕7号'));
    await h.app.scheduler.runBetween(h.clock.now(), at('2026-12-02T00:09:00'), (t) => h.clock.set(t));
    await h.settle();
    expect(about(u.editor).filter((t) => t.includes('急情要事提醒'))).toHaveLength(0);
    await h.app.scheduler.runBetween(h.clock.now(), at('2026-12-02T00:10:00'), (t) => h.clock.set(t));
    await h.settle();
    expect(about(u.editor).filter((t) => t.includes('急情要事提醒'))).toHaveLength(1);
    await h.app.scheduler.runBetween(h.clock.now(), at('2026-12-02T02:40:00'), (t) => h.clock.set(t));
    await h.settle();
    expect(about(u.editor).filter((t) => t.includes('急情要事提醒'))).toHaveLength(1);
    expect(about(u.director)).toHaveLength(1);
    expect((await db.infoNote.findFirstOrThrow({ where: { id: first.id } })).escalatedAt).toEqual(at('2026-12-02T01:10:00'));
  });
});

/** No 值班表 for the day: the leaders BRIEFS_URGENT_LEADERS names (by title here), and when none is found, a clear word. */
describe('政务信息 急情要事 without a duty roster: the configured leaders, else the editors and the director are told no leader was reached', () => {
  let h: Harness;
  let u: Record<'liaison' | 'editor' | 'director' | 'deputy' | 'other', FakeUser>;
  const dm = (x: FakeUser) => h.fake.p2pChatId(x.openId);
  const say = async (x: FakeUser, text: string) => {
    await h.fake.userSays({ chatId: dm(x), from: x, text, p2p: true });
    await h.settle();
  };

  beforeAll(async () => {
    h = await startHarness({ clock: new FixedClock(at('2026-12-02T10:00:00')), env: { BRIEFS_URGENT_LEADERS: '常务副县长' } });
    await caughtUp(h);
    const db = h.app.db.prisma;
    u = {
      liaison: h.fake.addUser('周联络员'),
      editor: h.fake.addUser('吴编辑'),
      director: h.fake.addUser('张主任'),
      deputy: h.fake.addUser('陈副县长'),
      other: h.fake.addUser('李县长'),
    };
    const town = await db.unit.create({ data: { code: 'CGZ', name: '城关镇', kind: 'town' } });
    const office = await db.unit.create({ data: { code: 'BGS', name: '县政府办公室' } });
    const person = (x: FakeUser, unitId: string, roles: { role: string; scope?: string }[], title = '') =>
      db.person.create({ data: { name: x.name, openId: x.openId, unitId, title, roles: { create: roles } } });
    await person(u.liaison, town.id, [{ role: 'liaison', scope: 'info' }]);
    await person(u.editor, office.id, [{ role: 'editor' }]);
    await person(u.director, office.id, [{ role: 'director' }]);
    await person(u.deputy, office.id, [{ role: 'leader' }], '常务副县长');
    await person(u.other, office.id, [{ role: 'leader' }], '县长');
  });
  afterAll(() => h?.stop());

  it('the configured leader (by title) gets the alert; no one is told that no leader was reached', async () => {
    await say(u.liaison, '信息 急报 今天9时40分，城关镇东关村一民房发生火灾，已组织扑救。');
    const [alert] = h.fake.cardsIn(dm(u.deputy));
    expect(cardText(alert!.card)).toContain('请值班领导知悉');
    expect(h.fake.cardsIn(dm(u.other))).toHaveLength(0);
    expect(h.fake.textsIn(dm(u.editor)).filter((t) => t.includes('未送达领导'))).toHaveLength(0);
  });

  it('nobody configured is found and no roster: the editors and the office director are told plainly, the note says so', async () => {
    const db = h.app.db.prisma;
    await db.person.updateMany({ where: { openId: u.deputy.openId }, data: { active: false } });
    h.clock.set(at('2026-12-02T10:30:00'));
    await say(u.liaison, '信息 急报 今天10时20分，城关镇西街发生交通事故，已组织救援。');
    for (const x of [u.editor, u.director]) {
      const told = h.fake.textsIn(dm(x)).filter((t) => t.includes('【急情要事未送达领导】信〔2026〕2号'));
      expect(told).toHaveLength(1);
      expect(told[0]).toContain('该急情要事未送达任何领导');
    }
    expect(h.fake.cardsIn(dm(u.deputy))).toHaveLength(1);
    expect(h.fake.cardsIn(dm(u.other))).toHaveLength(0);
    const note = await db.infoNote.findFirstOrThrow({ where: { number: '信〔2026〕2号' } });
    const sent = await db.infoEvent.findFirstOrThrow({ where: { objectId: note.id, kind: 'urgent_send' } });
    expect(sent.text).toContain('未送达任何领导');
  });
});

describe('政务信息 notes carry pictures and files: after one’s note, or in reply to it; never to a model', () => {
  let h: Harness;
  let u: Record<'liaison' | 'editor' | 'other', FakeUser>;
  const dm = (x: FakeUser) => h.fake.p2pChatId(x.openId);
  const group = 'oc_info_group';

  beforeAll(async () => {
    h = await startHarness({ clock: new FixedClock(at('2026-12-02T10:00:00')) });
    await caughtUp(h);
    const db = h.app.db.prisma;
    u = { liaison: h.fake.addUser('周联络员'), editor: h.fake.addUser('吴编辑'), other: h.fake.addUser('钱联络员') };
    const town = await db.unit.create({ data: { code: 'CGZ', name: '城关镇', kind: 'town' } });
    const office = await db.unit.create({ data: { code: 'BGS', name: '县政府办公室' } });
    await db.person.create({
      data: { name: u.liaison.name, openId: u.liaison.openId, unitId: town.id, roles: { create: [{ role: 'liaison', scope: 'info' }] } },
    });
    await db.person.create({ data: { name: u.other.name, openId: u.other.openId, unitId: town.id, roles: { create: [{ role: 'liaison', scope: 'info' }] } } });
    await db.person.create({ data: { name: u.editor.name, openId: u.editor.openId, unitId: office.id, roles: { create: [{ role: 'editor' }] } } });
    await db.chatBinding.create({ data: { chatId: group, purpose: 'info', createdBy: 'seed' } });
  });
  afterAll(() => h?.stop());

  it('a picture right after one’s urgent note attaches to it and is listed on the editors’ card', async () => {
    await h.fake.userSays({ chatId: dm(u.liaison), from: u.liaison, text: '信息 急报 今天9时40分，城关镇东关村一民房发生火灾，已组织扑救。', p2p: true });
    await h.settle();
    const { imageKey } = await h.fake.userSendsImage({ chatId: dm(u.liaison), from: u.liaison });
    await h.settle();
    expect(h.fake.textsIn(dm(u.liaison)).at(-1)).toBe('已将图片附到信〔2026〕1号（共1个附件）。');
    const note = await h.app.db.prisma.infoNote.findFirstOrThrow({ where: { number: '信〔2026〕1号' } });
    expect(JSON.parse(note.attachments)).toEqual([expect.objectContaining({ kind: 'image', key: imageKey })]);
    const [alert] = h.fake.cardsIn(dm(u.editor));
    expect(cardText(alert!.card)).toContain('**附件**（1个');
  });

  it('in the bound group: a picture after one’s note there attaches; another’s reply to it is refused; chatter is left alone', async () => {
    const db = h.app.db.prisma;
    await h.fake.userSays({ chatId: group, from: u.liaison, text: '@三办助手 信息 报送 今天上午，城关镇组织开展冬季消防安全检查。' });
    await h.settle();
    const reported = await db.infoNote.findFirstOrThrow({ where: { number: '信〔2026〕2号' } });
    await h.fake.userSendsImage({ chatId: group, from: u.liaison, p2p: false });
    await h.settle();
    expect(JSON.parse((await db.infoNote.findUniqueOrThrow({ where: { id: reported.id } })).attachments)).toHaveLength(1);
    expect(h.fake.textsIn(group).at(-1)).toBe('已将图片附到信〔2026〕2号（共1个附件）。');

    // Someone else's picture in the group, not after a note of theirs: no answer, nothing attached.
    const before = h.fake.textsIn(group).length;
    await h.fake.userSendsImage({ chatId: group, from: u.other, p2p: false });
    await h.settle();
    expect(h.fake.textsIn(group)).toHaveLength(before);
    // In reply to another's note: refused.
    await h.fake.userSendsImage({ chatId: group, from: u.other, p2p: false, parentId: reported.messageId });
    await h.settle();
    expect(h.fake.textsIn(group).at(-1)).toContain('不是您报送的');
    expect(JSON.parse((await db.infoNote.findUniqueOrThrow({ where: { id: reported.id } })).attachments)).toHaveLength(1);
  });

  it('a picture in reply to one’s earlier note attaches to that note, not the latest', async () => {
    const db = h.app.db.prisma;
    const first = await db.infoNote.findFirstOrThrow({ where: { number: '信〔2026〕1号' } });
    await h.fake.userSendsImage({ chatId: dm(u.liaison), from: u.liaison, parentId: first.messageId });
    await h.settle();
    expect(h.fake.textsIn(dm(u.liaison)).at(-1)).toBe('已将图片附到信〔2026〕1号（共2个附件）。');
    await h.fake.userSays({ chatId: dm(u.liaison), from: u.liaison, text: '信息 我的', p2p: true });
    await h.settle();
    expect(h.fake.textsIn(dm(u.liaison)).at(-1)).toContain('（附件2个）');
  });
});

/** Lark refuses a 加急 (e.g. 230052): recorded as refused, not buzzed, and the editors told once to telephone. */
describe('政务信息 急情要事: a refused 加急 is not taken for a buzz; the editors are told once', () => {
  let h: Harness;
  let u: Record<'liaison' | 'editor' | 'leader', FakeUser>;
  const dm = (x: FakeUser) => h.fake.p2pChatId(x.openId);

  beforeAll(async () => {
    h = await startHarness({ clock: new FixedClock(at('2026-12-01T16:05:00')) });
    await caughtUp(h);
    const db = h.app.db.prisma;
    u = { liaison: h.fake.addUser('周联络员'), editor: h.fake.addUser('吴编辑'), leader: h.fake.addUser('李县长') };
    const town = await db.unit.create({ data: { code: 'CGZ', name: '城关镇', kind: 'town' } });
    const office = await db.unit.create({ data: { code: 'BGS', name: '县政府办公室' } });
    const person = (x: FakeUser, unitId: string, roles: { role: string; scope?: string }[]) =>
      db.person.create({ data: { name: x.name, openId: x.openId, unitId, roles: { create: roles } } });
    await person(u.liaison, town.id, [{ role: 'liaison', scope: 'info' }]);
    await person(u.editor, office.id, [{ role: 'editor' }]);
    await person(u.leader, office.id, [{ role: 'leader' }]);
    await db.dutyRoster.create({ data: { date: '2026-12-01', leaderName: '李县长', staff: '王干事', phone: '0000-1234567', createdBy: 'seed' } });
  });
  afterAll(() => h?.stop());

  it('one of the two buzzes is refused: that person is recorded as refused, the editors are told once, nobody is buzzed twice', async () => {
    await h.fake.userSays({
      chatId: dm(u.liaison),
      from: u.liaison,
      text: '信息 急报 今天16时，城关镇东关村一民房发生火灾，县消防救援大队已赶赴现场处置。',
      p2p: true,
    });
    await h.settle();
    h.fake.failNext(1, { status: 400, code: 230052, msg: 'The user has no permission to be urgent.', path: /\/urgent_app$/ });
    expect((await h.app.scheduler.runDue(h.clock.now()))['timers.fire']).toBe('ran');
    await h.settle();

    expect(h.fake.buzzes).toHaveLength(1);
    const [buzzedId] = h.fake.buzzes[0]!.openIds;
    const refused = buzzedId === u.editor.openId ? u.leader : u.editor;
    const db = h.app.db.prisma;
    const note = await db.infoNote.findFirstOrThrow({ where: { number: '信〔2026〕1号' } });
    const events = await db.infoEvent.findMany({ where: { objectId: note.id, kind: { in: ['urgent_buzzed', 'urgent_buzz_refused'] } } });
    expect(events.map((e) => [e.kind, (JSON.parse(e.data) as { openId: string }).openId]).sort()).toEqual(
      [
        ['urgent_buzzed', buzzedId],
        ['urgent_buzz_refused', refused.openId],
      ].sort(),
    );
    const told = () => h.fake.textsIn(dm(u.editor)).filter((t) => t.includes('加急提醒未能送达'));
    expect(told()).toEqual([`【急情要事】信〔2026〕1号加急提醒未能送达（${refused.name}），请电话联系带班领导。`]);
    expect(h.fake.textsIn(dm(u.leader)).filter((t) => t.includes('加急提醒未能送达'))).toHaveLength(0);

    // A later minute: the refused person is not buzzed again, nor the editors told twice.
    h.clock.set(at('2026-12-01T16:07:00'));
    await h.app.scheduler.runDue(h.clock.now());
    await h.settle();
    expect(h.fake.buzzes).toHaveLength(1);
    expect(told()).toHaveLength(1);
  });
});
