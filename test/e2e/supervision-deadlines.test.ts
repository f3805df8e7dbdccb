import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../fakes/clock.js';
import type { FakeUser } from '../../src/local/lark/server.js';
import { buttonValue, cardText } from '../support/cards.js';
import { startHarness, type Harness } from '../support/harness.js';

/**
 * Deadlines typed the way an office says them, in the one-line 立项, through the real SDK and the fake
 * Lark: relative phrases are accepted and said back as understood; a date that does not exist is
 * answered with the reason and every accepted form.
 */
describe('督办 deadlines as people type them', () => {
  const clock = new FixedClock('2026-11-23T10:00:00+08:00'); // Monday
  let h: Harness;
  let supervisor: FakeUser;
  let group: string;
  let housingId: string;
  let n = 0;

  beforeAll(async () => {
    h = await startHarness({ clock });
    supervisor = h.fake.addUser('王督查');
    const liaison = h.fake.addUser('刘联络');
    group = h.fake.addChat('督查工作群', [supervisor]);
    const db = h.app.db.prisma;
    const office = await db.unit.create({ data: { code: 'DCK', name: '督查科', kind: 'office_section' } });
    const housing = await db.unit.create({ data: { code: 'ZJJ', name: '县住建局', kind: 'department' } });
    await db.person.create({
      data: { name: supervisor.name, openId: supervisor.openId, unitId: office.id, roles: { create: [{ role: 'supervisor', scope: '' }] } },
    });
    await db.person.create({
      data: { name: liaison.name, openId: liaison.openId, unitId: housing.id, roles: { create: [{ role: 'liaison', scope: 'supervision' }] } },
    });
    await db.chatBinding.create({ data: { chatId: group, purpose: 'supervision' } });
    housingId = housing.id;
  });
  afterAll(() => h?.stop());

  /** Creates an item with a distinct content and returns the texts the group received for it. */
  const create = async (deadline: string) => {
    const before = h.fake.textsIn(group).length;
    const r = await h.fake.userSays({ chatId: group, from: supervisor, text: `@三办助手 督办 新建 第${++n}项测试工作 单位:县住建局 期限:${deadline}` });
    expect(r.status).toBe(200);
    await h.settle();
    return h.fake.textsIn(group).slice(before);
  };
  const items = () => h.app.db.prisma.supervisionItem.findMany({ orderBy: { seq: 'asc' } });

  it.each([
    ['下周五', '2026-12-04', '完成时限：12月4日（周五）'],
    ['12月18日', '2026-12-18', '完成时限：12月18日（周五）'],
    ['三个工作日', '2026-11-26', '完成时限：11月26日（周四）'],
  ])('accepts 期限:%s and says back the date it understood', async (typed, date, said) => {
    const count = (await items()).length;
    const texts = await create(typed);
    const created = await items();
    expect(created).toHaveLength(count + 1);
    expect(created.at(-1)!.deadline).toBe(date);
    expect(texts.join('\n')).toContain(said);
    expect(texts.join('\n')).toContain(`「${typed}」`);
    expect(cardText(h.fake.cardsIn(group).at(-1)!.card)).toContain(created.at(-1)!.number);
  });

  it('answers 2026年13月1日 with the precise reason and the list of forms, and creates nothing', async () => {
    const count = (await items()).length;
    const texts = (await create('2026年13月1日')).join('\n');
    expect(texts).toContain('期限「2026年13月1日」不是有效日期：月份应为 1 至 12。');
    for (const example of ['2026-12-18', '2026年12月18日', '12月18日', '明天', '下周五', '下下周一', '月底', '下月初', '三个工作日', '10天'])
      expect(texts).toContain(example);
    expect(await items()).toHaveLength(count);
  });

  it('reads the 立项 form: its date picker value and the dates of its 实施步骤, through the same parser', async () => {
    await h.fake.userSays({ chatId: group, from: supervisor, text: '@三办助手 督办 新建' });
    await h.settle();
    const form = h.fake.cardsIn(group).at(-1)!;
    const submit = (milestones: string) =>
      h.fake.click({
        messageId: form.messageId,
        by: supervisor,
        value: buttonValue(JSON.parse(h.fake.messages.get(form.messageId)!.content), '立项'),
        formValue: {
          content: '表单立项的测试工作',
          unit: housingId,
          deadline: '2026-12-18 +0800',
          source: 'meeting',
          urgency: 'normal',
          cycle: 'none',
          promised: 'no',
          milestones,
        },
        name: 'submit',
      });
    const late = await submit('2026年12月25日 验收');
    expect(JSON.stringify(late.body)).toContain('实施步骤第 1 行的日期12月25日（周五）应在今天与完成时限12月18日（周五）之间');
    const bad = await submit('12月1日 完成摸排\n2月30日 完成整治');
    expect(JSON.stringify(bad.body)).toContain('实施步骤第 2 行的日期「2月30日」不是有效日期');
    const good = await submit('12月1日 完成摸排\n下周五 完成整治\n2026-12-15 完成验收');
    expect(good.body).toMatchObject({ toast: { type: 'success' } });
    const item = await h.app.db.prisma.supervisionItem.findFirstOrThrow({ where: { content: '表单立项的测试工作' } });
    expect(item.deadline).toBe('2026-12-18');
    const milestones = await h.app.db.prisma.supervisionMilestone.findMany({ where: { itemId: item.id }, orderBy: { dueDate: 'asc' } });
    expect(milestones.map((m) => [m.dueDate, m.title])).toEqual([
      ['2026-12-01', '完成摸排'],
      ['2026-12-04', '完成整治'],
      ['2026-12-15', '完成验收'],
    ]);
  });

  it('refuses a 下周五 that falls in the National Day holiday, suggesting the working days either side', async () => {
    clock.set('2026-09-24T10:00:00+08:00'); // Thursday before 国庆
    const count = (await items()).length;
    const texts = (await create('下周五')).join('\n');
    expect(texts).toContain('期限10月2日（周五，国庆节假期）不是工作日，请改为前后的工作日：9月30日（周三）或10月8日（周四）。');
    expect(await items()).toHaveLength(count);
  });
});
