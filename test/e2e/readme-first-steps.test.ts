import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { beijingDate } from '../../src/platform/time.js';
import { cardText } from '../support/cards.js';
import { BRIEFS, FIRST, follow, localModeFor, REVIEWS, sectionTitles, steps, TOPICS, type Chat, type Msg, type Person } from '../support/readme-script.js';

/**
 * The README's "本地试用：…" sections are scripts (test/support/readme-script.ts reads and follows them on a
 * fresh local mode each), so the README cannot drift from what the bot does; and every 文稿审核 command the
 * README names is one the bot understands.
 */

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README: the 本地试用 sections', () => {
  it('the first-steps section comes first and 文稿审核 follows it; every section has steps to do and to see', () => {
    const titles = sectionTitles(readme);
    expect(titles[0]).toBe(FIRST);
    expect(titles).toContain(REVIEWS);
    for (const t of titles) {
      const s = steps(readme, t);
      expect(
        s.some((x) => x.kind === '点击' || x.kind === '输入'),
        t,
      ).toBe(true);
      expect(
        s.some((x) => x.kind === '看到'),
        t,
      ).toBe(true);
    }
  });
});

describe('README: first steps in local mode, from 立项 to 销号', () => {
  const { ctx, api } = localModeFor('first');

  it('the section is there, in the order an item goes: 立项, 签收, 反馈进展, 申请办结, 销号, 已办结', () => {
    const script = steps(readme, FIRST);
    const done = script.filter((s) => s.kind === '点击' || s.kind === '输入').map((s) => ('arg' in s ? s.arg : ''));
    expect(done[0]).toMatch(/^@三办助手 督办 新建 /);
    const order = ['签收', '反馈进展', '提交进展', '申请办结', '提交办结申请', '销号'].map((label) => done.indexOf(label));
    expect(order.every((i, k) => i > 0 && (k === 0 || i > order[k - 1]!))).toBe(true);
    expect(script.filter((s) => s.kind === '看到').length).toBeGreaterThanOrEqual(8);
    expect(readme.slice(readme.indexOf(FIRST))).toContain('npm start');
  });

  it('following each line of the section as written, every step shows what the README says', { timeout: 60_000 }, async () => {
    await follow(ctx.local, api, steps(readme, FIRST));
    // The item went all the way: closed, in the ledger.
    const items = await ctx.local.app.db.prisma.supervisionItem.findMany({ select: { status: true, content: true } });
    expect(items).toEqual([{ status: 'closed', content: '推进城南片区老旧小区改造' }]);
  });
});

describe('README: 文稿审核 in local mode, a 规范性文件 through the chain', () => {
  const { ctx, api } = localModeFor('reviews');

  it('the section walks the chain: 提交, 通过, 退回修改, the document edited, 重新提交, 重新确认, 审核完成', () => {
    const script = steps(readme, REVIEWS);
    // A click is named by its label, with or without the reader's note in （）.
    const done = script.flatMap((s) => (s.kind === '点击' ? [[s.arg, s.full]] : s.kind === '输入' ? [[s.arg]] : s.kind === '编辑文档' ? [['编辑文档']] : []));
    expect(done[0]![0]).toMatch(/^审核 提交 /);
    const order = ['通过', '退回修改', '确认退回', '编辑文档', '重新提交（修改稿）', '确认（第2版）'].map((label) => done.findIndex((d) => d.includes(label)));
    expect(
      order.every((i, k) => i > 0 && (k === 0 || i > order[k - 1]!)),
      JSON.stringify(done),
    ).toBe(true);
    const seen = script.flatMap((s) => (s.kind === '看到' ? s.expected : []));
    expect(seen).toContain('审核完成');
  });

  it('following each line of the section as written, every step shows what the README says', { timeout: 60_000 }, async () => {
    await follow(ctx.local, api, steps(readme, REVIEWS));
    // The draft went all the way, every level signed on the edited revision.
    const prisma = ctx.local.app.db.prisma;
    const drafts = await prisma.reviewDraft.findMany({ select: { status: true, revision: true, kind: true } });
    expect(drafts).toEqual([{ status: 'approved', revision: 2, kind: 'normative' }]);
    const chain = await prisma.reviewStep.findMany({ orderBy: { position: 'asc' }, select: { label: true, status: true, revision: true } });
    expect(chain.map((c) => [c.label, c.status, c.revision])).toEqual([
      ['科长', 'approved', 2],
      ['分管副主任', 'approved', 2],
      ['法制审查', 'approved', 2],
      ['主任', 'approved', 2],
    ]);
  });
});

