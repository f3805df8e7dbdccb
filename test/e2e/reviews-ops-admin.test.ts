import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../fakes/clock.js';
import { cardText, markdownContents } from '../support/cards.js';
import { startHarness, type Harness } from '../support/harness.js';
import { expectNoCodes } from '../support/no-codes.js';
import { caughtUp, seedOffice, type Office } from './reviews-ops-seed.js';

describe('文稿审核: chain templates (审核 流程) and 错文公示', () => {
  let h: Harness;
  let o: Office;
  const dm = (u: Office['admin']) => h.fake.p2pChatId(u.openId);
  const say = async (u: Office['admin'], text: string) => {
    await h.fake.userSays({ chatId: dm(u), from: u, text, p2p: true });
    await h.settle();
  };
  const lastText = (u: Office['admin']) => h.fake.textsIn(dm(u)).at(-1)!;
  const lastCard = (u: Office['admin']) => h.fake.cardsIn(dm(u)).at(-1)!.card;

  beforeAll(async () => {
    h = await startHarness({ clock: new FixedClock('2026-12-01T10:00:00+08:00'), env: { ADMIN_OPEN_IDS: 'ou_admin_first' } });
    await caughtUp(h);
    o = await seedOffice(h.fake, h.app.db.prisma);
    await h.app.db.prisma.person.create({ data: { name: '秦审查', openId: 'ou_legal_qin', roles: { create: [{ role: 'legal_reviewer' }] } } });
  });
  afterAll(() => h?.stop());

  it('审核 流程 shows every kind’s chain, the defaults marked', async () => {
    await say(o.drafter, '审核 流程');
    const text = markdownContents(lastCard(o.drafter)).join('\n');
    expect(text).toContain('**规范性文件**：科长 → 分管副主任 → 法制审查 → 主任（默认）');
    expect(text).toContain('**讲话稿**：科长 → 分管副主任 → 主任 → 领导审定（默认）');
    expect(text).toContain('审核流程由管理员维护');
    expectNoCodes(text);
  });

  it('an admin sets a chain (audited); others are refused; bad chains are refused in Chinese and change nothing', async () => {
    await say(o.chief, '审核 流程 设置 讲话稿 科长 → 主任');
    expect(lastText(o.chief)).toBe('修改审核流程需要管理员角色。如需调整，请联系管理员。');
    await say(o.admin, '审核 流程 设置 规范性文件 科长 → 分管副主任 → 主任');
    expect(lastText(o.admin)).toContain('规范性文件的审核流程未修改：规范性文件须经法制审查');
    await say(o.admin, '审核 流程 设置 公文 科长 → 主任');
    expect(lastText(o.admin)).toContain('无法识别文稿种类「公文」');
    await say(o.admin, '审核 流程 设置 讲话稿 科长 → 局长');
    expect(lastText(o.admin)).toContain('第 2 级「局长」无法识别');
    expect(await h.app.db.prisma.reviewTemplate.count()).toBe(0);

    await say(o.admin, '审核 流程 设置 讲话稿 科长 → 分管副主任 → 法制审查（秦审查） → 主任 → 领导审定');
    expect(lastText(o.admin)).toBe(
      '讲话稿的审核流程已设置为：科长 → 分管副主任 → 法制审查（秦审查） → 主任 → 领导审定。此后提交的文稿按新流程审核，已在审的文稿不受影响。',
    );
    await say(o.admin, '审核 流程');
    const text = markdownContents(lastCard(o.admin)).join('\n');
    expect(text).toContain('**讲话稿**：科长 → 分管副主任 → 法制审查（秦审查） → 主任 → 领导审定\n');
    const audit = await h.app.db.prisma.auditEntry.findMany({ where: { objectType: 'review_template', objectId: 'speech' } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor).toBe(o.admin.openId);
    expect(JSON.parse(audit[0]!.before).stored).toBe(false);

    await say(o.admin, '审核 流程 恢复 讲话稿');
    expect(lastText(o.admin)).toBe('讲话稿的审核流程已恢复默认：科长 → 分管副主任 → 主任 → 领导审定。');
    expect(await h.app.db.prisma.reviewTemplate.count()).toBe(0);
  });

  it('an imported chain file: every row checked, then all written or none', async () => {
    const csv = (rows: string[]) => Buffer.from(`\ufeff种类,流程\r\n${rows.join('\r\n')}\r\n`, 'utf8');
    await h.fake.userSendsFile({
      chatId: dm(o.admin),
      from: o.admin,
      name: '审核流程.csv',
      bytes: csv(['会议纪要,科长 → 主任', '规范性文件,科长 → 主任', '公文,科长']),
    });
    await h.settle();
    const refused = lastText(o.admin);
    expect(refused).toContain('审核流程文件有误，未做任何修改');
    expect(refused).toContain('第 3 行（规范性文件）：规范性文件须经法制审查');
    expect(refused).toContain('第 4 行：无法识别种类「公文」');
    expect(await h.app.db.prisma.reviewTemplate.count()).toBe(0);

    await h.fake.userSendsFile({
      chatId: dm(o.admin),
      from: o.admin,
      name: '审核流程.csv',
      bytes: csv(['会议纪要,科长 → 主任', '政务信息,"科长, 分管副主任"']),
    });
    await h.settle();
    expect(lastText(o.admin)).toBe('已导入 2 类文稿的审核流程：\n会议纪要：科长 → 主任\n政务信息：科长 → 分管副主任');
    expect(await h.app.db.prisma.reviewTemplate.count()).toBe(2);
    expect(await h.app.db.prisma.auditEntry.count({ where: { objectType: 'review_template' } })).toBe(4);
  });

  it('错文 登记 and the month’s 公示', async () => {
    await say(o.outsider, '审核 错文 登记 县政办发〔2026〕12号 第三段日期有误');
    expect(lastText(o.outsider)).toBe('登记错文需要办公室主任、副主任、科长或管理员角色。');
    await say(o.chief, '审核 错文 登记 县政办发〔2026〕12号');
    expect(lastText(o.chief)).toContain('请写明错误内容');
    await say(o.chief, '审核 错文 登记 县政办发〔2026〕12号 第三段 日期有误 环节:科长');
    expect(lastText(o.chief)).toBe('已登记错文：县政办发〔2026〕12号，第三段 日期有误，把关环节：科长。发送「审核 错文」可查看本月错文公示。');
    await say(o.outsider, '审核 错文');
    const card = lastCard(o.outsider);
    expect(cardText(card)).toContain('错文公示（2026年12月）');
    expect(markdownContents(card).join('\n')).toContain('1. **县政办发〔2026〕12号**：第三段 日期有误；把关环节：科长（12月1日登记）');
    await say(o.outsider, '审核 错文 11月');
    expect(markdownContents(lastCard(o.outsider)).join('\n')).toBe('本月没有登记的错文。');
    expect(await h.app.db.prisma.auditEntry.count({ where: { objectType: 'review_erratum' } })).toBe(1);
  });
});
