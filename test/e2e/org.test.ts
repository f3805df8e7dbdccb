import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeUser } from '../../src/local/lark/server.js';
import { startHarness, type Harness } from '../support/harness.js';
import { csvOf, xlsxOf, type SheetRow } from '../support/org-fixtures.js';

type AnyCard = { header: { title: { content: string } }; body: { elements: unknown[] } };

/** Every button in a card, with its label and callback value. */
function buttonsOf(card: unknown): { label: string; value: Record<string, unknown> }[] {
  const found: { label: string; value: Record<string, unknown> }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const el = node as { tag?: string; text?: { content: string }; behaviors?: { value: Record<string, unknown> }[] };
    if (el.tag === 'button' && el.behaviors?.[0]) found.push({ label: el.text!.content, value: el.behaviors[0].value });
    Object.values(node).forEach(walk);
  };
  walk(card);
  return found;
}

describe('org directory in Lark chats (real SDK, fake Lark)', () => {
  let h: Harness;
  let admin: FakeUser;
  let chief: FakeUser;
  let inspector: FakeUser;
  let stranger: FakeUser;
  /** Everyone, and a stranger not in the directory. */
  let group: string;
  /** People in the directory only. */
  let registered: string;
  const dm = (u: FakeUser) => h.fake.p2pChatId(u.openId);
  const lastText = (chat: string) => h.fake.textsIn(chat).at(-1);
  const lastCard = (chat: string) => h.fake.cardsIn(chat).at(-1)!;
  const say = async (u: FakeUser, text: string, chat?: string) => {
    const r = chat ? await h.fake.userSays({ chatId: chat, from: u, text }) : await h.fake.userSays({ chatId: dm(u), from: u, text, p2p: true });
    expect(r.status).toBe(200);
    await h.settle();
  };
  const rolesOf = async (u: FakeUser) => (await h.app.db.prisma.roleGrant.findMany({ where: { person: { openId: u.openId } } })).map((g) => g.role).sort();

  beforeAll(async () => {
    const adminOpenId = 'ou_a0000000000000000000000000000001';
    // Many replies land in one group in quick succession: no per-chat rate limit here (the outbox tests cover it).
    h = await startHarness({ env: { ADMIN_OPEN_IDS: adminOpenId }, fake: { perChatRate: 0 } });
    admin = h.fake.addUser('孙主任', { openId: adminOpenId, mobile: '13900000001' });
    chief = h.fake.addUser('王科长', { mobile: '13900000002' });
    inspector = h.fake.addUser('赵督查', { email: 'zhao@gov.example.cn' });
    stranger = h.fake.addUser('路人甲');
    group = h.fake.addChat('办公室工作群', [admin, chief, inspector, stranger]);
    registered = h.fake.addChat('办公室科长群', [admin, chief, inspector]);
  });
  afterAll(() => h?.stop());

  it('imports the directory file an admin sends in a direct message, filling open_ids through Lark', async () => {
    const rows: SheetRow[] = [
      { 姓名: '孙主任', 单位: '县政府办公室', 单位类型: '部门', 职务: '主任', 手机: '13900000001', 角色: '办公室主任、管理员', 分管单位: '督查科、综合科' },
      { 姓名: '王科长', 单位: '综合科', 单位类型: '科室', 职务: '科长', 手机: '139 0000 0002', 角色: '科长' },
      { 姓名: '赵督查', 单位: '督查科', 职务: '科员', 邮箱: 'zhao@gov.example.cn', 角色: '督查员' },
      { 姓名: '', 单位: '督查科' },
    ];
    const r = await h.fake.userSendsFile({ chatId: dm(admin), from: admin, name: '人员名册.csv', bytes: csvOf(rows) });
    expect(r.status).toBe(200);
    await h.settle();
    const text = lastText(dm(admin))!;
    expect(text).toContain('人员名册导入完成（人员名册.csv）');
    expect(text).toContain('新增 3 人');
    expect(text).toContain('关联飞书账号 3 人');
    expect(text).toContain('第5行：姓名为空');
    expect(h.fake.callsTo(/\/resources\//, 'GET')).toHaveLength(1);
    expect(h.fake.callsTo(/batch_get_id/, 'POST')).toHaveLength(1);
    expect(await rolesOf(inspector)).toEqual(['supervisor']);

    // The same directory again, as .xlsx, changes nothing.
    await h.fake.userSendsFile({ chatId: dm(admin), from: admin, name: '人员名册.xlsx', bytes: await xlsxOf(rows) });
    await h.settle();
    const again = lastText(dm(admin))!;
    expect(again).toContain('新增 0 人，更新 0 人，无变化 3 人');
    expect(again).toContain('其余各行与现有记录一致，未做任何修改。');
    expect(again).toContain('第5行：姓名为空');
  });

  it('refuses a directory file from someone who is not an admin, naming the role', async () => {
    await h.fake.userSendsFile({ chatId: dm(chief), from: chief, name: '名册.xlsx', bytes: await xlsxOf([{ 姓名: '王科长', 角色: '管理员' }]) });
    await h.settle();
    expect(lastText(dm(chief))).toBe('您没有权限导入人员名册：需要管理员角色。如需开通，请联系管理员。');
    expect(await rolesOf(chief)).toEqual(['section_chief']);
    // Refused before anything is downloaded (the admin's two imports are the only downloads).
    expect(h.fake.callsTo(/\/resources\//, 'GET')).toHaveLength(2);
    // Other files keep the usual answer (a .docx or .pdf is a draft for 文稿审核 now: reviews-file.test.ts).
    await h.fake.userSendsFile({ chatId: dm(chief), from: chief, name: '材料.zip', bytes: Buffer.from('PK') });
    await h.settle();
    expect(lastText(dm(chief))).toContain('暂不支持处理此类消息');
  });

  it('answers 我是谁 with the unit and roles, and tells an unknown person how to be registered', async () => {
    await say(chief, '我是谁');
    const card = lastCard(dm(chief)).card as AnyCard;
    expect(card.header.title.content).toBe('我的信息');
    expect(JSON.stringify(card.body)).toContain('综合科 · 科长');
    await say(admin, 'whoami');
    expect(JSON.stringify(lastCard(dm(admin)).card)).toContain('办公室主任/副主任（分管：督查科、综合科）');
    await say(stranger, '我是谁');
    expect(JSON.stringify(lastCard(dm(stranger)).card)).toContain(stranger.openId);
  });

  it('shows 成员 and 单位 to people in the directory, with revoke buttons only for admins', async () => {
    await say(chief, '成员 赵督查');
    const seen = lastCard(dm(chief)).card;
    expect(JSON.stringify(seen)).toContain('督查员');
    expect(buttonsOf(seen)).toEqual([]);
    await say(admin, '@三办助手 成员 @王科长', registered);
    expect(buttonsOf(lastCard(registered).card).map((b) => b.label)).toEqual(['撤销「科长」']);
    await say(chief, '单位');
    const units = JSON.stringify(lastCard(dm(chief)).card);
    expect(units).toContain('综合科（1 人）');
    expect(units).toContain('**科室**');
    await say(chief, '成员 不存在的人');
    expect(lastText(dm(chief))).toBe('人员名册中没有「不存在的人」。');
  });

  it('answers 单位 and 成员 in a group with someone not in the directory privately, telling the group; among registered people in place', async () => {
    const note = '本群有未登记在人员名册中的成员，人员名册信息不宜在本群公开，已私信发送给您，请查收。';
    const cases: [string, string][] = [
      ['单位', '综合科（1 人）'],
      ['单位 综合科', '王科长'],
      ['成员 王科长', '综合科 · 科长'],
    ];
    // Each command's outcome is gathered first, so a failure names every command that leaked.
    const outcomes = [];
    for (const [text, shown] of cases) {
      const groupCards = h.fake.cardsIn(group).length;
      const dmCards = h.fake.cardsIn(dm(chief)).length;
      await say(chief, `@三办助手 ${text}`, group);
      const dmCard = h.fake.cardsIn(dm(chief)).length > dmCards ? JSON.stringify(lastCard(dm(chief)).card) : '';
      outcomes.push({
        text,
        reply: lastText(group),
        groupCards: h.fake.cardsIn(group).length - groupCards,
        dmCards: h.fake.cardsIn(dm(chief)).length - dmCards,
        shownInDm: dmCard.includes(shown),
      });
    }
    expect(outcomes).toEqual(cases.map(([text]) => ({ text, reply: note, groupCards: 0, dmCards: 1, shownInDm: true })));
    for (const [text, shown] of cases) {
      const dmCards = h.fake.cardsIn(dm(chief)).length;
      const registeredTexts = h.fake.textsIn(registered).length;
      await say(chief, `@三办助手 ${text}`, registered);
      expect(JSON.stringify(lastCard(registered).card)).toContain(shown);
      expect(h.fake.textsIn(registered)).toHaveLength(registeredTexts);
      expect(h.fake.cardsIn(dm(chief))).toHaveLength(dmCards);
    }
    // 我是谁 shows only the asker's own unit and roles: answered in place, stranger or not.
    const groupCards = h.fake.cardsIn(group).length;
    await say(chief, '@三办助手 我是谁', group);
    expect(h.fake.cardsIn(group)).toHaveLength(groupCards + 1);
    expect(JSON.stringify(lastCard(group).card)).toContain('综合科 · 科长');
  });

  it('refuses 成员 and 单位 to someone not in the directory, telling them how to be registered', async () => {
    const cardsBefore = h.fake.cardsIn(dm(stranger)).length;
    const groupCardsBefore = h.fake.cardsIn(group).length;
    const refusal = '人员名册仅向已登记人员开放。请发送「我是谁」查看您的 open_id，并将其提供给管理员登记后再查询。';
    for (const text of ['单位', '单位 综合科', '成员 王科长', '成员 不存在的人']) {
      await say(stranger, text);
      expect(lastText(dm(stranger))).toBe(refusal);
    }
    await say(stranger, '@三办助手 成员 @王科长', group);
    expect(lastText(group)).toBe(refusal);
    await say(stranger, '@三办助手 单位', group);
    expect(lastText(group)).toBe(refusal);
    // Nothing of the directory reached the stranger or the group on their behalf.
    expect(h.fake.cardsIn(dm(stranger))).toHaveLength(cardsBefore);
    expect(h.fake.cardsIn(group)).toHaveLength(groupCardsBefore);
    const seen = [...h.fake.textsIn(dm(stranger)), ...h.fake.textsIn(group)].join('\n');
    for (const leaked of ['王科长', '综合科（', '科长', '督查员']) expect(seen).not.toContain(leaked);
    // 我是谁 stays open, and is where the stranger finds what to give the admin.
    await say(stranger, '我是谁');
    expect(JSON.stringify(lastCard(dm(stranger)).card)).toContain(stranger.openId);
  });

  it('lets an admin grant and revoke roles, and refuses others naming the 管理员 role', async () => {
    await say(admin, '@三办助手 授权 @王科长 督查员', group);
    expect(lastText(group)).toBe('已授予王科长「督查员」角色。');
    expect(await rolesOf(chief)).toEqual(['section_chief', 'supervisor']);
    await say(admin, '@三办助手 授权 @赵督查 联络员 信息', group);
    expect(lastText(group)).toBe('已授予赵督查「联络员」角色（信息）。');

    await say(chief, '@三办助手 授权 @王科长 管理员', group);
    expect(lastText(group)).toBe('您没有权限授予角色：需要管理员角色。如需开通，请联系管理员。');
    await say(chief, '@三办助手 撤销 @赵督查 督查员', group);
    expect(lastText(group)).toBe('您没有权限撤销角色：需要管理员角色。如需开通，请联系管理员。');
    expect(await rolesOf(inspector)).toEqual(['liaison', 'supervisor']);

    await say(admin, '撤销 王科长 supervisor');
    expect(lastText(dm(admin))).toBe('已撤销王科长的「督查员」角色。');
    await say(admin, '授权 @路人甲 科长');
    expect(lastText(dm(admin))).toContain('「路人甲」尚未登记在人员名册中');
    await say(admin, '授权 王科长 宣传员');
    expect(lastText(dm(admin))).toMatch(/^无法识别角色「宣传员」。可用角色：管理员、/);
  });

  it('binds a group to purposes, lists and removes them; only admins may change them', async () => {
    await say(admin, '@三办助手 绑定 督查', group);
    expect(lastText(group)).toBe('已将本群绑定为「督查」群（督查督办通知与通报）。');
    await say(admin, '@三办助手 绑定 管理', group);
    await say(admin, '@三办助手 绑定 督查', group);
    expect(lastText(group)).toBe('本群已绑定「督查」用途，无需重复绑定。');
    await say(stranger, '@三办助手 绑定', group);
    expect(lastText(group)).toContain('本群当前用途：\n- 督查：督查督办通知与通报\n- 管理：');
    await say(stranger, '@三办助手 解绑 督查', group);
    expect(lastText(group)).toBe('您没有权限绑定或解绑群用途：需要管理员角色。如需开通，请联系管理员。');
    await say(admin, '@三办助手 解绑 督查', group);
    expect(lastText(group)).toBe('已解除本群的「督查」用途。');
    const bindings = await h.app.db.prisma.chatBinding.findMany({ where: { chatId: group } });
    expect(bindings.map((b) => b.purpose)).toEqual(['admin']);
    const audits = await h.app.db.prisma.auditEntry.findMany({ where: { objectType: 'chat_binding', objectId: group } });
    expect(audits.map((a) => a.action)).toEqual(['bind', 'bind', 'unbind']);
  });

  it('refuses a card click by someone without the role, even when the button names an admin', async () => {
    await say(admin, '@三办助手 成员 王科长', registered);
    const { messageId, card } = lastCard(registered);
    const button = buttonsOf(card).find((b) => b.label === '撤销「科长」')!;
    expect(button.value).toMatchObject({ a: 'org.revoke', role: 'section_chief', requestedBy: admin.openId });

    const refused = await h.fake.click({ messageId, by: chief, value: button.value });
    expect(refused.body).toMatchObject({ toast: { type: 'error', content: '您没有权限撤销角色：需要管理员角色。如需开通，请联系管理员。' } });
    await h.settle();
    expect(await rolesOf(chief)).toEqual(['section_chief']);

    const done = await h.fake.click({ messageId, by: admin, value: button.value });
    expect(done.body).toMatchObject({ toast: { type: 'success', content: '已撤销王科长的「科长」角色。' } });
    await h.settle();
    expect(await rolesOf(chief)).toEqual([]);
    // The card now shows the current state.
    const updated = JSON.parse(h.fake.messages.get(messageId)!.content) as AnyCard;
    expect(JSON.stringify(updated)).toContain('**角色**：暂无');
    expect(buttonsOf(updated)).toEqual([]);
  });

  it('lists the org commands in help', async () => {
    await say(stranger, '帮助');
    const help = JSON.stringify(lastCard(dm(stranger)).card);
    for (const usage of ['我是谁', '成员 <姓名>', '授权 @某人 <角色> [范围]', '绑定 [用途]']) expect(help).toContain(usage);
  });
});
