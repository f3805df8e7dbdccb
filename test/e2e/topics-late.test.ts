import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../fakes/clock.js';
import type { FakeUser } from '../../src/local/lark/server.js';
import { buttonLabels, buttonValue, cardText } from '../support/cards.js';
import { caughtUp } from '../support/caught-up.js';
import { startHarness, type Harness } from '../support/harness.js';

/**
 * Meeting types as configuration, and a 临时议题: an admin sets the 常务会's presiding leader; a topic
 * submitted after the due day of the next 常务会 (two working days before it) needs a reason, and after
 * the 分管领导's 同意上会 the presiding leader's consent — only theirs.
 */
describe('会议议题 meeting types and 临时议题', () => {
  const clock = new FixedClock('2026-12-04T10:00:00+08:00'); // Friday; the meeting below is on Monday 12-07
  let h: Harness;
  let admin: FakeUser, liaison: FakeUser, leader: FakeUser, mayor: FakeUser, otherLeader: FakeUser;
  let doc: { url: string };
  const dm = (u: FakeUser) => h.fake.p2pChatId(u.openId);
  const current = (messageId: string) => JSON.parse(h.fake.messages.get(messageId)!.content) as Record<string, unknown>;
  const cardsWith = (chatId: string, word: string) => h.fake.cardsIn(chatId).filter((c) => cardText(c.card).includes(word));
  const say = async (u: FakeUser, text: string) => {
    await h.fake.userSays({ chatId: dm(u), from: u, text, p2p: true });
    await h.settle();
    return h.fake.textsIn(dm(u)).at(-1) ?? '';
  };
  const click = async (u: FakeUser, messageId: string, label: string, formValue?: Record<string, unknown>) => {
    const r = await h.fake.click({ messageId, by: u, value: buttonValue(current(messageId), label), ...(formValue ? { formValue, name: 'submit' } : {}) });
    await h.settle();
    return r.body as { toast?: { type: string; content: string }; card?: unknown };
  };

  beforeAll(async () => {
    h = await startHarness({ clock });
    await caughtUp(h);
    admin = h.fake.addUser('管理员甲');
    liaison = h.fake.addUser('王联络');
    leader = h.fake.addUser('吴副县长');
    mayor = h.fake.addUser('许县长');
    otherLeader = h.fake.addUser('郑副县长');
    const db = h.app.db.prisma;
    const zj = await db.unit.create({ data: { code: 'ZJJ', name: '住建局' } });
    await db.unit.create({ data: { code: 'SFJ', name: '司法局' } });
    const gov = await db.unit.create({ data: { code: 'XZF', name: '县政府', kind: 'other' } });
    const person = (u: FakeUser, unitId: string, title: string, roles: [string, string][]) =>
      db.person.create({ data: { name: u.name, openId: u.openId, unitId, title, roles: { create: roles.map(([role, scope]) => ({ role, scope })) } } });
    await person(admin, gov.id, '科员', [['admin', '']]);
    await person(liaison, zj.id, '科员', [['liaison', 'info']]);
    await person(leader, gov.id, '副县长', [['leader', `unit:${zj.id}`]]);
    await person(mayor, gov.id, '县长', [['leader', '']]);
    await person(otherLeader, gov.id, '副县长', [['leader', '']]);
    doc = h.fake.addDocument({ title: '冬季供暖保障方案', text: '一、总体要求\n二、保障措施', owner: liaison });
  });
  afterAll(() => h?.stop());

  it('lists the seeded types; only an admin changes one', async () => {
    const list = await say(liaison, '会议 类型');
    expect(list).toContain('【常务会】县政府常务会议　编号：县政府第N次常务会议');
    expect(list).toContain('【党组会】县政府党组会议');
    expect(await say(liaison, '会议 类型 常务会 主持:许县长')).toContain('您没有权限配置会议类型');
    const changed = await say(admin, '会议 类型 常务会 主持:许县长 出席:许县长、吴副县长 列席:司法局 截止:2');
    expect(changed).toContain('已更新会议类型');
    expect(changed).toContain('主持：许县长　出席：许县长、吴副县长');
    expect(changed).toContain('固定列席：司法局　议题截止：会前 2 个工作日');
    expect(await say(admin, '会议 类型 常委会 主持:许县长')).toContain('未找到会议类型「常委会」');
    expect(await say(admin, '会议 类型 常务会 截止:30')).toContain('议题截止应为会前 0–15 个工作日的整数。');
    const audit = await h.app.db.prisma.auditEntry.findMany({ where: { objectType: 'meeting_type' } });
    expect(audit).toHaveLength(1);
  });

  it('after the due day a topic needs a reason; with one it waits for the presiding leader after the 分管领导', async () => {
    const db = h.app.db.prisma;
    const type = await db.meetingType.findUniqueOrThrow({ where: { code: '常务会' } });
    const now = clock.now();
    await db.meeting.create({
      data: {
        meetingTypeId: type.id,
        year: 2026,
        seq: 9,
        number: '县政府第9次常务会议',
        startsAt: new Date('2026-12-07T09:00:00+08:00'),
        place: '三楼会议室',
        status: 'planned',
        statusAt: now,
        createdById: 'x',
        createdByOpenId: admin.openId,
      },
    });
    const before = await db.topic.count();
    expect(await say(liaison, `议题 申报 冬季供暖保障方案 类型:常务会 材料:${doc.url}`)).toContain(
      '县政府第9次常务会议的议题申报截止日为12月3日（周四），现已逾期，属临时议题：请填写临时议题理由',
    );
    expect(await db.topic.count()).toBe(before);

    expect(await say(liaison, `议题 申报 冬季供暖保障方案 类型:常务会 材料:${doc.url} 理由:寒潮将至，须尽快研究`)).toContain(
      '该议题为临时议题，分管领导同意后还须经主持领导同意。',
    );
    const t = await db.topic.findFirstOrThrow();
    expect(t).toMatchObject({ consentStatus: 'pending', lateReason: '寒潮将至，须尽快研究', needsLegalReview: false });
    // Two deliveries of the same 同意上会 at once: the compare-and-set lets one win.
    const leaderCard = cardsWith(dm(leader), '请审核该议题').at(-1)!;
    const value = buttonValue(current(leaderCard.messageId), '同意上会');
    const both = await Promise.all(
      [1, 2].map((x) => h.fake.click({ messageId: leaderCard.messageId, by: leader, value: { ...value, x }, formValue: { opinion: '' }, name: 'submit' })),
    );
    await h.settle();
    expect(both.map((r) => (r.body as { toast: { type: string } }).toast.type).sort()).toEqual(['success', 'warning']);
    expect(await db.topicEvent.count({ where: { kind: 'leader_approve_consent' } })).toBe(1);
    expect((await db.topic.findFirstOrThrow()).status).toBe('awaiting_consent');
    expect(cardsWith(dm(mayor), '请决定是否同意列入本次会议')).toHaveLength(1);

    const consent = cardsWith(dm(mayor), '请决定是否同意列入本次会议').at(-1)!;
    expect(buttonLabels(consent.card)).toEqual(['同意临时上会', '不同意临时上会']);
    const forged = await click(otherLeader, consent.messageId, '同意临时上会');
    expect(forged.toast).toMatchObject({ type: 'error', content: '仅限该类会议的主持领导本人决定临时议题是否上会。' });
    expect((await db.topic.findFirstOrThrow()).status).toBe('awaiting_consent');

    expect((await click(mayor, consent.messageId, '同意临时上会')).toast?.type).toBe('success');
    expect(await db.topic.findFirstOrThrow()).toMatchObject({ status: 'ready', consentStatus: 'granted' });
    expect(h.fake.textsIn(dm(liaison)).at(-1)).toContain('主持领导已同意上会');
    expect(cardText(current(cardsWith(dm(liaison), '会议议题 ·').at(-1)!.messageId))).toContain('主持领导已同意');
  });
});
