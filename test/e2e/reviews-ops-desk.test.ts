import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../fakes/clock.js';
import { cardText, markdownContents } from '../support/cards.js';
import { startHarness, type Harness } from '../support/harness.js';
import { expectNoCodes } from '../support/no-codes.js';
import { caughtUp, seedDraft, seedOffice, type Office } from './reviews-ops-seed.js';

const at = (s: string) => new Date(`${s}+08:00`);

describe('文稿审核 desk: 卡在谁那, 我的, 列表, the digest and the monthly summary', () => {
  let h: Harness;
  let o: Office;
  let leadersGroup: string;
  let mixedGroup: string;
  const dm = (openId: string) => h.fake.p2pChatId(openId);
  const lastCard = (chatId: string) => markdownContents(h.fake.cardsIn(chatId).at(-1)!.card).join('\n');
  const say = async (chatId: string, from: Office['chief'], text: string, p2p = true) => {
    await h.fake.userSays({ chatId, from, text: p2p ? text : `@三办助手 ${text}`, p2p });
    await h.settle();
  };

  beforeAll(async () => {
    // The desk keeps its own morning message here (DIGEST_SEPARATE=reviews): that message is what is tested;
    // the merged 今日汇要 is test/e2e/digest-morning.test.ts.
    h = await startHarness({ clock: new FixedClock('2026-12-01T10:00:00+08:00'), env: { ADMIN_OPEN_IDS: 'ou_admin_first', DIGEST_SEPARATE: 'reviews' } });
    await caughtUp(h);
    const db = h.app.db.prisma;
    o = await seedOffice(h.fake, db);
    leadersGroup = h.fake.addChat('办公室领导群', [o.director, o.admin]);
    mixedGroup = h.fake.addChat('文稿群', [o.director, o.chief, o.outsider]);
    await db.chatBinding.create({ data: { chatId: mixedGroup, purpose: 'reviews' } });
    // Oldest first at the 科长; one at the 分管副主任; one of another unit (秘书科) at its 科长's… the 主任.
    await seedDraft(db, o, { title: '关于做好冬季安全生产工作的通知', urgency: 'extra_urgent', reachedAt: at('2026-11-30T09:00:00') });
    await seedDraft(db, o, { title: '全县经济运行情况汇报', reachedAt: at('2026-12-01T09:00:00') });
    await seedDraft(db, o, { title: '县长在全县安全生产会议上的讲话', kind: 'speech', urgency: 'urgent', reachedAt: at('2026-11-26T09:00:00'), at: 1 });
    await seedDraft(db, o, { title: '关于调整值班安排的通知', reachedAt: at('2026-11-27T14:30:00'), at: 2, unitId: o.otherUnitId });
  });
  afterAll(() => h?.stop());

  it('卡在谁那: every open draft by holder, the longest-held first, with dwell in working time', async () => {
    await say(dm(o.director.openId), o.director, '审核 卡在谁那');
    const text = lastCard(dm(o.director.openId));
    expect(text).toContain('在审文稿 4 份，分在 3 人手中');
    // 王副主任 since Thursday 11-26 09:00 (6 h + 6.5 h + 6.5 h + 1.5 h by Tuesday 10:00), then 张主任, then 李科长.
    const order = ['王副主任', '张主任', '李科长'].map((n) => (text.indexOf(`${n}**`) >= 0 ? text.indexOf(`${n}**`) : text.indexOf(n)));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(text).toContain('《县长在全县安全生产会议上的讲话》（加急，已审核3个工作日1小时）');
    expect(text).toContain('《关于做好冬季安全生产工作的通知》（特急，已审核1个工作日1小时');
    expect(text).toContain('超时');
    expectNoCodes(text);
  });

  it('a 科长 sees their own unit only; someone without a desk scope is told what they may use', async () => {
    await say(dm(o.chief.openId), o.chief, '审核 卡在谁那');
    const text = lastCard(dm(o.chief.openId));
    expect(text).toContain('本科室在审文稿 3 份');
    expect(text).not.toContain('关于调整值班安排的通知');
    await say(dm(o.outsider.openId), o.outsider, '审核 卡在谁那');
    expect(h.fake.textsIn(dm(o.outsider.openId)).at(-1)).toContain('「审核 我的」');
  });

  it('in a group, the answer stays there only when every member may see it all', async () => {
    await say(leadersGroup, o.director, '审核 卡在谁那', false);
    expect(lastCard(leadersGroup)).toContain('在审文稿 4 份');
    const before = h.fake.cardsIn(mixedGroup).length;
    await say(mixedGroup, o.director, '审核 卡在谁那', false);
    expect(h.fake.cardsIn(mixedGroup)).toHaveLength(before);
    expect(h.fake.textsIn(mixedGroup).at(-1)).toContain('已私信发送给您');
    expect(lastCard(dm(o.director.openId))).toContain('在审文稿 4 份');
  });

  it('我的: on my desk and sent by me', async () => {
    await say(dm(o.chief.openId), o.chief, '审核 我的');
    const chief = lastCard(dm(o.chief.openId));
    expect(chief).toContain('在我手中（2 份）');
    expect(chief).toContain('关于做好冬季安全生产工作的通知');
    await say(dm(o.drafter.openId), o.drafter, '审核 我的');
    const drafter = lastCard(dm(o.drafter.openId));
    expect(drafter).toContain('暂无待审文稿');
    expect(drafter).toContain('我提交的、正在审核（4 份）');
    expect(drafter).toContain('王副主任（分管副主任）');
  });

  it('列表 with filters, and a clear refusal of an unknown one', async () => {
    await say(dm(o.director.openId), o.director, '审核 列表 特急');
    expect(lastCard(dm(o.director.openId))).toContain('共 1 份');
    await say(dm(o.director.openId), o.director, '审核 列表 超时');
    const overdue = lastCard(dm(o.director.openId));
    expect(cardText(h.fake.cardsIn(dm(o.director.openId)).at(-1)!.card)).toContain('在审文稿（超时）');
    expect(overdue).toContain('县长在全县安全生产会议上的讲话');
    expect(overdue).not.toContain('全县经济运行情况汇报');
    await say(dm(o.director.openId), o.director, '审核 列表 讲话稿');
    expect(lastCard(dm(o.director.openId))).toContain('讲话稿');
    await say(dm(o.director.openId), o.director, '审核 列表 很急');
    expect(h.fake.textsIn(dm(o.director.openId)).at(-1)).toContain('无法识别筛选条件「很急」');
  });

  it('the morning digest: one card per reviewer with what is on their desk, nothing for anyone with none', async () => {
    // The bot started at 10:00 on Tuesday 12-01 and caught up the 08:30 digest before any draft was seeded.
    const digest = (openId: string) => h.fake.cardsIn(dm(openId)).filter((c) => cardText(c.card).includes('文稿待审提醒'));
    expect(digest(o.chief.openId)).toHaveLength(0);
    const before = (openId: string) => digest(openId).length;
    type Who = 'chief' | 'deputy' | 'director' | 'drafter' | 'outsider';
    const who: Who[] = ['chief', 'deputy', 'director', 'drafter', 'outsider'];
    const counts = new Map(who.map((k) => [k, before(o[k].openId)]));
    h.clock.set(at('2026-12-02T08:30:00'));
    const outcome = await h.app.scheduler.tick(h.clock.now(), new Date(h.clock.now().getTime() - 60_000));
    expect(outcome['reviews.digest']).toBe('ran');
    await h.settle();
    const fresh = (k: Who) => digest(o[k].openId).length - counts.get(k)!;
    expect(fresh('chief')).toBe(1);
    const chiefs = markdownContents(digest(o.chief.openId).at(-1)!.card).join('\n');
    expect(chiefs).toContain('李科长，您好！您手中有 2 份文稿待审，其中 1 份已超过审核时限');
    expect(chiefs).toContain('《关于做好冬季安全生产工作的通知》（特急，已审核1个工作日6小时）');
    expect(fresh('deputy')).toBe(1);
    expect(fresh('director')).toBe(1);
    expect(fresh('drafter')).toBe(0);
    expect(fresh('outsider')).toBe(0);
    // A re-run the same morning queues nothing new.
    await h.app.router.runJob('reviews.digest', h.clock.now());
    await h.settle();
    expect(fresh('chief')).toBe(1);
  });
});