describe('README: 会议议题 in local mode, a topic from 申报 to 落实', () => {
  const { ctx, api } = localModeFor('topics');

  it('the section walks the chain: 申报, 同意上会, 修改后通过, 会议 新建, 列入议程, 发布议程, 召开, 议定, 纪要, 签发, 销号, 全部落实', () => {
    const script = steps(readme, TOPICS);
    const done = script.flatMap((s) => (s.kind === '点击' ? [s.arg] : s.kind === '输入' ? [s.arg.split(' ').slice(0, 2).join(' ')] : []));
    expect(done[0]).toBe('议题 申报');
    const order = [
      '同意上会',
      '修改后通过',
      '会议 新建',
      '列入议程',
      '发布议程',
      '会议 召开',
      '会议 议定',
      '会议 纪要',
      '通过',
      '提交办结申请',
      '销号',
      '会议 县政府第1次常务会议',
    ];
    const at = order.map((label) => done.indexOf(label));
    expect(
      at.every((i, k) => i > 0 && (k === 0 || i > at[k - 1]!)),
      JSON.stringify(done),
    ).toBe(true);
    expect(script.flatMap((s) => (s.kind === '看到' ? s.expected : []))).toContain('全部落实');
  });

  it('following each line of the section as written, every step shows what the README says', { timeout: 60_000 }, async () => {
    await follow(ctx.local, api, steps(readme, TOPICS));
    // The topic went all the way: discussed at the meeting, its decision a 督办 item with its source, 销号, the meeting 全部落实.
    const prisma = ctx.local.app.db.prisma;
    expect(await prisma.topic.findMany({ select: { status: true, legalOutcome: true, outcome: true } })).toEqual([
      { status: 'discussed', legalOutcome: 'conditional', outcome: 'passed_amended' },
    ]);
    expect(await prisma.meeting.findMany({ select: { number: true, status: true, minutesStatus: true, reminderSentAt: true } })).toEqual([
      { number: '县政府第1次常务会议', status: 'implemented', minutesStatus: 'issued', reminderSentAt: expect.any(Date) },
    ]);
    expect(await prisma.supervisionItem.findMany({ select: { status: true, sourceType: true, sourceRef: true } })).toEqual([
      { status: 'closed', sourceType: 'meeting', sourceRef: '县政府第1次常务会议 议题1' },
    ]);
  });
});

