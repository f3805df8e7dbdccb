import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../fakes/clock.js';
import type { FakeUser } from '../../src/local/lark/server.js';
import { buttonLabels, buttonValue, cardText } from '../support/cards.js';
import { caughtUp } from '../support/caught-up.js';
import { startHarness, type Harness } from '../support/harness.js';

/**
 * 会议议题 through the real SDK and the fake Lark: a 住建局 topic needing 合法性审查 (a 规范性文件) is
 * submitted in one line; its 分管领导 returns it once with an opinion; the submitter resubmits; the
 * 分管领导 agrees; the legal reviewer passes it with conditions, which every card then shows. Clicks by
 * anyone else — even with a value naming the 分管领导 — act for nobody; bad input writes nothing.
 */
describe('会议议题 chain end to end', () => {
  const clock = new FixedClock('2026-12-01T09:00:00+08:00'); // Tuesday
  let h: Harness;
  let liaison: FakeUser, head: FakeUser, leader: FakeUser, otherLeader: FakeUser, legal: FakeUser, outsider: FakeUser;
  let group: string;
  let leaderPersonId: string;
  let doc: { token: string; url: string };
  /** The 分管领导's first card as drawn (before the 退回): its button values are a stale click's. */
  let firstLeaderCard: { messageId: string; card: Record<string, unknown> };
  const number = '议〔2026〕1号';
  const dm = (u: FakeUser) => h.fake.p2pChatId(u.openId);
  const current = (messageId: string) => JSON.parse(h.fake.messages.get(messageId)!.content) as Record<string, unknown>;
  const cardsWith = (chatId: string, word: string) => h.fake.cardsIn(chatId).filter((c) => cardText(c.card).includes(word));
  const say = async (u: FakeUser, text: string) => {
    await h.fake.userSays({ chatId: dm(u), from: u, text, p2p: true });
    await h.settle();
    return h.fake.textsIn(dm(u)).at(-1) ?? '';
  };
  const click = async (u: FakeUser, messageId: string, label: string, o: { formValue?: Record<string, unknown>; extra?: Record<string, unknown> } = {}) => {
    clock.set(new Date(clock.now().getTime() + 60_000));
    const value = { ...buttonValue(current(messageId), label), ...(o.extra ?? {}) };
    const r = await h.fake.click({ messageId, by: u, value, ...(o.formValue ? { formValue: o.formValue, name: 'submit' } : {}) });
    await h.settle();
    return r.body as { toast?: { type: string; content: string }; card?: unknown };
  };
  const topic = () => h.app.db.prisma.topic.findFirstOrThrow({ where: { number } });
  const counts = async () => {
    const p = h.app.db.prisma;
    return { topics: await p.topic.count(), events: await p.topicEvent.count(), audit: await p.auditEntry.count() };
  };

  beforeAll(async () => {
    h = await startHarness({ clock });
    await caughtUp(h);
    liaison = h.fake.addUser('王联络');
    head = h.fake.addUser('赵局长');
    leader = h.fake.addUser('吴副县长');
    otherLeader = h.fake.addUser('郑副县长');
    legal = h.fake.addUser('秦审查');
    outsider = h.fake.addUser('路人甲');
    group = h.fake.addChat('议题审核群', [leader, legal]);
    const db = h.app.db.prisma;
    const zj = await db.unit.create({ data: { code: 'ZJJ', name: '住建局', kind: 'department' } });
    const sf = await db.unit.create({ data: { code: 'SFJ', name: '司法局', kind: 'department' } });
    const cz = await db.unit.create({ data: { code: 'CZJ', name: '财政局', kind: 'department' } });
    const gov = await db.unit.create({ data: { code: 'XZF', name: '县政府', kind: 'other' } });
    const person = (u: FakeUser, unitId: string, title: string, roles: [string, string][]) =>
      db.person.create({ data: { name: u.name, openId: u.openId, unitId, title, roles: { create: roles.map(([role, scope]) => ({ role, scope })) } } });
    await person(liaison, zj.id, '科员', [['liaison', 'info']]);
    await person(head, zj.id, '局长', []);
    leaderPersonId = (await person(leader, gov.id, '副县长', [['leader', `unit:${zj.id}`]])).id;
    await person(otherLeader, gov.id, '副县长', [['leader', `unit:${cz.id}`]]);
    await person(legal, sf.id, '法制股股长', [['legal_reviewer', '']]);
    await person(outsider, cz.id, '科员', []);
    await db.chatBinding.create({ data: { chatId: group, purpose: 'topics' } });
    doc = h.fake.addDocument({ title: '县城区停车管理办法（送审稿）', text: '第一条 为规范城区停车秩序……\n第二条 本办法适用于……', owner: liaison });
  });
  afterAll(() => h?.stop());

  it('refuses an unknown meeting type and materials over the limit, writing nothing', async () => {
    const before = await counts();
    expect(await say(liaison, `议题 申报 城区停车管理 类型:常委会 材料:${doc.url}`)).toContain(
      '未找到会议类型「常委会」。可选：常务会、县长办公会、专题会、党组会。',
    );
    const long = h.fake.addDocument({ title: '超长汇报材料', text: '停'.repeat(3001), owner: liaison });
    expect(await say(liaison, `议题 申报 城区停车管理 类型:常务会 材料:${long.url}`)).toContain('汇报材料「超长汇报材料」共 3001 字，超过 3000 字的篇幅要求');
    expect(await say(liaison, `议题 申报 城区停车管理 类型:常务会 材料:https://example.com/x`)).toContain('汇报材料须为飞书文档链接');
    // A document-shaped link on a host that is not Feishu/Lark's is refused by name, and nothing is created.
    const topicsBefore = await h.app.db.prisma.topic.count();
    expect(await say(liaison, `议题 申报 城区停车管理 类型:常务会 材料:https://docs.example.com/docx/${doc.token}`)).toContain(
      '「docs.example.com」不是飞书文档地址',
    );
    expect(await h.app.db.prisma.topic.count()).toBe(topicsBefore);
    expect(await say(liaison, `议题 申报 城区停车管理 类型:常务会 材料:${doc.url} 审查:公告`)).toContain('无法识别合法性审查事项「公告」');
    expect(await counts()).toEqual(before);
    expect(h.fake.cardsIn(dm(leader))).toHaveLength(0);
  });

  it('only a unit’s liaison or head (or the office) files in its name; the form’s or 单位: value does not help anyone else', async () => {
    const before = await counts();
    expect(await say(liaison, `议题 申报 城区停车管理 类型:常务会 单位:财政局 材料:${doc.url}`)).toContain(
      '您不是财政局的联络员或主要负责人，不能以财政局名义申报议题',
    );
    expect(await say(outsider, `议题 申报 城区停车管理 类型:常务会 单位:住建局 材料:${doc.url}`)).toContain('不能以住建局名义申报议题');
    expect(await say(outsider, `议题 申报 城区停车管理 类型:常务会 材料:${doc.url}`)).toContain('不能以财政局名义申报议题');
    expect(await counts()).toEqual(before);
  });

  it('the form refuses missing materials on the form itself, nothing written', async () => {
    await say(liaison, '议题 申报');
    const form = cardsWith(dm(liaison), '申报会议议题').at(-1)!;
    const before = await counts();
    const type = await h.app.db.prisma.meetingType.findUniqueOrThrow({ where: { code: '常务会' } });
    const r = await click(liaison, form.messageId, '提交申报', { formValue: { title: '城区停车管理', type: type.id, materials: '', legal: 'none' } });
    expect(r.toast).toMatchObject({ type: 'error', content: '请提供汇报材料（飞书文档链接）。' });
    expect(cardText(r.card)).toContain('未能提交');
    expect(cardText(r.card)).toContain('城区停车管理');
    expect(await counts()).toEqual(before);
  });

  it('a one-line 申报 needing legal review goes to the unit’s 分管领导', async () => {
    const reply = await say(
      liaison,
      `议题 申报 关于《县城区停车管理办法》的议题 类型:常务会 材料:${doc.url} 列席:财政局 征求意见:财政局、公安局 审查:规范性文件 时长:20`,
    );
    expect(reply).toContain(`已申报：${number}「关于《县城区停车管理办法》的议题」，已送分管领导 吴副县长 审核。分管领导同意后送合法性审查。`);
    const t = await topic();
    expect(t).toMatchObject({
      status: 'leader_review',
      needsLegalReview: true,
      legalBasis: 'normative',
      estimatedMinutes: 20,
      leaderId: leaderPersonId,
      consulted: true,
    });
    // The presenter defaults to the unit's head.
    expect(t.presenterId).toBe((await h.app.db.prisma.person.findFirstOrThrow({ where: { name: '赵局长' } })).id);
    const leaderCard = cardsWith(dm(leader), '请审核该议题').at(-1)!;
    firstLeaderCard = leaderCard;
    expect(buttonLabels(leaderCard.card)).toEqual(['同意上会', '退回修改', '暂缓']);
    expect(cardText(leaderCard.card)).toContain('汇报人：赵局长');
    expect(cardText(leaderCard.card)).toContain('合法性审查：需要（规范性文件），待审查');
    expect(cardText(leaderCard.card)).toContain('县城区停车管理办法（送审稿）');
    expect(cardsWith(group, number)).toHaveLength(1);
    expect(buttonLabels(cardsWith(group, number)[0]!.card)).toEqual([]);
    expect(cardsWith(dm(liaison), `会议议题 · ${number}`)).toHaveLength(1);
    expect(cardsWith(dm(legal), number)).toHaveLength(0);
  });

  it('someone else’s click — even a value naming the 分管领导, even another 副县长 — is refused and changes nothing', async () => {
    const leaderCard = cardsWith(dm(leader), '请审核该议题').at(-1)!;
    const before = await counts();
    for (const who of [outsider, otherLeader, liaison, legal]) {
      const r = await click(who, leaderCard.messageId, '同意上会', {
        formValue: { opinion: '同意' },
        extra: { leaderId: leaderPersonId, by: leader.openId, openId: leader.openId, operator: leader.openId },
      });
      expect(r.toast).toMatchObject({ type: 'error', content: expect.stringContaining('仅限该议题的分管领导本人审核') });
      expect(r.card).toBeUndefined();
    }
    expect(await counts()).toEqual(before);
    expect((await topic()).status).toBe('leader_review');
  });

  it('the 分管领导 returns it once: an opinion is required, then the submitter is told and may resubmit', async () => {
    const leaderCard = cardsWith(dm(leader), '请审核该议题').at(-1)!;
    const before = await counts();
    const empty = await click(leader, leaderCard.messageId, '退回修改', { formValue: { opinion: '  ' } });
    expect(empty.toast).toMatchObject({ type: 'error', content: '退回修改须填写修改意见，请写明需要修改的内容。' });
    expect(await counts()).toEqual(before);

    const r = await click(leader, leaderCard.messageId, '退回修改', { formValue: { opinion: '请补充收费标准的测算依据' } });
    expect(r.toast?.type).toBe('success');
    expect(buttonLabels(r.card)).toEqual([]);
    expect(cardText(r.card)).toContain('分管领导意见：请补充收费标准的测算依据');
    expect((await topic()).status).toBe('returned');
    expect(h.fake.textsIn(dm(liaison)).at(-1)).toContain(
      `您申报的议题 ${number}「关于《县城区停车管理办法》的议题」被分管领导退回修改。修改意见：请补充收费标准的测算依据`,
    );
    const mine = cardsWith(dm(liaison), `会议议题 · ${number}`).at(-1)!;
    expect(buttonLabels(current(mine.messageId))).toEqual(['重新提交', '撤回']);
    expect(cardText(current(cardsWith(group, number)[0]!.messageId))).toContain('退回修改');
  });

  it('a click on the card as it was before the 退回 answers with the current state', async () => {
    const leaderCard = firstLeaderCard;
    const stale = await h.fake.click({
      messageId: leaderCard.messageId,
      by: leader,
      value: buttonValue(leaderCard.card, '同意上会'),
      formValue: { opinion: '同意' },
      name: 'submit',
    });
    await h.settle();
    const body = stale.body as { toast: { type: string; content: string }; card?: unknown };
    expect(body.toast.type).toBe('warning');
    expect(body.toast.content).toContain('该议题已退回申报单位');
    expect((await topic()).status).toBe('returned');
  });

  it('resubmitted, it reaches the 分管领导 again, who agrees: on to 合法性审查', async () => {
    const mine = cardsWith(dm(liaison), `会议议题 · ${number}`).at(-1)!;
    const r = await click(liaison, mine.messageId, '重新提交');
    expect(r.toast?.type).toBe('success');
    expect(await topic()).toMatchObject({ status: 'leader_review', revision: 2, leaderOpinion: '' });
    // A card for the new round; the first round's card keeps its facts and loses its buttons.
    const cards = cardsWith(dm(leader), '请审核该议题');
    expect(cards).toHaveLength(1);
    expect(cards[0]!.messageId).not.toBe(firstLeaderCard.messageId);
    expect(buttonLabels(current(firstLeaderCard.messageId))).toEqual([]);
    const ok = await click(leader, cards.at(-1)!.messageId, '同意上会', { formValue: { opinion: '同意提交常务会议研究' } });
    expect(ok.toast?.type).toBe('success');
    expect((await topic()).status).toBe('legal_review');
    expect(h.fake.textsIn(dm(liaison)).at(-1)).toContain('分管领导已同意上会，已送合法性审查');
    const legalCard = cardsWith(dm(legal), '请进行合法性审查').at(-1)!;
    expect(buttonLabels(legalCard.card)).toEqual(['通过', '修改后通过', '不通过']);
  });

  it('only the legal reviewer reviews; 修改后通过 needs its conditions; then the cards show the opinion', async () => {
    const legalCard = cardsWith(dm(legal), '请进行合法性审查').at(-1)!;
    const before = await counts();
    const forged = await click(leader, legalCard.messageId, '通过', { formValue: { opinion: '通过' }, extra: { by: legal.openId } });
    expect(forged.toast).toMatchObject({ type: 'error', content: '仅限法制审查员进行合法性审查。' });
    const noConditions = await click(legal, legalCard.messageId, '修改后通过', { formValue: { opinion: '程序合法', conditions: '' } });
    expect(noConditions.toast).toMatchObject({ type: 'error', content: '「修改后通过」须写明修改条件。' });
    const noOpinion = await click(legal, legalCard.messageId, '通过', { formValue: { opinion: '' } });
    expect(noOpinion.toast).toMatchObject({ type: 'error', content: '合法性审查须填写书面审查意见。' });
    expect(await counts()).toEqual(before);

    const r = await click(legal, legalCard.messageId, '修改后通过', {
      formValue: { opinion: '经审查，制定程序合法，内容基本合法', conditions: '删除第五条中“一律拖移”的表述' },
    });
    expect(r.toast?.type).toBe('success');
    expect(await topic()).toMatchObject({ status: 'ready', legalOutcome: 'conditional', legalConditions: '删除第五条中“一律拖移”的表述' });
    const submitterText = cardText(current(cardsWith(dm(liaison), `会议议题 · ${number}`).at(-1)!.messageId));
    expect(submitterText).toContain('结果：**修改后通过**');
    expect(submitterText).toContain('审查意见：经审查，制定程序合法，内容基本合法（秦审查）');
    expect(submitterText).toContain('**修改条件**：删除第五条中“一律拖移”的表述');
    expect(submitterText).toContain('待列入议程');
    // The 议题审核群 sees where the topic stands, not the opinions, conditions or materials.
    const groupText = cardText(current(cardsWith(group, number)[0]!.messageId));
    expect(groupText).toContain('待列入议程');
    expect(groupText).toContain('当前办理：县政府办公室（秘书科）');
    for (const hidden of ['审查意见', '修改条件', '分管领导意见', '汇报材料']) expect(groupText).not.toContain(hidden);
    expect(h.fake.textsIn(dm(liaison)).at(-1)).toContain('合法性审查修改后通过。修改条件：删除第五条中“一律拖移”的表述');
    const events = await h.app.db.prisma.topicEvent.findMany({ where: { topicId: (await topic()).id }, orderBy: { at: 'asc' } });
    expect(events.map((e) => e.kind)).toEqual(['submit', 'leader_return', 'resubmit', 'leader_approve', 'legal_conditional']);
    const audit = await h.app.db.prisma.auditEntry.findMany({ where: { objectType: 'topic' }, orderBy: { at: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['submit', 'leader_return', 'resubmit', 'leader_approve', 'legal_conditional']);
  });
});
