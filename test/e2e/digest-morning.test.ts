import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../src/db/client.js';
import { seedMeetingTypes } from '../../src/features/topics/index.js';
import { seedDemoOffice } from '../../src/local/demo-office.js';
import type { FakeUser } from '../../src/local/lark/server.js';
import { FixedClock } from '../fakes/clock.js';
import { markdownContents } from '../support/cards.js';
import { caughtUp } from '../support/caught-up.js';
import { startHarness, type Harness } from '../support/harness.js';
import { makeTopic } from '../support/topic-factory.js';

const at = (s: string) => new Date(`${s}+08:00`);
const MORNING = '2026-09-29'; // a Tuesday; the previous working day is Monday 09-28
const HOLIDAY = '2026-10-02'; // 国庆

/**
 * 今日汇要 end to end, through the real SDK against the fake Lark: the demo office, one working morning.
 * A leader, a reviewer, a liaison and a secretary each get exactly one card with their sections; someone
 * with nothing to see gets none; a second run the same morning sends nothing; on a holiday nobody gets one.
 */
describe('今日汇要: one morning card per person', () => {
  let h: Harness;
  let db: PrismaClient;
  const people: Record<string, { id: string; openId: string; name: string }> = {};
  const users = new Map<string, FakeUser>();
  const dm = (openId: string) => h.fake.p2pChatId(openId);
  const morningCards = (key: string) =>
    h.fake.cardsIn(dm(people[key]!.openId)).filter((c) => JSON.stringify((c.card as { header?: unknown }).header ?? '').includes('今日汇要'));
  const text = (key: string) => markdownContents(morningCards(key).at(-1)!.card).join('\n');
  const allMorningCards = () => Object.keys(people).reduce((n, k) => n + morningCards(k).length, 0);

  beforeAll(async () => {
    h = await startHarness({ clock: new FixedClock(at(`${MORNING}T06:30:00`)) });
    await caughtUp(h);
    db = h.app.db.prisma;
    await seedDemoOffice(db);
    // Everyone of the demo office, by name (the four under test also by what they are, below).
    for (const p of await db.person.findMany({ where: { openId: { not: null } } })) {
      users.set(p.openId!, h.fake.addUser(p.name, { openId: p.openId! }));
      people[p.name] = { id: p.id, openId: p.openId!, name: p.name };
    }
    const housing = await db.unit.findUniqueOrThrow({ where: { name: '县住建局' } });
    // The leader in charge of 县住建局, its liaison, a reviewing 科长 and the deputies' secretary.
    const leader = await db.person.findFirstOrThrow({ where: { roles: { some: { role: 'leader', scope: `unit:${housing.id}` } } } });
    const liaison = await db.person.findFirstOrThrow({ where: { unitId: housing.id, roles: { some: { role: 'liaison', scope: 'supervision' } } } });
    const reviewer = await db.person.findFirstOrThrow({ where: { name: '蒋科长' } });
    const secretary = await db.person.findFirstOrThrow({ where: { roles: { some: { role: 'secretary', scope: `person:${leader.id}` } } } });
    for (const [k, p] of Object.entries({ leader, liaison, reviewer, secretary })) people[k] = { id: p.id, openId: p.openId!, name: p.name };
    const drafter = await db.person.findFirstOrThrow({ where: { name: '沈秘书' } });

    // 领导日程: the leader's day, one entry confirmed and one still 拟定 (the secretary's to confirm).
    await db.scheduleEntry.create({
      data: {
        leaderId: leader.id,
        date: MORNING,
        dayPart: 'exact',
        startMinute: 9 * 60,
        endMinute: 11 * 60 + 30,
        activity: '调研老旧小区改造',
        place: '城关镇',
        createdBy: 'test',
      },
    });
    await db.scheduleEntry.create({
      data: { leaderId: leader.id, date: MORNING, dayPart: 'afternoon', activity: '听取防汛工作汇报', status: 'draft', createdBy: 'test' },
    });
    // 督查督办: an item of 县住建局 two working days overdue, one due tomorrow.
    const item = (seq: number, content: string, deadline: string) =>
      db.supervisionItem.create({
        data: {
          year: 2026,
          seq,
          number: `督〔2026〕${seq}号`,
          content,
          sourceType: 'instruction',
          unitId: housing.id,
          leaderId: leader.id,
          deadline,
          status: 'in_progress',
          createdBy: 'test',
        },
      });
    await item(1, '推进背街小巷改造', '2026-09-25');
    await item(2, '完成保障房竣工验收', '2026-09-30');
    // 文稿审核: one draft on the 科长's desk since Monday, one awaiting the leader's 签发.
    const draft = async (seq: number, title: string, holder: typeof leader, role: string, label: string) => {
      const d = await db.reviewDraft.create({
        data: {
          year: 2026,
          seq,
          number: `审〔2026〕${seq}号`,
          title,
          kind: 'general',
          urgency: 'normal',
          sourceType: 'docx',
          drafterId: drafter.id,
          drafterOpenId: drafter.openId!,
          unitId: housing.id,
          status: 'reviewing',
          currentPosition: 100,
          submittedAt: at('2026-09-28T10:00:00'),
          statusAt: at('2026-09-28T10:00:00'),
        },
      });
      await db.reviewStep.create({
        data: {
          draftId: d.id,
          position: 100,
          role,
          label,
          personId: holder.id,
          openId: holder.openId!,
          personName: holder.name,
          status: 'current',
          reachedAt: at('2026-09-28T10:00:00'),
        },
      });
    };
    await draft(1, '关于做好秋冬季安全生产工作的通知', reviewer, 'section_chief', '科长');
    await draft(2, '县住建局三季度工作总结', leader, 'leader', '领导签发');
    // 会议议题: one awaiting the leader's review, one returned to the liaison.
    const [type] = await seedMeetingTypes(db);
    const topic = { unitId: housing.id, presenterId: liaison.id, leaderId: leader.id, meetingTypeId: type!.id, at: at('2026-09-28T15:00:00') };
    await makeTopic(db, { ...topic, title: '关于城区停车场建设的议题', status: 'leader_review', leaderOpinion: '' });
    await makeTopic(db, { ...topic, title: '关于老旧小区加装电梯的议题', status: 'returned', leaderOpinion: '请补充资金测算依据', submitterId: liaison.id });
    // 政务信息: a 急情要事 reported yesterday.
    await db.infoNote.create({
      data: {
        year: 2026,
        seq: 1,
        number: '信〔2026〕1号',
        unitId: housing.id,
        reporterId: liaison.id,
        reporterOpenId: liaison.openId!,
        date: '2026-09-28',
        reportedAt: at('2026-09-28T14:00:00'),
        body: '城关镇一在建工地发生塔吊倾斜，无人员伤亡，已疏散周边群众。',
        urgent: true,
      },
    });
  });
  afterAll(() => h?.stop());

  it('on a working morning, each gets one card with their sections; nobody with nothing to see gets one', async () => {
    h.clock.set(at(`${MORNING}T08:00:00`));
    const outcome = await h.app.scheduler.tick(h.clock.now(), new Date(h.clock.now().getTime() - 60_000));
    expect(outcome['digest.morning']).toBe('ran');
    await h.settle();

    for (const k of ['leader', 'liaison', 'reviewer', 'secretary']) expect(morningCards(k), k).toHaveLength(1);
    const leader = text('leader');
    expect(leader).toContain('今日日程 2 项');
    expect(leader).toContain('上午9:00-11:30　调研老旧小区改造（地点：城关镇）');
    expect(leader).toContain('待您审定、签发的文稿 1 份');
    expect(leader).toContain('县住建局三季度工作总结');
    expect(leader).toContain('待您审核的议题 1 项');
    expect(leader).toContain('分管范围内超期的督办事项 1 项');
    expect(leader).toContain('推进背街小巷改造');
    expect(leader).not.toContain('完成保障房竣工验收'); // not overdue: the liaison's, not the leader's
    expect(leader).toContain('急情要事 1 件');
    // Sections by role and rank: the day first, what awaits decision next, yesterday's information last.
    const order = ['今日日程', '待您审定', '待您审核的议题', '分管范围内超期', '急情要事'].map((t) => leader.indexOf(t));
    expect([...order].sort((a, b) => a - b)).toEqual(order);

    const liaison = text('liaison');
    expect(liaison).toContain('本单位待办的督办事项 2 项');
    expect(liaison).toContain('已超期2个工作日');
    expect(liaison).toContain('还有1个工作日到期');
    expect(liaison).toContain('本单位今日尚未报送');
    expect(liaison).toContain('退回修改的议题 1 项');
    expect(liaison).toContain('请补充资金测算依据');
    expect(liaison).not.toContain('待您审核的议题');

    const reviewer = text('reviewer');
    expect(reviewer).toContain('您手中待审的文稿 1 份');
    expect(reviewer).toMatch(/关于做好秋冬季安全生产工作的通知.*已审核/);

    const secretary = text('secretary');
    expect(secretary).toContain('今日尚未确认的领导日程 1 项');
    expect(secretary).toContain('听取防汛工作汇报');
    expect(secretary).not.toContain('调研老旧小区改造');

    // Nothing to see: no card (a supervisor with no items, the legal reviewer, the information editor).
    for (const name of ['杨督查', '秦审查', '朱编辑']) expect(morningCards(name), name).toHaveLength(0);
  });

  it('a second run the same morning sends nothing more', async () => {
    const before = allMorningCards();
    await h.app.router.runJob('digest.morning', h.clock.now());
    await h.settle();
    expect(allMorningCards()).toBe(before);
    for (const k of ['leader', 'liaison', 'reviewer', 'secretary']) expect(morningCards(k)).toHaveLength(1);
  });

  it('on a holiday nobody gets one', async () => {
    const before = allMorningCards();
    h.clock.set(at(`${HOLIDAY}T08:00:00`));
    const outcome = await h.app.scheduler.tick(h.clock.now(), new Date(h.clock.now().getTime() - 60_000));
    expect(outcome['digest.morning']).toBe('skipped');
    // Even run by hand (任务 执行), the run itself sends nothing on a day off.
    await h.app.router.runJob('digest.morning', h.clock.now());
    await h.settle();
    expect(allMorningCards()).toBe(before);
  });

  it('every command the cards suggest is one the bot accepts from the person it was suggested to', async () => {
    h.clock.set(at(`${MORNING}T09:30:00`));
    const tried: string[] = [];
    const refused: string[] = [];
    for (const k of ['leader', 'liaison', 'reviewer', 'secretary']) {
      const person = people[k]!;
      for (const command of new Set([...text(k).matchAll(/「([^」]+)」/g)].map((m) => m[1]!))) {
        const chat = dm(person.openId);
        const before = h.fake.messagesIn(chat).length;
        await h.fake.userSays({ chatId: chat, from: users.get(person.openId)!, text: command, p2p: true });
        await h.settle();
        const replies = h.fake
          .messagesIn(chat)
          .slice(before)
          .map((m) => m.content);
        tried.push(command);
        if (!replies.length || replies.some((r) => r.includes('未识别的指令'))) refused.push(`${k}: ${command}`);
      }
    }
    expect(tried).toEqual(expect.arrayContaining(['日程 今天', '审核 我的', '议题 列表', '信息 零报告']));
    expect(refused).toEqual([]);
  });

  it('urgent things still go at once: the chase escalates to the 督查 group, the liaison gets no separate reminder', async () => {
    const group = h.fake.addChat('督查工作群', [...users.values()], 'oc_demo_supervision');
    const separate = () => h.fake.cardsIn(dm(people.liaison!.openId)).filter((c) => JSON.stringify(c.card).includes('督办提醒')).length;
    // Wednesday 09-30 09:00: 推进背街小巷改造 is three working days overdue, the ladder's escalation.
    h.clock.set(at('2026-09-30T09:00:00'));
    const outcome = await h.app.scheduler.tick(h.clock.now(), new Date(h.clock.now().getTime() - 60_000));
    expect(outcome['supervision.chase']).toBe('ran');
    await h.settle();
    const escalation = h.fake.cardsIn(group).map((c) => JSON.stringify(c.card));
    expect(escalation.some((c) => c.includes('超期督办事项') && c.includes('推进背街小巷改造'))).toBe(true);
    expect(separate()).toBe(0);
    expect(await db.supervisionEvent.count({ where: { kind: 'escalated' } })).toBeGreaterThan(0);
  });
});
