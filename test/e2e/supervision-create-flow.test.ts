import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../fakes/clock.js';
import type { FakeUser } from '../../src/local/lark/server.js';
import { buttonLabels, buttonValue, cardText } from '../support/cards.js';
import { startHarness, type Harness } from '../support/harness.js';

/**
 * 立项 as an office types it: short unit names and 吴县长-style addresses resolved by the org directory
 * (never guessed), the unit's 分管领导 when no leader is named, the same item entered twice asked about
 * first, arguments checked field by field, an over-long command refused whole.
 */
describe('督办 立项: who is who, duplicates, limits', () => {
  const clock = new FixedClock('2026-11-24T10:00:00+08:00');
  let h: Harness;
  let supervisor: FakeUser, supervisor2: FakeUser, liaison: FakeUser, deputy: FakeUser;
  let group: string;
  const ids: Record<string, string> = {};
  let n = 0;
  const say = async (text: string) => {
    await h.fake.userSays({ chatId: group, from: supervisor, text: `@三办助手 ${text}`, messageId: `om_flow_${++n}` });
    await h.settle();
  };
  const lastText = () => h.fake.textsIn(group).at(-1) ?? '';
  const count = () => h.app.db.prisma.supervisionItem.count();

  beforeAll(async () => {
    h = await startHarness({ clock });
    supervisor = h.fake.addUser('王督查');
    supervisor2 = h.fake.addUser('杨督查');
    liaison = h.fake.addUser('吕晓燕');
    deputy = h.fake.addUser('吴立新');
    group = h.fake.addChat('督查工作群', [supervisor, supervisor2, liaison, deputy]);
    const db = h.app.db.prisma;
    // Entered in this order: the form must group them by kind, not list them by entry or character code.
    for (const [key, name, kind] of [
      ['czj', '县财政局', 'department'],
      ['xhz', '西河镇', 'town'],
      ['dbz', '东坝镇', 'town'],
      ['dck', '督查科', 'office_section'],
    ] as const) {
      ids[key] = (await db.unit.create({ data: { code: name, name, kind } })).id;
    }
    await db.person.create({ data: { name: supervisor.name, openId: supervisor.openId, unitId: ids.dck!, roles: { create: [{ role: 'supervisor' }] } } });
    await db.person.create({ data: { name: supervisor2.name, openId: supervisor2.openId, unitId: ids.dck!, roles: { create: [{ role: 'supervisor' }] } } });
    await db.person.create({
      data: { name: liaison.name, openId: liaison.openId, unitId: ids.xhz!, roles: { create: [{ role: 'liaison', scope: 'supervision' }] } },
    });
    ids.zheng = (await db.person.create({ data: { name: '郑国强', title: '副县长', roles: { create: [{ role: 'leader' }] } } })).id;
    ids.wu = (
      await db.person.create({
        data: { name: deputy.name, openId: deputy.openId, title: '常务副县长', roles: { create: [{ role: 'leader', scope: `unit:${ids.czj}` }] } },
      })
    ).id;
    await db.chatBinding.create({ data: { chatId: group, purpose: 'supervision' } });
  });
  afterAll(() => h?.stop());

  it('a short unit name and a colloquial address name the unit and the leader', async () => {
    await say('督办 新建 修缮西河老街 单位:西河 领导:吴县长 期限:2026-12-18');
    const item = await h.app.db.prisma.supervisionItem.findFirstOrThrow({ where: { content: '修缮西河老街' } });
    expect(item.unitId).toBe(ids.xhz);
    expect(item.leaderId).toBe(ids.wu);
  });

  it('a leader @-mentioned in the command is the one mentioned', async () => {
    await h.fake.userSays({
      chatId: group,
      from: supervisor,
      text: '@三办助手 督办 新建 清理东坝河道 单位:东坝镇 领导:@吴立新 期限:2026-12-18',
      messageId: `om_flow_${++n}`,
    });
    await h.settle();
    const item = await h.app.db.prisma.supervisionItem.findFirstOrThrow({ where: { content: '清理东坝河道' } });
    expect(item.leaderId).toBe(ids.wu);
  });

  it('督办 领导 finds the leader by address too, and a typo is answered, not an empty list', async () => {
    await say('督办 领导 吴县长');
    // Shown where only those who may see the items read it (the group or the asker's DM).
    const list =
      [...h.fake.cardsIn(group), ...h.fake.cardsIn(h.fake.p2pChatId(supervisor.openId))].map((c) => cardText(c.card)).find((t) => t.includes('领导负责事项')) ??
      '';
    expect(list).toContain('领导负责事项');
    expect(list).toContain('修缮西河老街');
    await say('督办 领导 吴立心');
    expect(lastText()).toBe('未找到负责领导「吴立心」。是否为：吴立新？');
  });

  it('a typo gets 是否为 and creates nothing', async () => {
    const before = await count();
    await say('督办 新建 测试事项 单位:西和镇 期限:2026-12-18');
    expect(lastText()).toBe('未找到承办单位「西和镇」。是否为：西河镇？');
    await say('督办 新建 测试事项 单位:西河镇 领导:赵县长 期限:2026-12-18');
    expect(lastText()).toContain('未找到负责领导「赵县长」');
    expect(await count()).toBe(before);
  });

  it('no leader named: the unit’s 分管领导 from the directory, named on the card', async () => {
    await say('督办 新建 盘活闲置资产 单位:财政局 期限:2026-12-18');
    const item = await h.app.db.prisma.supervisionItem.findFirstOrThrow({ where: { content: '盘活闲置资产' } });
    expect(item.leaderId).toBe(ids.wu);
    // Said back on the item card, which names the leader (an @ of 吴立新).
    expect(JSON.stringify(h.fake.cardsIn(group).at(-1)!.card)).toContain(`**负责领导**：<at id=${deputy.openId}></at>`);
  });

  it('the same item entered again within a day is asked about; a double click on 确认重复立项 creates one', async () => {
    const before = await count();
    await say('督办 新建 盘活闲置资产 单位:县财政局 期限:12月18日');
    expect(await count()).toBe(before);
    const warning = h.fake.cardsIn(group).at(-1)!;
    expect(cardText(warning.card)).toContain('督〔2026〕3号');
    expect(buttonLabels(warning.card)).toEqual(['确认重复立项', '取消']);
    const value = buttonValue(warning.card, '确认重复立项');
    const [a, b] = await Promise.all([
      h.fake.click({ messageId: warning.messageId, by: supervisor, value }),
      h.fake.click({ messageId: warning.messageId, by: supervisor, value }),
    ]);
    await h.settle();
    expect(await count()).toBe(before + 1);
    expect([a.status, b.status]).toEqual([200, 200]);
    // The same warning confirmed by a second supervisor in the group (not a repeat of the first click).
    const late = await h.fake.click({ messageId: warning.messageId, by: supervisor2, value });
    await h.settle();
    expect(late.body).toMatchObject({ toast: { content: '该事项已经立项，未重复创建。' } });
    expect(await count()).toBe(before + 1);
  });

  it('the 立项 form asks the same way, in place of the form', async () => {
    const before = await count();
    await say('督办 新建');
    const form = h.fake.cardsIn(group).at(-1)!;
    const values = {
      content: '盘活闲置资产',
      unit: ids.czj!,
      deadline: '2026-12-18 +0800',
      source: 'meeting',
      urgency: 'normal',
      cycle: 'none',
      promised: 'no',
    };
    const r = await h.fake.click({ messageId: form.messageId, by: supervisor, value: buttonValue(form.card, '立项'), formValue: values, name: 'submit' });
    expect(r.body).toMatchObject({ toast: { type: 'warning' } });
    const shown = JSON.parse(h.fake.messages.get(form.messageId)!.content) as unknown;
    expect(buttonLabels(shown)).toEqual(['确认重复立项', '取消']);
    expect(await count()).toBe(before);
    const ok = await h.fake.click({ messageId: form.messageId, by: supervisor, value: buttonValue(shown, '确认重复立项') });
    expect(ok.body).toMatchObject({ toast: { content: expect.stringContaining('尚未登记督查联络员') } }); // created; this unit has no liaison to send it to
    expect(cardText(JSON.parse(h.fake.messages.get(form.messageId)!.content) as unknown)).toContain('待签收');
    expect(await count()).toBe(before + 1);
  });

  it('取消 creates nothing', async () => {
    const before = await count();
    await say('督办 新建 盘活闲置资产 单位:县财政局 期限:2026-12-18');
    const warning = h.fake.cardsIn(group).at(-1)!;
    const r = await h.fake.click({ messageId: warning.messageId, by: supervisor, value: buttonValue(warning.card, '取消') });
    expect(r.body).toMatchObject({ toast: { content: '已取消，未重复立项。' } });
    await h.settle();
    expect(await count()).toBe(before);
  });

  it('one-line arguments are checked field by field, each named with an example', async () => {
    await say('督办 新建 测试事项 单位:西河镇');
    expect(lastText()).toBe('请填写完成时限，如「期限:12月18日（或 下周五、10个工作日）」。');
    await say('督办 新建 测试事项 单位:西河镇 单位:东坝镇 领导: 期限:2026-12-18');
    expect(lastText()).toBe('「单位:」写了两次，承办单位只能写一个。\n「领导:」后未填写负责领导，如「领导:吴副县长」，不需要时请删去「领导:」。');
  });

  it('an over-long command is refused whole: one message naming the limit, nothing half-read', async () => {
    const before = await count();
    const texts = h.fake.textsIn(group).length;
    await say(`督办 新建 ${'很'.repeat(4000)} 单位:西河镇 期限:2026-12-18`);
    const answers = h.fake.textsIn(group).slice(texts);
    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatch(/^指令过长（共4,0\d\d字，上限3,950字），未予处理。/);
    expect(await count()).toBe(before);
  });

  it('the 立项 form lists units by kind and leaders by rank', async () => {
    await say('督办 新建');
    const form = JSON.stringify(h.fake.cardsIn(group).at(-1)!.card);
    const order = (names: string[]) => names.map((x) => form.indexOf(`"content":"${x}"`));
    const units = order(['督查科', '西河镇', '东坝镇', '县财政局']);
    expect(units.every((i) => i > 0)).toBe(true);
    expect([...units].sort((x, y) => x - y)).toEqual(units);
    const leaders = order(['吴立新（常务副县长）', '郑国强（副县长）']);
    expect(leaders.every((i) => i > 0)).toBe(true);
    expect([...leaders].sort((x, y) => x - y)).toEqual(leaders);
  });
});
