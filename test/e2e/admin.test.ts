import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../fakes/clock.js';
import type { FakeUser } from '../../src/local/lark/server.js';
import { cardText, markdownContents } from '../support/cards.js';
import { caughtUp } from '../support/caught-up.js';
import { startHarness, type Harness } from '../support/harness.js';
import { expectNoCodes } from '../support/no-codes.js';

describe('admin commands: 任务 and 记录', () => {
  const clock = new FixedClock('2026-11-24T10:00:00+08:00');
  let h: Harness;
  let admin: FakeUser, supervisor: FakeUser, outsider: FakeUser;
  let group: string;
  const dm = (u: FakeUser) => h.fake.p2pChatId(u.openId);

  beforeAll(async () => {
    // The first admin comes from ADMIN_OPEN_IDS; fixed ids so the environment can name them.
    h = await startHarness({ clock, env: { ADMIN_OPEN_IDS: 'ou_admin_first' } });
    // Before anything is bound or run: the start-up catch-up must not land mid-test.
    await caughtUp(h);
    admin = h.fake.addUser('系统管理员', { openId: 'ou_admin_first' });
    supervisor = h.fake.addUser('王督查');
    outsider = h.fake.addUser('赵科员');
    group = h.fake.addChat('督查工作群', [admin, supervisor]);
    const db = h.app.db.prisma;
    const office = await db.unit.create({ data: { code: 'DCK', name: '督查科', kind: 'office_section' } });
    const housing = await db.unit.create({ data: { code: 'ZJJ', name: '县住建局' } });
    await db.person.create({ data: { name: supervisor.name, openId: supervisor.openId, unitId: office.id, roles: { create: [{ role: 'supervisor' }] } } });
    await db.person.create({ data: { name: outsider.name, openId: outsider.openId, unitId: housing.id } });
  });
  afterAll(() => h?.stop());

  it('lists the scheduled jobs for an admin, and runs one by hand', async () => {
    await h.fake.userSays({ chatId: dm(admin), from: admin, text: '任务 执行 数据清理', p2p: true });
    await h.settle();
    await h.fake.userSays({ chatId: dm(admin), from: admin, text: '任务 列表', p2p: true });
    await h.settle();
    expect(h.fake.textsIn(dm(admin)).slice(-2)).toEqual(['正在运行「数据清理」……', '「数据清理」已运行。']);
    expect(await h.app.db.prisma.jobRun.count({ where: { job: 'housekeeping', period: { startsWith: 'manual:' }, status: 'done' } })).toBe(1);
    const list = markdownContents(h.fake.cardsIn(dm(admin)).at(-1)!.card).join('\n');
    for (const name of ['督办催办', '督查通报', '节假日检查', '数据清理', '定时事项']) expect(list).toContain(name);
    // Schedules and the last run in words, in Beijing time as an office writes it.
    for (const words of ['每个工作日 09:00', '每周一 09:30', '每天 03:30', '每分钟', '最近一次：11月24日 10:00 手动运行，已运行', '尚未运行'])
      expect(list).toContain(words);
    expectNoCodes(list);
    expectNoCodes(h.fake.textsIn(dm(admin)).join('\n'));
  });

  it('a job named by its code name still runs, and the reply names it in Chinese', async () => {
    await h.fake.userSays({ chatId: dm(admin), from: admin, text: '任务 执行 calendar.check', p2p: true });
    await h.settle();
    expect(h.fake.textsIn(dm(admin)).at(-1)).toBe('「节假日检查」已运行。');
  });

  it('refuses 任务 to a non-admin, naming the role needed', async () => {
    await h.fake.userSays({ chatId: dm(outsider), from: outsider, text: '任务 执行 housekeeping', p2p: true });
    await h.settle();
    expect(h.fake.textsIn(dm(outsider)).at(-1)).toContain('需要管理员角色');
  });

  it("shows an item's history to those who may see it, and only to them", async () => {
    await h.fake.userSays({ chatId: group, from: supervisor, text: '@三办助手 督办 新建 清理拖欠企业账款 单位:县住建局 期限:10个工作日' });
    await h.settle();
    await h.fake.userSays({ chatId: group, from: supervisor, text: '@三办助手 记录 督〔2026〕1号' });
    await h.settle();
    const trail = cardText(h.fake.cardsIn(group).at(-1)!.card);
    expect(trail).toContain('操作记录 · 督〔2026〕1号');
    expect(trail).toContain('王督查');
    expect(trail).toContain('立项');
    const other = h.fake.addUser('钱干事');
    await h.app.db.prisma.person.create({
      data: { name: other.name, openId: other.openId, unitId: (await h.app.db.prisma.unit.findFirstOrThrow({ where: { code: 'DCK' } })).id },
    });
    await h.fake.userSays({ chatId: dm(other), from: other, text: '记录 督〔2026〕1号', p2p: true });
    await h.fake.userSays({ chatId: dm(outsider), from: outsider, text: '记录 督〔2026〕1号', p2p: true });
    await h.fake.userSays({ chatId: dm(outsider), from: outsider, text: '记录 不存在的编号', p2p: true });
    await h.settle();
    expect(h.fake.textsIn(dm(other)).at(-1)).toContain('您没有权限查看该督办事项');
    // 赵科员 belongs to 县住建局, the responsible unit: he may see it.
    expect(cardText(h.fake.cardsIn(dm(outsider)).at(-1)!.card)).toContain('立项');
    expect(h.fake.textsIn(dm(outsider)).at(-1)).toContain('没有「不存在的编号」的操作记录');
  });

  it('记录 reads in words: an item taken through every state shows no state or action code, and the chase is on it', async () => {
    const db = h.app.db.prisma;
    const liaison = h.fake.addUser('孙联络');
    const water = await db.unit.create({ data: { code: 'SLJ', name: '县水利局' } });
    await db.person.create({
      data: { name: liaison.name, openId: liaison.openId, unitId: water.id, roles: { create: [{ role: 'liaison', scope: 'supervision' }] } },
    });
    const say = async (text: string) => {
      await h.fake.userSays({ chatId: group, from: supervisor, text: `@三办助手 ${text}` });
      await h.settle();
    };
    await say('督办 新建 整治河道沿线违规排污口 单位:县水利局 期限:2026-11-25');
    await say('督办 新建 核查水库安全度汛预案 单位:县水利局 期限:2026-12-18');
    const [first, second] = await db.supervisionItem.findMany({ where: { unitId: water.id }, orderBy: { seq: 'asc' } });
    const direct = h.fake.cardsIn(dm(liaison)).find((c) => cardText(c.card).includes(first!.number))!;
    const click = async (by: FakeUser, a: string, extra: Record<string, unknown> = {}, formValue?: Record<string, unknown>) => {
      const r = await h.fake.click({
        messageId: direct.messageId,
        by,
        value: { a, id: first!.id, ...extra },
        ...(formValue ? { formValue, name: 'submit' } : {}),
      });
      expect(r.body, a).toMatchObject({ toast: { type: 'success' } });
      await h.settle();
    };
    // Before it is signed, the daily chase reminds about tomorrow's deadline: a reminder is on the record too.
    await h.fake.userSays({ chatId: dm(admin), from: admin, text: '任务 执行 督办催办', p2p: true });
    await h.settle();
    expect(h.fake.textsIn(dm(admin)).at(-1)).toBe('「督办催办」已运行。');
    await click(liaison, 'sv.ack');
    await click(liaison, 'sv.progress.submit', {}, { done: '完成排查', percent: '60', next: '逐个封堵' });
    await click(liaison, 'sv.ext.submit', {}, { reason: '汛期施工受限', date: '2026-12-04' });
    const ext = await db.supervisionExtension.findFirstOrThrow({ where: { itemId: first!.id, status: 'pending' } });
    await click(supervisor, 'sv.ext.refuse', { ext: ext.id });
    await click(liaison, 'sv.closure.submit', {}, { result: '排污口已全部封堵' });
    await click(supervisor, 'sv.refuse.submit', {}, { reason: '缺少水质检测报告' });
    await click(liaison, 'sv.closure.submit', {}, { result: '已补充水质检测报告' });
    await click(supervisor, 'sv.close');
    await say(`督办 撤销 ${second!.number} 已并入其他事项`);

    const trailOf = async (typed: string) => {
      await say(`记录 ${typed}`);
      return markdownContents(h.fake.cardsIn(group).at(-1)!.card)[0]!;
    };
    // The number as people type it, in any of its forms, finds the same record.
    const trail = await trailOf(first!.number.replace('〔', '[').replace('〕', ']'));
    for (const words of [
      '立项',
      '状态→待签收',
      '催办提醒',
      '签收',
      '状态→办理中',
      '反馈进展',
      '申请延期',
      '审批延期',
      '申请办结',
      '状态→待销号',
      '退回',
      '状态→已退回',
      '销号',
      '状态→已办结',
    ]) {
      expect(trail, words).toContain(words);
    }
    const cancelled = await trailOf(`${second!.seq}号`);
    // Without a number, the hint's example is the declared series' own.
    await say('记录');
    expect(h.fake.textsIn(group).at(-1)).toBe(
      '请写明对象编号，如「记录 督〔2026〕15号」、「记录 审〔2026〕15号」、「记录 议〔2026〕15号」、「记录 信〔2026〕15号」、「记录 第15期」。',
    );
    expect(cancelled).toContain('状态→已撤销');
    // No internal code of any kind reaches the reader: states, actions, snapshots' keys.
    for (const text of [trail, cancelled]) expect(text).not.toMatch(/[A-Za-z_]{3,}/);
    expect(await db.auditEntry.count({ where: { objectId: first!.number, action: 'remind', actor: 'system:supervision.chase' } })).toBe(1);
  });

  it('shows hostile text in 记录 as text: no mention, no link, no forged row', async () => {
    const db = h.app.db.prisma;
    // A note and a name as they might be stored by a feature: markup, and line breaks that would forge rows.
    await db.person.create({ data: { name: '<at id=all></at>\n- 2026-11-24 09:00　县长　**同意**', openId: 'ou_hostile' } });
    const note = '已办结 [详情](http://evil.example)\n- 2026-11-24 09:30　系统管理员　**销号**';
    for (const actor of ['ou_hostile', 'ou_admin_first']) {
      await db.auditEntry.create({
        data: { actor, objectType: 'chat_binding', objectId: 'oc_hostile', action: '<at id=all></at>', after: JSON.stringify({ note }), at: clock.now() },
      });
    }
    await h.fake.userSays({ chatId: dm(admin), from: admin, text: '记录 oc_hostile', p2p: true });
    await h.settle();
    const trail = markdownContents(h.fake.cardsIn(dm(admin)).at(-1)!.card);
    const rows = trail[0]!.split('\n');
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toMatch(/^- \d{4}-\d{2}-\d{2} \d{2}:\d{2}　/);
    expect(trail.join('\n')).not.toMatch(/<at|\]\(/);
    expect(trail[0]).toContain('&lt;at id=all&gt;&lt;/at&gt;');
  });
});