describe('文稿审核 monthly summary', () => {
  let h: Harness;
  let o: Office;
  let group: string;

  beforeAll(async () => {
    h = await startHarness({ clock: new FixedClock('2026-12-01T08:00:00+08:00') });
    await caughtUp(h);
    o = await seedOffice(h.fake, h.app.db.prisma);
    group = h.fake.addChat('文稿群', [o.director, o.chief]);
    await h.app.db.prisma.chatBinding.create({ data: { chatId: group, purpose: 'reviews' } });
    await seedDraft(h.app.db.prisma, o, { title: '县长在全县安全生产会议上的讲话', kind: 'speech', reachedAt: at('2026-11-26T09:00:00') });
  });
  afterAll(() => h?.stop());

  it('the monthly summary on the first working day, to the bound 审核 group', async () => {
    const db = h.app.db.prisma;
    // November's decisions: the 科长 approved one in 2 working hours, the 主任 took 2 working days.
    const a = await seedDraft(db, o, { title: '十一月稿一', reachedAt: at('2026-11-10T09:00:00'), at: 1 });
    await db.reviewStep.update({ where: { id: a.stepIds[0]! }, data: { reachedAt: at('2026-11-09T09:00:00'), decidedAt: at('2026-11-09T11:00:00') } });
    const b = await seedDraft(db, o, { title: '十一月稿二', urgency: 'extra_urgent', reachedAt: at('2026-11-16T09:00:00'), at: 2 });
    await db.reviewStep.update({ where: { id: b.stepIds[1]! }, data: { reachedAt: at('2026-11-12T09:00:00'), decidedAt: at('2026-11-16T09:00:00') } });
    await db.reviewDraft.updateMany({ where: { id: { in: [a.draftId, b.draftId] } }, data: { submittedAt: at('2026-11-09T09:00:00') } });
    // Not before its time; at 09:00 on the first working day of December, once.
    expect(h.fake.cardsIn(group)).toHaveLength(0);
    h.clock.set(at('2026-12-01T09:00:00'));
    const outcome = await h.app.scheduler.tick(h.clock.now(), new Date(h.clock.now().getTime() - 60_000));
    expect(outcome['reviews.summary']).toBe('ran');
    await h.settle();
    expect(h.fake.cardsIn(group)).toHaveLength(1);
    const summary = h.fake.cardsIn(group).at(-1)!.card;
    expect(cardText(summary)).toContain('文稿审核月度情况（2026年11月）');
    const text = markdownContents(summary).join('\n');
    expect(text).toContain('本月提交审核文稿共 3 份，其中普通文稿 2 份、讲话稿 1 份');
    expect(text).toContain('科长：审核 2 次，中位 1小时，最长 2小时，按时率 100%');
    expect(text).toContain('分管副主任：审核 1 次，中位 2个工作日，最长 2个工作日，按时率 0%');
    expectNoCodes(text);
    // Any other working day: nothing.
    const count = h.fake.cardsIn(group).length;
    await h.app.router.runJob('reviews.summary', at('2026-12-02T09:00:00'));
    await h.settle();
    expect(h.fake.cardsIn(group)).toHaveLength(count);
  });
});
