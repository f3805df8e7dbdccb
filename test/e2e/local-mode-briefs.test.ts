import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openIdOf } from '../../src/local/demo-office.js';
import { startLocalMode, type LocalMode } from '../../src/local/local-mode.js';
import { SESSION_HEADER } from '../../src/local/page-guard.js';
import { beijingDate } from '../../src/platform/time.js';
import { cardText } from '../support/cards.js';
import { memoryLogger } from '../support/logger.js';

type Msg = { messageId: string; from: string; msgType: string; text?: string; card?: Record<string, unknown>; urgent?: boolean };
type Clock = { now: string; label: string; workingDay: boolean };
type Travel = { clock: Clock; ran: { job: string; at: string; outcome: string }[] };

/**
 * 政务信息 in local mode, driven through the page's API as a person on the page would: a liaison reports in
 * the demo office's 信息报送群 and another sends 零报告 in a private chat; an urgent note reaches both of
 * 信息科's editors and the office director with its clock on the card; the editor's board and a draft by
 * the rules drafter (labelled: no model is configured); then time travel by the hour brings the 2 h
 * reminder, the 3 h escalation, the 16:00 nudge and the 17:30 漏报, each at its own step.
 */
// Local mode runs on its SQLite file only, whichever database the suite runs on.
describe('local mode: 政务信息 from the page, with time travel', () => {
  let local: LocalMode;
  let dir: string;
  const group = 'oc_demo_info';
  const api = async (path: string, body?: unknown) => {
    const headers = { [SESSION_HEADER]: local.sessionToken };
    const r = await fetch(
      `${local.app.url}${path}`,
      body === undefined ? { headers } : { method: 'POST', body: JSON.stringify(body), headers: { ...headers, 'content-type': 'application/json' } },
    );
    return { httpStatus: r.status, ...((await r.json()) as Record<string, unknown>) } as Record<string, unknown> & { httpStatus: number };
  };
  const dm = (key: string) => local.fake.p2pChatId(openIdOf(key));
  const botMessages = async (chatId: string) => ((await api(`/local/api/messages?chatId=${chatId}`)).messages as Msg[]).filter((m) => m.from === 'bot');
  const shown = (m: Msg) => m.text ?? cardText(m.card);
  const allShown = async (chatId: string) => (await botMessages(chatId)).map(shown).join('\n');
  /** Types as `key` in the chat and returns what the bot answered there. */
  const say = async (key: string, chatId: string, text: string) => {
    const before = (await botMessages(chatId)).length;
    const r = await api('/local/api/say', { chatId, from: openIdOf(key), text });
    expect(r.status).toBe(200);
    await local.app.settle();
    return (await botMessages(chatId)).slice(before).map(shown).join('\n');
  };
  const travel = async (body: unknown) => {
    const r = (await api('/local/api/time', body)) as unknown as Travel & { httpStatus: number };
    expect(r.httpStatus).toBe(200);
    await local.app.settle();
    return r;
  };
  /** 12月3日（周四）, as the bot writes the day the clock is on. */
  const dayWords = (c: Clock) => c.label.replace(/^\d{4}年/, '').replace(/ \d{2}:\d{2}/, '');
  let year = '';
  let day = '';

  // Time travel runs every job due on the way (a night's worth first): give it room on a busy machine.
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sanban-local-briefs-'));
    local = await startLocalMode({
      config: loadConfig({ PORT: '0', DATABASE_URL: `file:${join(dir, 'local.db')}` }),
      log: memoryLogger('warn').log,
      statePath: join(dir, 'local-lark.json'),
    });
    // The start-up catch-up first (housekeeping at any hour), so no job it runs late lands mid-test.
    for (let i = 0; i < 200 && (await local.app.scheduler.lastRuns()).get('housekeeping')?.status !== 'done'; i++) await new Promise((r) => setTimeout(r, 50));
    await local.app.scheduler.idle();
    await local.app.settle();
  }, 60_000);
  afterAll(async () => {
    await local?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the demo office has a 信息报送群 bound 信息, with the liaisons, both editors and the office director', async () => {
    const state = (await api('/local/api/state')) as unknown as {
      people: { openId: string; name: string; unit: string; roles: string[] }[];
      chats: { chatId: string; name: string; purposes: string[]; members: string[] }[];
    };
    const info = state.chats.find((c) => c.chatId === group)!;
    expect(info).toMatchObject({ name: '信息报送群', purposes: ['信息'] });
    const editors = state.people.filter((p) => p.unit === '信息科' && p.roles.includes('信息编辑'));
    expect(editors.map((p) => p.name).sort()).toEqual(['孙编辑', '朱编辑'].sort());
    for (const key of ['editor', 'editor2', 'director', 'liaison1', 'liaison2', 'liaison3', 'liaison4', 'liaison13'])
      expect(info.members).toContain(openIdOf(key));
    expect(await local.app.db.prisma.chatBinding.count({ where: { chatId: group, purpose: 'info' } })).toBe(1);
  });

  it('time travel by the hour is bounded: 1 to 72 whole hours', async () => {
    for (const hours of [0, 73, 1.5, 'x']) {
      const r = await api('/local/api/time', { hours });
      expect(r.httpStatus, String(hours)).toBe(400);
      expect(r.error).toBe('小时数须为 1 到 72 之间的整数。');
    }
  });

  it('a liaison reports in the group and another sends 零报告 in a private chat, on a working morning', { timeout: 60_000 }, async () => {
    const morning = await travel({ to: 'next-morning' });
    expect(morning.clock.workingDay).toBe(true);
    expect(morning.clock.label).toMatch(/ 09:30（/);
    year = beijingDate(new Date(morning.clock.now)).slice(0, 4);
    day = dayWords(morning.clock);

    const reported = await say('liaison1', group, '@三办助手 信息 报送 今天上午，城关镇召开秋冬季安全生产工作部署会，排查隐患12处，已整改9处。');
    expect(reported).toContain(`已报送：信〔${year}〕1号（城关镇，${day.replace(/（.+）$/, '')} 09:30）`);
    expect(await say('liaison2', dm('liaison2'), '信息 零报告')).toContain('已登记零报告：东坝镇');
  });

  it(
    'an urgent note: the clock on the card, both editors and the office director at once, buzzed; the reporter asked for what is missing',
    { timeout: 60_000 },
    async () => {
      const answer = await say('liaison3', dm('liaison3'), '信息 急报 今天9时10分，西河镇河西村一民房发生火灾，镇政府已组织人员赶赴现场处置。');
      expect(answer).toContain(`急情要事信〔${year}〕2号已报送，并已立即送信息科和值班领导。`);
      expect(answer).toContain('还缺少以下要素**：影响范围、初步原因。');
      const clockLine = '**时限**：事发后3小时内报送领导（12:10前）；11:10提醒信息科，12:10仍未报送即告知办公室主任。';
      for (const key of ['editor', 'editor2']) {
        const alert = (await botMessages(dm(key))).find((m) => shown(m).includes(`急情要事 信〔${year}〕2号`))!;
        expect(shown(alert)).toContain('**事发时间**：');
        expect(shown(alert)).toContain('09:10');
        expect(shown(alert)).toContain(clockLine);
        expect(shown(alert)).toContain('已报送领导');
      }
      // No 值班表 on a working day: the office director is the leader told, read only.
      const director = (await botMessages(dm('director'))).find((m) => shown(m).includes(`急情要事 信〔${year}〕2号`))!;
      expect(shown(director)).toContain('请值班领导知悉');
      expect(shown(director)).toContain(clockLine);
      // The buzz (加急) is sent by the next minute's timers; the page marks the buzzed card.
      await travel({ hours: 1 });
      expect((await botMessages(dm('editor'))).find((m) => shown(m).includes(`急情要事 信〔${year}〕2号`))?.urgent).toBe(true);
      expect(local.fake.buzzes.flatMap((b) => b.openIds).sort()).toEqual([openIdOf('editor'), openIdOf('editor2'), openIdOf('director')].sort());
    },
  );

  it('the editor sees the day’s board and drafts with the rules drafter, labelled so', async () => {
    const board = await say('editor', dm('editor'), '信息 今日');
    expect(board).toContain(`信息报送情况 · ${day}`);
    expect(board).toContain('应报 **13** 个单位：已报送 2，零报告 1，未报送 10，漏报 0');
    const draft = await say('editor', dm('editor'), '信息 起草');
    expect(draft).toContain('信息草稿（2条）');
    expect(draft).toContain('规则生成（未配置大模型）');
    expect(draft).toContain(`来源：信〔${year}〕1号`);
    expect(draft).toContain('已在来源中找到：12处');
    const items = await local.app.db.prisma.infoItem.findMany({ select: { drafter: true } });
    expect(items.map((i) => i.drafter)).toEqual(['rules', 'rules']);
  });

  it('time travel brings the 2-hour reminder to both editors, then the 3-hour escalation to the office director', { timeout: 60_000 }, async () => {
    // 10:30 → 11:30: past 11:10, not yet 12:10.
    const two = await travel({ hours: 1 });
    expect(two.ran).toContainEqual(expect.objectContaining({ job: '定时事项', outcome: '已运行' }));
    for (const key of ['editor', 'editor2']) {
      expect(await allShown(dm(key))).toContain(`【急情要事提醒】信〔${year}〕2号（西河镇`);
      expect(await allShown(dm(key))).toContain('已过2小时，尚未报送领导。');
    }
    expect(await allShown(dm('director'))).not.toContain('急情要事超时');

    await travel({ hours: 1 });
    const director = await allShown(dm('director'));
    expect(director).toContain(`【急情要事超时】信〔${year}〕2号（西河镇`);
    expect(director).toContain('已满3小时，信息科仍未报送领导。');
    expect(director).toContain('信息科：');
  });

  it('time travel to 16:30 brings the nudge to the units not yet reported, and past 17:30 the board shows 漏报', { timeout: 60_000 }, async () => {
    // 12:30 → 16:30.
    const nudge = await travel({ hours: 4 });
    expect(nudge.ran).toContainEqual(expect.objectContaining({ job: '信息催报', outcome: '已运行' }));
    const reminder = `【信息报送提醒】南山镇${day}尚未报送政务信息。请于17:30前`;
    expect(await allShown(dm('liaison4'))).toContain(reminder);
    for (const [key, unit] of [
      ['liaison1', '城关镇'],
      ['liaison2', '东坝镇'],
      ['liaison3', '西河镇'],
    ] as const)
      expect(await allShown(dm(key)), unit).not.toContain(`【信息报送提醒】${unit}${day}`);

    // 16:30 → 18:30.
    const close = await travel({ hours: 2 });
    expect(close.ran).toContainEqual(expect.objectContaining({ job: '信息漏报登记', outcome: '已运行' }));
    const board = await say('editor', dm('editor'), '信息 今日');
    expect(board).toContain('应报 **13** 个单位：已报送 2，零报告 1，未报送 0，漏报 10');
    expect(board).toContain('南山镇');
    expect(await say('liaison4', dm('liaison4'), '信息 今日')).toContain(`南山镇${day}：漏报`);
    const date = beijingDate(local.clock.now());
    const rows = await local.app.db.prisma.infoDayStatus.findMany({ where: { date }, select: { status: true } });
    expect(rows.filter((r) => r.status === 'missed')).toHaveLength(10);
  });
});