describe('README: 政务信息 in local mode, a day of notes, an urgent matter’s clock, the nudge and 漏报', () => {
  const { ctx, api } = localModeFor('briefs');

  it('the section walks the day: 报送, 零报告, 急报, 今日, 起草, then 2 h, 3 h, 16:00 and 17:30 by the hour', () => {
    const script = steps(readme, BRIEFS);
    const done = script.flatMap((s) =>
      s.kind === '输入'
        ? [
            s.arg
              .replace(/^@三办助手 /, '')
              .split(' ')
              .slice(0, 2)
              .join(' '),
          ]
        : s.kind === '时间'
          ? [s.arg]
          : [],
    );
    expect(done[0]).toBe('到下一个工作日早上');
    const order = ['信息 报送', '信息 零报告', '信息 急报', '信息 今日', '信息 起草', '前进 2 小时', '前进 1 小时', '前进 4 小时', '前进 2 小时'];
    let from = 0;
    for (const label of order) {
      const i = done.indexOf(label, from);
      expect(i, `${label} after ${done[from - 1] ?? 'the start'}: ${JSON.stringify(done)}`).toBeGreaterThan(from - 1);
      from = i + 1;
    }
    expect(script.flatMap((s) => (s.kind === '看到' ? s.expected : []))).toContain('规则生成（未配置大模型）');
  });

  it('following each line of the section as written, every step shows what the README says', { timeout: 60_000 }, async () => {
    await follow(ctx.local, api, steps(readme, BRIEFS));
    const prisma = ctx.local.app.db.prisma;
    // The day the section walked (the clock's, 18:30): its nudge and its 漏报, not an earlier day's.
    const units = new Map((await prisma.unit.findMany()).map((u) => [u.id, u.name]));
    const days = await prisma.infoDayStatus.findMany({ where: { date: beijingDate(ctx.local.clock.now()) } });
    const day = (unit: string) => days.find((d) => units.get(d.unitId) === unit);
    expect(['城关镇', '东坝镇', '西河镇', '南山镇'].map((u) => day(u)?.status)).toEqual(['reported', 'zero', 'reported', 'missed']);
    expect(days.filter((d) => d.status === 'missed')).toHaveLength(10);
    expect(day('南山镇')?.nudgedAt).toBeInstanceOf(Date);
    expect(day('城关镇')?.nudgedAt).toBeNull();
    const urgent = await prisma.infoNote.findFirstOrThrow({ where: { urgent: true }, select: { remindedAt: true, escalatedAt: true, sentToLeadersAt: true } });
    expect(urgent).toMatchObject({ remindedAt: expect.any(Date), escalatedAt: expect.any(Date), sentToLeadersAt: null });
    expect((await prisma.infoItem.findMany({ select: { drafter: true } })).map((i) => i.drafter)).toEqual(['rules', 'rules']);
  });
});

/**
 * The 文稿审核 commands the README names (its command table and its 文稿审核 sections), typed as written
 * after the walk-through above, by the office's 主任 (who may see every draft): each one is understood.
 */
function reviewCommandsNamed(text: string): string[] {
  const spans = [...text.matchAll(/`((?:审核|review) [^`]+)`/g)].map((m) => m[1]!.replace(/\\\|/g, '|'));
  // A <placeholder> or an elided link is for the reader to fill in; [optional] parts are left out as typed.
  return [...new Set(spans.filter((c) => !/[<>…]/.test(c)).map((c) => c.replace(/\s*\[[^\]]*\]/g, '').trim()))];
}

describe('README: every 文稿审核 command it names is one the bot understands', () => {
  const { ctx, api } = localModeFor('commands');

  it('typed in the 主任’s private chat, each gets an answer that is not 未识别 or a usage hint', { timeout: 60_000 }, async () => {
    const commands = reviewCommandsNamed(readme);
    for (const must of ['审核 提交', '审核 卡在谁那', '审核 我的', '审核 列表', '审核 流程', '审核 错文', '审核 37']) expect(commands).toContain(must);
    const state = (await api('/local/api/state')) as unknown as { people: Person[]; chats: Chat[] };
    const director = state.people.find((p) => p.name === '陈主任')!;
    const chat = state.chats.find((c) => c.kind === 'p2p' && c.p2pWith === director.openId)!;
    const failed: string[] = [];
    for (const text of commands) {
      const before = ((await api(`/local/api/messages?chatId=${chat.chatId}`)).messages as Msg[]).length;
      await api('/local/api/say', { chatId: chat.chatId, from: director.openId, text });
      await ctx.local.app.settle();
      const replies = ((await api(`/local/api/messages?chatId=${chat.chatId}`)).messages as Msg[])
        .slice(before)
        .filter((m) => m.from === 'bot')
        .map((m) => m.text ?? cardText(m.card))
        .join('\n');
      if (!replies || /未识别的指令|无法识别|用法：/.test(replies)) failed.push(`${text}: ${replies.slice(0, 120)}`);
    }
    expect(failed).toEqual([]);
  });
});

/** Sections other engineers add (领导日程 …): followed the same way, with no extra checks of their own. */
describe.each(sectionTitles(readme).filter((t) => ![FIRST, REVIEWS, TOPICS, BRIEFS].includes(t)))('README: %s in local mode', (title) => {
  const { ctx, api } = localModeFor('more');
  it('following each line of the section as written, every step shows what the README says', { timeout: 60_000 }, async () => {
    await follow(ctx.local, api, steps(readme, title));
  });
});
