import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeUser } from '../../src/local/lark/server.js';
import { seedMeetingTypes } from '../../src/features/topics/repositories/meeting-types.js';
import { FixedClock } from '../fakes/clock.js';
import { cardText } from '../support/cards.js';
import { caughtUp } from '../support/caught-up.js';
import { startHarness, type Harness } from '../support/harness.js';
import { makeTopic } from '../support/topic-factory.js';

/**
 * Materials as files (issue 14, item 2): `议题 材料 <编号>`, then a file sent to the bot in the DM within
 * 10 minutes, is that topic's material — downloaded through the real SDK, checked (type, ≤ 20 MB, ≤ 5
 * materials), re-uploaded and listed on the topic's card. Any other file still goes to 文稿审核. Only the
 * submitter, the presenter, the unit's liaison or 科长 (or the office) may add, and only before 列入议程.
 */
describe('议题 材料: files as a topic’s materials', () => {
  const clock = new FixedClock('2026-12-01T10:00:00+08:00');
  let h: Harness;
  let liaison: FakeUser, stranger: FakeUser;
  let topic: { id: string; number: string };
  const dm = (u: FakeUser) => h.fake.p2pChatId(u.openId);
  const say = async (u: FakeUser, text: string) => {
    await h.fake.userSays({ chatId: dm(u), from: u, text, p2p: true });
    await h.settle();
    return h.fake.textsIn(dm(u)).at(-1) ?? '';
  };
  const send = async (u: FakeUser, name: string, bytes: Uint8Array = new Uint8Array([80, 75, 3, 4, name.length])) => {
    await h.fake.userSendsFile({ chatId: dm(u), from: u, name, bytes });
    await h.settle();
    return h.fake.textsIn(dm(u)).at(-1) ?? '';
  };
  const materials = async () =>
    JSON.parse((await h.app.db.prisma.topic.findUniqueOrThrow({ where: { id: topic.id } })).materials || '[]') as {
      kind: string;
      name: string;
      bytes?: number;
    }[];
  const reviewForms = (u: FakeUser) => h.fake.cardsIn(dm(u)).filter((c) => cardText(c.card).includes('提交文稿审核'));

  beforeAll(async () => {
    h = await startHarness({ clock });
    await caughtUp(h);
    liaison = h.fake.addUser('刘联络');
    stranger = h.fake.addUser('陈科员');
    const db = h.app.db.prisma;
    const zj = await db.unit.create({ data: { code: 'ZJJ', name: '县住建局', kind: 'department' } });
    const cz = await db.unit.create({ data: { code: 'CZJ', name: '县财政局', kind: 'department' } });
    const li = await db.person.create({ data: { name: '李副县长', title: '副县长', roles: { create: [{ role: 'leader', scope: `unit:${zj.id}` }] } } });
    const head = await db.person.create({ data: { name: '金局长', title: '局长', unitId: zj.id } });
    await db.person.create({
      data: { name: liaison.name, openId: liaison.openId, unitId: zj.id, roles: { create: [{ role: 'liaison', scope: 'supervision' }] } },
    });
    await db.person.create({ data: { name: stranger.name, openId: stranger.openId, unitId: cz.id } });
    const type = (await seedMeetingTypes(db)).find((t) => t.code === '常务会')!;
    const t = await makeTopic(db, {
      title: '关于老旧小区改造实施方案的议题',
      unitId: zj.id,
      presenterId: head.id,
      leaderId: li.id,
      meetingTypeId: type.id,
      status: 'leader_review',
      at: clock.now(),
    });
    topic = { id: t.id, number: t.number };
  });
  afterAll(() => h?.stop());

  it('a file sent without 议题 材料 still goes to 文稿审核; the topic gets nothing', async () => {
    await send(liaison, '改造方案.docx');
    expect(reviewForms(liaison)).toHaveLength(1);
    expect(await materials()).toEqual([]);
  });

  it('someone outside the submitting unit may not open it for materials', async () => {
    expect(await say(stranger, `议题 材料 ${topic.number}`)).toContain('议题申报人、汇报人、申报单位联络员或科长');
    await send(stranger, '无关文件.docx');
    expect(reviewForms(stranger)).toHaveLength(1);
    expect(await materials()).toEqual([]);
  });

  it('the unit’s liaison: 议题 材料, then the file — taken for the topic, listed on its card, not offered to 文稿审核', async () => {
    const told = await say(liaison, `议题 材料 ${topic.number}`);
    expect(told).toContain('10 分钟内');
    expect(told).toContain('每份不超过 20 MB');
    expect(told).toContain('最多 5 份，现有 0 份');
    const forms = reviewForms(liaison).length;
    const reply = await send(liaison, '老旧小区改造实施方案（送审稿）.docx');
    expect(reply).toContain('已将「老旧小区改造实施方案（送审稿）.docx」添加为议题');
    expect(reply).toContain('共 1 份');
    expect(reviewForms(liaison)).toHaveLength(forms);
    expect(await materials()).toEqual([expect.objectContaining({ kind: 'file', name: '老旧小区改造实施方案（送审稿）.docx', bytes: 5 })]);
    // 议题 <编号> lists it.
    await say(liaison, `议题 ${topic.number}`);
    expect(cardText(h.fake.cardsIn(dm(liaison)).at(-1)!.card)).toContain('老旧小区改造实施方案（送审稿）.docx（附件）');
  });

  it('over the limits — a type not taken, over 20 MB, a duplicate — a clear message and nothing attached', async () => {
    expect(await send(liaison, '现场照片.zip')).toContain('不是可接收的材料格式');
    expect(await send(liaison, '测算表.xlsx', new Uint8Array(20 * 1024 * 1024 + 1))).toContain('超过每份 20 MB 的限制，未添加');
    expect(await send(liaison, '老旧小区改造实施方案（送审稿）.docx')).toContain('已有同名材料');
    expect((await materials()).map((m) => m.name)).toEqual(['老旧小区改造实施方案（送审稿）.docx']);
    expect(await send(liaison, '资金测算表.xlsx')).toContain('共 2 份');
  });

  it('after the window a file goes to 文稿审核 again; once 列入议程 no more materials', async () => {
    clock.set(new Date(clock.now().getTime() + 11 * 60_000));
    const forms = reviewForms(liaison).length;
    await send(liaison, '补充说明.docx');
    expect(reviewForms(liaison)).toHaveLength(forms + 1);
    expect(await materials()).toHaveLength(2);
    await h.app.db.prisma.topic.update({ where: { id: topic.id }, data: { status: 'scheduled' } });
    expect(await say(liaison, `议题 材料 ${topic.number}`)).toContain('已列入议程或已办结，不能再补充材料');
  });
});
