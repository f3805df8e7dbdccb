import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FakeUser } from '../../src/local/lark/server.js';
import { FixedClock } from '../fakes/clock.js';
import { caughtUp } from '../support/caught-up.js';
import { startHarness, type Harness } from '../support/harness.js';
import { meetingWithAgenda } from '../support/minutes-fixtures.js';
import type * as DocxBuild from '../../src/platform/export/docx/docx-build.js';

/** Runs just before the 纪要's .docx is built: the test moves the record there, as a second person would. */
const beforeBuild = vi.hoisted(() => ({ hook: undefined as undefined | (() => Promise<void>) }));
vi.mock('../../src/platform/export/docx/docx-build.js', async (importOriginal) => {
  const real = await importOriginal<typeof DocxBuild>();
  return {
    ...real,
    buildDocxInThread: async (...args: Parameters<typeof real.buildDocxInThread>) => {
      const hook = beforeBuild.hook;
      beforeBuild.hook = undefined;
      if (hook) await hook();
      return real.buildDocxInThread(...args);
    },
  };
});

/**
 * The 纪要 is built from the meeting's outcomes and decisions outside the transaction that sends it for
 * review. Recording either moves the meeting's version, so a 纪要 built from an older reading is refused
 * (and said so) instead of leaving out a decision that 签发 would still turn into a 督办 item.
 */
describe('a 纪要 drafted while the record moves', () => {
  // Wed 2026-09-30: the 纪要 is due on Sat 2026-10-10, the make-up working day after 国庆.
  const clock = new FixedClock('2026-09-30T15:00:00+08:00');
  let h: Harness;
  let secretary: FakeUser,
    director: FakeUser,
    county: FakeUser,
    vice: FakeUser,
    absentee: FakeUser,
    supervisor: FakeUser,
    zjLiaison: FakeUser,
    czLiaison: FakeUser;
  let meetingGroup: string, svGroup: string;
  const number = '县政府第1次常务会议';
  const dm = (u: FakeUser) => h.fake.p2pChatId(u.openId);
  const say = async (text: string) => {
    await h.fake.userSays({ chatId: dm(secretary), from: secretary, text, p2p: true });
    await h.settle();
    return h.fake.textsIn(dm(secretary)).at(-1) ?? '';
  };
  const meeting = () => h.app.db.prisma.meeting.findFirstOrThrow({ where: { number } });

  beforeAll(async () => {
    h = await startHarness({ clock });
    await caughtUp(h);
    secretary = h.fake.addUser('赵秘书');
    director = h.fake.addUser('陈主任');
    county = h.fake.addUser('张县长');
    vice = h.fake.addUser('李副县长');
    absentee = h.fake.addUser('王副县长');
    supervisor = h.fake.addUser('孙督查');
    zjLiaison = h.fake.addUser('刘联络');
    czLiaison = h.fake.addUser('周联络');
    meetingGroup = h.fake.addChat('县政府常务会议群', [county, vice, absentee, director, secretary]);
    svGroup = h.fake.addChat('督查工作群', [supervisor]);
    const db = h.app.db.prisma;
    const office = await db.unit.create({ data: { code: 'BGS', name: '县政府办公室', kind: 'office_section' } });
    const zj = await db.unit.create({ data: { code: 'ZJJ', name: '县住建局', kind: 'department' } });
    const cz = await db.unit.create({ data: { code: 'CZJ', name: '县财政局', kind: 'department' } });
    await db.unit.create({ data: { code: 'SFJ', name: '司法局', kind: 'department' } });
    const person = (u: FakeUser, unitId: string, title: string, roles: [string, string][]) =>
      db.person.create({ data: { name: u.name, openId: u.openId, unitId, title, roles: { create: roles.map(([role, scope]) => ({ role, scope })) } } });
    const sec = await person(secretary, office.id, '秘书', [['secretary', '']]);
    await person(director, office.id, '办公室主任', [['director', '']]);
    const zhang = await person(county, office.id, '县长', [['leader', '']]);
    const li = await person(vice, office.id, '副县长', [
      ['leader', `unit:${zj.id}`],
      ['leader', `unit:${cz.id}`],
    ]);
    const wang = await person(absentee, office.id, '副县长', [['leader', '']]);
    await person(supervisor, office.id, '督查员', [['supervisor', '']]);
    const zjl = await person(zjLiaison, zj.id, '科员', [['liaison', 'supervision']]);
    await person(czLiaison, cz.id, '科员', [['liaison', 'supervision']]);
    await db.chatBinding.create({ data: { chatId: svGroup, purpose: 'supervision' } });
    await meetingWithAgenda(db, {
      startsAt: new Date('2026-09-30T09:00:00+08:00'),
      presidingId: zhang.id,
      attendeeIds: [zhang.id, li.id, wang.id],
      chatId: meetingGroup,
      creator: { id: sec.id, openId: secretary.openId },
      topics: [
        { title: '关于老旧小区改造实施方案的议题', unitId: zj.id, submitter: { id: zjl.id, openId: zjLiaison.openId }, leaderId: li.id },
        { title: '县级财政预算调整方案', unitId: cz.id, submitter: { id: zjl.id, openId: zjLiaison.openId }, leaderId: li.id, attendUnitIds: [zj.id] },
      ],
    });
  });
  afterAll(() => h?.stop());

  it('recording an outcome or a decision moves the meeting version', async () => {
    expect(await say(`会议 召开 ${number} 请假:王副县长`)).toContain('10月10日');
    const v0 = (await meeting()).version;
    await say(`会议 结果 ${number} 1 通过`);
    const v1 = (await meeting()).version;
    expect(v1).toBeGreaterThan(v0);
    await say(`会议 议定 ${number} 1 抓紧推进老旧小区改造 承办:县住建局 领导:李副县长 时限:10月30日`);
    expect((await meeting()).version).toBeGreaterThan(v1);
  });

  it('a decision recorded while the 纪要 is built: the 纪要 is not sent for review, the office is told to generate it again', async () => {
    await say(`会议 结果 ${number} 议题2 原则通过 请进一步细化资金测算`);
    clock.set('2026-10-09T10:00:00+08:00');
    const m0 = await meeting();
    // What a concurrent 会议 议定 leaves behind: one more decision, and the meeting's version moved.
    beforeBuild.hook = async () => {
      await h.app.db.prisma.meeting.update({ where: { id: m0.id }, data: { version: { increment: 1 } } });
    };
    const reply = await say(`会议 纪要 ${number}`);
    expect(reply).toContain('在生成纪要期间有变化，纪要未送审');
    const m1 = await meeting();
    expect({ status: m1.status, minutesStatus: m1.minutesStatus, reviewDraftId: m1.reviewDraftId }).toEqual({
      status: 'held',
      minutesStatus: m0.minutesStatus,
      reviewDraftId: m0.reviewDraftId,
    });
    // Generated again from the current record, it goes.
    const again = await say(`会议 纪要 ${number}`);
    expect(again).toContain('陈主任审核');
    expect((await meeting()).status).toBe('minutes');
  });
});
