import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../fakes/clock.js';
import { cardText } from '../support/cards.js';
import { caughtUp } from '../support/caught-up.js';
import { startHarness, type Harness } from '../support/harness.js';
import type { FakeUser } from '../../src/local/lark/types.js';

/**
 * 政务信息 notes and the daily board through the real SDK and the fake Lark: five units on a working day —
 * three report (one in the bound 信息报送 group, one 涉密), one sends 零报告, one does not report at all and
 * is nudged at 16:00 and recorded 漏报 at 17:30; edit and withdraw until an editor uses a note; bad input
 * answered in words; and a Saturday with neither nudge nor 漏报.
 */
describe('政务信息: notes, 零报告, the board, the nudge and 漏报', () => {
  const clock = new FixedClock('2026-12-01T08:50:00+08:00'); // Tuesday, a working day
  let h: Harness;
  let liaisons: FakeUser[];
  let editor: FakeUser, stranger: FakeUser;
  let infoGroup: string, otherGroup: string;
  const units = ['城关镇', '县教育局', '县应急管理局', '县卫生健康局', '县交通运输局'];
  const dm = (u: FakeUser) => h.fake.p2pChatId(u.openId);
  const say = async (u: FakeUser, text: string, chatId = dm(u)) => {
    await h.fake.userSays({ chatId, from: u, text, p2p: chatId === dm(u) });
    await h.settle();
  };
  const lastText = (u: FakeUser) => h.fake.textsIn(dm(u)).at(-1) ?? '';
  const minute = () => new Date(clock.now().getTime() - 60_000);
  const tick = () => h.app.scheduler.tick(clock.now(), minute());
  const dayOf = async (i: number, date = '2026-12-01') => {
    const p = h.app.db.prisma;
    const unit = (await p.unit.findUnique({ where: { name: units[i]! } }))!;
    return p.infoDayStatus.findUnique({ where: { unitId_date: { unitId: unit.id, date } } });
  };

  beforeAll(async () => {
    h = await startHarness({ clock });
    await caughtUp(h);
    const p = h.app.db.prisma;
    liaisons = units.map((u, i) => h.fake.addUser(`${u.slice(-3)}联络员${i + 1}`));
    editor = h.fake.addUser('信息科编辑');
    stranger = h.fake.addUser('未登记人员');
    for (const [i, name] of units.entries()) {
      const unit = await p.unit.create({ data: { code: `U${i}`, name, kind: i === 0 ? 'town' : 'department' } });
      const person = await p.person.create({ data: { name: liaisons[i]!.name, openId: liaisons[i]!.openId, unitId: unit.id } });
      await p.roleGrant.create({ data: { personId: person.id, role: 'liaison', scope: 'info' } });
    }
    const section = await p.unit.create({ data: { code: 'XXK', name: '信息科', kind: 'office_section' } });
    const e = await p.person.create({ data: { name: editor.name, openId: editor.openId, unitId: section.id } });
    await p.roleGrant.create({ data: { personId: e.id, role: 'editor' } });
    infoGroup = h.fake.addChat('信息报送群', [liaisons[0]!, liaisons[1]!, editor]);
    otherGroup = h.fake.addChat('工作交流群', [liaisons[0]!, editor]);
    await p.chatBinding.create({ data: { chatId: infoGroup, purpose: 'info' } });
  });
  afterAll(() => h?.stop());

  it('takes notes in a private chat and in the bound group, numbers them and marks the unit 已报送', async () => {
    clock.set('2026-12-01T09:10:00+08:00');
    await say(liaisons[0]!, '信息 报送 【工作动态】今天上午，城关镇召开秋冬季安全生产工作部署会，排查隐患12处，已整改9处。');
    expect(lastText(liaisons[0]!)).toContain('已报送：信〔2026〕1号（城关镇，12月1日 09:10）');
    expect(lastText(liaisons[0]!)).toContain('类别：工作动态');
    await say(liaisons[1]!, '@三办助手 信息 报送 县教育局启动2026年冬季校园安全专项检查，覆盖全县中小学46所。', infoGroup);
    expect(h.fake.textsIn(infoGroup).at(-1)).toContain('已报送：信〔2026〕2号（县教育局');
    const p = h.app.db.prisma;
    const notes = await p.infoNote.findMany({ orderBy: { seq: 'asc' } });
    expect(notes.map((n) => [n.number, n.source, n.state, n.declaredKind])).toEqual([
      ['信〔2026〕1号', 'dm', 'reported', '工作动态'],
      ['信〔2026〕2号', 'group', 'reported', ''],
    ]);
    expect((await dayOf(0))?.status).toBe('reported');
    expect((await dayOf(1))?.status).toBe('reported');
    // Lark re-delivers: the same message is not a second note.
    await h.fake.userSays({ chatId: dm(liaisons[0]!), from: liaisons[0]!, text: '信息 报送 重复投递的同一条消息。', p2p: true, messageId: 'om_dup_1' });
    await h.fake.userSays({ chatId: dm(liaisons[0]!), from: liaisons[0]!, text: '信息 报送 重复投递的同一条消息。', p2p: true, messageId: 'om_dup_1' });
    await h.settle();
    expect(await p.infoNote.count({ where: { messageId: 'om_dup_1' } })).toBe(1);
  });

  it('attaches an image sent after a note to the reporter’s latest open note of today', async () => {
    const p = h.app.db.prisma;
    await h.fake.userSendsFile({ chatId: dm(liaisons[0]!), from: liaisons[0]!, name: '现场照片.jpg', bytes: new Uint8Array([1, 2, 3]), p2p: true });
    await h.settle();
    expect(lastText(liaisons[0]!)).toContain('已将附件「现场照片.jpg」附到信〔2026〕3号（共1个附件）');
    const note = (await p.infoNote.findUnique({ where: { number: '信〔2026〕3号' } }))!;
    expect(JSON.parse(note.attachments)).toEqual([expect.objectContaining({ kind: 'image', name: '现场照片.jpg' })]);
    // No note of theirs today: told what to do first.
    await h.fake.userSendsFile({ chatId: dm(liaisons[4]!), from: liaisons[4]!, name: '照片.png', bytes: new Uint8Array([1]), p2p: true });
    await h.settle();
    expect(lastText(liaisons[4]!)).toContain('请先发送「信息 报送 <正文>」报送信息，再发送图片或附件');
  });

  it('flags a note marked 涉密, and one containing a sensitive word, as never for a model', async () => {
    await say(liaisons[2]!, '信息 报送 涉密 县应急管理局完成重点目标防护方案修订。');
    const reply = lastText(liaisons[2]!);
    expect(reply).toContain('标记：涉密');
    expect(reply).toContain('不会交由大模型处理');
    await say(liaisons[2]!, '信息 报送 县应急管理局转发上级机密文件一份，已按规定登记。');
    expect(lastText(liaisons[2]!)).toContain('含敏感词「机密」，已标记为敏感信息');
    const p = h.app.db.prisma;
    const [secret, sensitive] = await p.infoNote.findMany({ where: { reporterOpenId: liaisons[2]!.openId }, orderBy: { seq: 'asc' } });
    expect(secret).toMatchObject({ secret: true, sensitive: false, body: '县应急管理局完成重点目标防护方案修订。' });
    expect(sensitive).toMatchObject({ secret: false, sensitive: true, sensitiveWords: '["机密"]' });
  });

  it('takes 零报告 once, and refuses it from a unit that has reported', async () => {
    await say(liaisons[3]!, '信息 零报告');
    expect(lastText(liaisons[3]!)).toContain('已登记零报告：县卫生健康局');
    await say(liaisons[3]!, '信息 零报告');
    expect(lastText(liaisons[3]!)).toContain('县卫生健康局今日已零报告');
    expect((await dayOf(3))?.status).toBe('zero');
    await say(liaisons[0]!, '信息 零报告');
    expect(lastText(liaisons[0]!)).toContain('本单位今日已报送信息2条，无需零报告。');
  });

  it('answers bad input in words: empty, over-long, an unbound group, a person who is no liaison', async () => {
    await say(liaisons[0]!, '信息 报送 【内部】');
    expect(lastText(liaisons[0]!)).toContain('请写明信息正文');
    expect(lastText(liaisons[0]!)).toContain('信息 零报告');
    await say(liaisons[0]!, `信息 报送 ${'全县'.repeat(1501)}`);
    expect(lastText(liaisons[0]!)).toContain('信息正文共3002字，超过3000字的上限');
    await say(liaisons[0]!, '@三办助手 信息 报送 在未绑定的群里报送。', otherGroup);
    expect(h.fake.textsIn(otherGroup).at(-1)).toContain('已绑定的信息报送群');
    await say(stranger, '信息 报送 我不是联络员。');
    expect(lastText(stranger)).toContain('名册中的人员');
    expect(await h.app.db.prisma.infoNote.count()).toBe(5);
  });

  it('takes a note by form: the clicker’s unit, the marks chosen, an empty text refused, one note per form', async () => {
    const p = h.app.db.prisma;
    await say(liaisons[2]!, '信息 报送');
    const form = h.fake.cardsIn(dm(liaisons[2]!)).at(-1)!;
    expect(cardText(form.card)).toContain('报送政务信息');
    const value = { a: 'info.report.form' };
    const empty = await h.fake.click({ messageId: form.messageId, by: liaisons[2]!, value, formValue: { body: '   ', mark: 'none' }, name: 'submit' });
    expect((empty.body as { toast?: { content: string } }).toast?.content).toContain('请写明信息正文');
    // Someone who is no liaison cannot report through a form they were shown.
    const foreign = await h.fake.click({ messageId: form.messageId, by: stranger, value, formValue: { body: '冒名报送。', mark: 'none' }, name: 'submit' });
    expect((foreign.body as { toast?: { content: string } }).toast?.content).toContain('名册中的人员');
    const before = await p.infoNote.count();
    const formValue = { body: '县应急管理局开展危化品企业专项检查，检查企业8家。', kind: '工作动态', mark: 'secret', urgent: 'no' };
    const ok = await h.fake.click({ messageId: form.messageId, by: liaisons[2]!, value, formValue, name: 'submit' });
    await h.settle();
    expect((ok.body as { toast?: { content: string } }).toast?.content).toContain('已报送：信〔2026〕');
    await h.fake.click({ messageId: form.messageId, by: liaisons[2]!, value, formValue, name: 'submit' });
    await h.settle();
    expect(await p.infoNote.count()).toBe(before + 1);
    const note = (await p.infoNote.findFirst({ where: { source: 'form' } }))!;
    expect(note).toMatchObject({ secret: true, declaredKind: '工作动态', reporterOpenId: liaisons[2]!.openId });
  });

  it('edits and withdraws a note until an editor has used it; the last note withdrawn reopens the day', async () => {
    const p = h.app.db.prisma;
    await say(liaisons[0]!, '信息 修改 信〔2026〕1号 今天上午，城关镇召开秋冬季安全生产工作部署会，排查隐患12处，已整改10处。');
    expect(lastText(liaisons[0]!)).toContain('已修改：信〔2026〕1号');
    expect((await p.infoNote.findUnique({ where: { number: '信〔2026〕1号' } }))?.body).toContain('已整改10处');
    // Someone else's note is not theirs to change.
    await say(liaisons[0]!, '信息 撤回 信〔2026〕2号');
    expect(lastText(liaisons[0]!)).toContain('该信息的报送人');
    // The group's note withdrawn: 县教育局 has nothing left today.
    await say(liaisons[1]!, '信息 撤回');
    expect(lastText(liaisons[1]!)).toContain('已撤回：信〔2026〕2号');
    expect(lastText(liaisons[1]!)).toContain('未报送');
    expect((await dayOf(1))?.status).toBe('unreported');
    await say(liaisons[1]!, '信息 报送 县教育局组织全县教师开展防溺水安全培训，参训1200余人次。');
    expect((await dayOf(1))?.status).toBe('reported');
    // An editor used note 1: it can no longer be edited or withdrawn.
    await p.infoNote.update({ where: { number: '信〔2026〕1号' }, data: { state: 'used', version: { increment: 1 } } });
    await say(liaisons[0]!, '信息 撤回 信〔2026〕1号');
    expect(lastText(liaisons[0]!)).toContain('已被信息科采用，不能再修改或撤回');
    await say(liaisons[0]!, '信息 我的');
    expect(lastText(liaisons[0]!)).toContain('信〔2026〕1号 12月1日（周二） 已采用');
  });

  it('shows the board to the editor and a liaison their own unit', async () => {
    clock.set('2026-12-01T15:00:00+08:00');
    await say(editor, '信息 今日');
    const board = cardText(h.fake.cardsIn(dm(editor)).at(-1)!.card);
    expect(board).toContain('应报 **5** 个单位：已报送 3，零报告 1，未报送 1，漏报 0');
    expect(board).toContain('县交通运输局');
    await say(liaisons[4]!, '信息 今日');
    expect(lastText(liaisons[4]!)).toContain('县交通运输局12月1日（周二）：未报送');
  });

  it('nudges only the unit that has not reported at 16:00, once; records 漏报 at 17:30', async () => {
    clock.set('2026-12-01T16:00:00+08:00');
    expect((await tick())['briefs.nudge']).toBe('ran');
    await h.settle();
    expect(lastText(liaisons[4]!)).toContain('【信息报送提醒】县交通运输局12月1日（周二）尚未报送政务信息。请于17:30前');
    for (const l of liaisons.slice(0, 4)) expect(h.fake.textsIn(dm(l)).join('\n')).not.toContain('信息报送提醒');
    expect(await h.app.scheduler.runManually('briefs.nudge', clock.now())).toBe('ran');
    await h.settle();
    expect(h.fake.textsIn(dm(liaisons[4]!)).filter((t) => t.includes('信息报送提醒'))).toHaveLength(1);

    clock.set('2026-12-01T17:30:00+08:00');
    expect((await tick())['briefs.close']).toBe('ran');
    await h.settle();
    expect((await dayOf(4))?.status).toBe('missed');
    expect((await dayOf(3))?.status).toBe('zero');
    expect((await dayOf(0))?.status).toBe('reported');
    await say(editor, '信息 今日');
    expect(cardText(h.fake.cardsIn(dm(editor)).at(-1)!.card)).toContain('漏报（1）');
    // Reporting after the close is taken (补报) and the day stays 漏报.
    clock.set('2026-12-01T18:00:00+08:00');
    await say(liaisons[4]!, '信息 报送 县交通运输局完成国道改扩建工程路面铺设3.2公里。');
    expect(lastText(liaisons[4]!)).toContain('已报送');
    expect((await dayOf(4))?.status).toBe('missed');
  });

  it('counts the month per unit', async () => {
    await say(editor, '信息 月报');
    const text = cardText(h.fake.cardsIn(dm(editor)).at(-1)!.card);
    expect(text).toContain('信息报送月度情况 · 2026年12月');
    expect(text).toContain('县交通运输局：应报1天，报送0天，零报告0天，漏报1天');
    expect(text).toContain('县卫生健康局：应报1天，报送0天，零报告1天，漏报0天');
    await say(liaisons[0]!, '信息 月报');
    expect(lastText(liaisons[0]!)).toContain('信息编辑');
  });

  it('on a Saturday: no nudge, no 漏报, and 零报告 is not needed', async () => {
    const before = h.fake.textsIn(dm(liaisons[4]!)).length;
    clock.set('2026-12-05T16:00:00+08:00');
    expect((await tick())['briefs.nudge']).toBe('skipped');
    clock.set('2026-12-05T17:30:00+08:00');
    expect((await tick())['briefs.close']).toBe('skipped');
    await h.settle();
    expect(h.fake.textsIn(dm(liaisons[4]!))).toHaveLength(before);
    expect(await h.app.db.prisma.infoDayStatus.count({ where: { date: '2026-12-05' } })).toBe(0);
    await say(liaisons[3]!, '信息 零报告');
    expect(lastText(liaisons[3]!)).toContain('今天不是工作日');
    await say(liaisons[3]!, '信息 报送 周末县卫健局开展义诊活动，服务群众300余人。');
    expect(lastText(liaisons[3]!)).toContain('今天不是工作日，该信息已登记');
  });
});
