import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startLocalMode, type LocalMode } from '../../src/local/local-mode.js';
import { SESSION_HEADER } from '../../src/local/page-guard.js';
import { buttonLabels, buttonValue, cardText } from '../support/cards.js';
import { memoryLogger } from '../support/logger.js';

/**
 * The README's "本地试用：…" sections, each followed line by line through the local page's API on a fresh
 * local mode: the sections are the scripts, so the README cannot drift from what the bot does. Each step's
 * 身份 / 会话 / 输入 / 点击 / 填写 / 编辑文档 line is done as a person on the page would, and each 看到 line's
 * 「…」 must be on screen in that chat afterwards.
 */

type Step =
  | { kind: '身份' | '会话'; arg: string; note?: string; line: string }
  | { kind: '点击'; arg: string; full: string; line: string }
  | { kind: '输入'; arg: string; line: string }
  | { kind: '填写'; field: string; value: string; line: string }
  | { kind: '编辑文档'; title: string; from: string; to: string; line: string }
  | { kind: '看到'; expected: string[]; line: string };

const PREFIX = '### 本地试用：';
const FIRST = `${PREFIX}第一步`;
const REVIEWS = `${PREFIX}文稿审核`;

/** Every `### 本地试用：…` heading, in README order. */
function sectionTitles(readme: string): string[] {
  return [...readme.matchAll(/^### 本地试用：.+$/gm)].map((m) => m[0].trim());
}

function steps(readme: string, heading: string): Step[] {
  const start = readme.indexOf(`${heading}\n`);
  if (start < 0) throw new Error(`README has no section ${heading}`);
  const rest = readme.slice(start + heading.length);
  const end = rest.search(/\n#{2,3} /);
  const section = end < 0 ? rest : rest.slice(0, end);
  const out: Step[] = [];
  for (const raw of section.split('\n')) {
    const m = /^\s+- (身份|会话|输入|点击|填写|编辑文档|看到)：(.+)$/.exec(raw);
    if (!m) continue;
    const [, kind, arg] = m as unknown as [string, Step['kind'], string];
    const line = raw.trim();
    if (kind === '输入') {
      const typed = /^`([^`]+)`$/.exec(arg.trim());
      if (!typed) throw new Error(`输入 without one \`command\`: ${line}`);
      out.push({ kind, arg: typed[1]!, line });
    } else if (kind === '填写') {
      const [field, value] = arg.split(' = ').map((s) => s.trim());
      if (!field || !value) throw new Error(`填写 is「字段 = 内容」: ${line}`);
      out.push({ kind, field, value, line });
    } else if (kind === '编辑文档') {
      // 编辑文档：<文档标题>，把「原文」改为「新文」: open the document on the page's 文档 tab, change, save.
      const e = /^(.+?)，把「(.+?)」改为「(.+)」$/.exec(arg.trim());
      if (!e) throw new Error(`编辑文档 is「<文档标题>，把「原文」改为「新文」」: ${line}`);
      out.push({ kind, title: e[1]!, from: e[2]!, to: e[3]!, line });
    } else if (kind === '看到') {
      out.push({ kind, expected: [...arg.matchAll(/「([^」]+)」/g)].map((q) => q[1]!), line });
    } else {
      // 身份：王督查（督查科 · 督查员）, 点击：销号（…）: what follows the name or label in （） is a note for the reader —
      // unless the button's label has it (确认（第2版）): a click tries the whole text first.
      const [name, note] = arg.trim().split(/[（）]/);
      if (kind === '点击') out.push({ kind, arg: name!.trim(), full: arg.trim(), line });
      else out.push({ kind: kind as '身份' | '会话', arg: name!.trim(), ...(note ? { note } : {}), line });
    }
  }
  return out;
}

type Msg = { messageId: string; from: string; text?: string; card?: Record<string, unknown> };
type Person = { openId: string; name: string; unit: string };
type Chat = { chatId: string; name: string; kind: 'group' | 'p2p'; p2pWith?: string };
type Json = Record<string, unknown>;

/** The fields of a form card by what the page shows for them (label, else placeholder), with their names. */
function formFields(card: unknown): { shown: string; name: string; options?: { text: string; value: string }[] }[] {
  const out: { shown: string; name: string; options?: { text: string; value: string }[] }[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Json;
      if (['input', 'select_static', 'date_picker'].includes(String(o.tag))) {
        const shown = String(((o.label ?? o.placeholder) as Json | undefined)?.content ?? '');
        const options = (o.options as Json[] | undefined)?.map((x) => ({ text: String((x.text as Json).content), value: String(x.value) }));
        out.push({ shown, name: String(o.name), ...(options ? { options } : {}) });
      }
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

type Doc = { token: string; title: string; text: string; revision: number };

/** A fresh local mode, as after `npm start` on a new checkout (or `npm run demo:reset`). */
function localModeFor(name: string) {
  const ctx = {} as { local: LocalMode; dir: string };
  beforeAll(async () => {
    ctx.dir = mkdtempSync(join(tmpdir(), `sanban-readme-${name}-`));
    const { log } = memoryLogger('warn');
    ctx.local = await startLocalMode({
      config: loadConfig({ PORT: '0', DATABASE_URL: `file:${join(ctx.dir, 'local.db')}` }),
      log,
      statePath: join(ctx.dir, 'local-lark.json'),
    });
  });
  afterAll(async () => {
    await ctx.local?.stop();
    rmSync(ctx.dir, { recursive: true, force: true });
  });
  const api = async (path: string, body?: unknown) => {
    const headers = { [SESSION_HEADER]: ctx.local.sessionToken };
    const r = await fetch(
      `${ctx.local.app.url}${path}`,
      body === undefined ? { headers } : { method: 'POST', body: JSON.stringify(body), headers: { ...headers, 'content-type': 'application/json' } },
    );
    return { status: r.status, ...((await r.json()) as Json) } as Json;
  };
  return { ctx, api };
}

/** Does every line of a section, as a person on the page would, checking each 看到. */
async function follow(local: LocalMode, api: (path: string, body?: unknown) => Promise<Json>, script: Step[]): Promise<void> {
  const state = (await api('/local/api/state')) as unknown as { people: Person[]; chats: Chat[] };
  let me: Person | undefined;
  let chat: Chat | undefined;
  let form: { messageId: string; values: Record<string, string> } | undefined;
  const messages = async () => ((await api(`/local/api/messages?chatId=${chat!.chatId}`)).messages as Msg[]).filter((m) => m.from === 'bot');
  const shown = async () => (await messages()).map((m) => m.text ?? cardText(m.card)).join('\n');

  for (const step of script) {
    const where = `README: ${step.line}`;
    switch (step.kind) {
      case '身份':
        me = state.people.find((p) => p.name === step.arg);
        expect(me, where).toBeDefined();
        // The note names the unit as the page's identity list shows it (王督查 · 督查科 · 督查员).
        if (step.note) expect(step.note.split(' · ')[0], where).toBe(me!.unit);
        form = undefined;
        break;
      case '会话':
        chat = state.chats.find((c) => c.name === step.arg && (c.kind === 'group' || c.p2pWith === me?.openId));
        expect(chat, where).toBeDefined();
        form = undefined;
        break;
      case '输入': {
        const before = (await messages()).length;
        const r = await api('/local/api/say', { chatId: chat!.chatId, from: me!.openId, text: step.arg });
        expect(r.status, where).toBe(200);
        await local.app.settle();
        const answers = (await messages())
          .slice(before)
          .map((m) => m.text ?? cardText(m.card))
          .join('\n');
        // Accepted: answered, and not with "未识别的指令" or a usage hint.
        expect(answers, where).not.toBe('');
        expect(answers, where).not.toContain('未识别的指令');
        break;
      }
      case '点击': {
        // The button as the person sees it: on the form being filled, else on the newest card in this chat that has it.
        const all = await messages();
        const has = (m: Msg, label: string) => buttonLabels(m.card).includes(label);
        const label = [step.full, step.arg].find((l) => (form ? all.filter((m) => m.messageId === form!.messageId) : all).some((m) => has(m, l))) ?? step.arg;
        const target = form ? all.find((m) => m.messageId === form!.messageId) : [...all].reverse().find((m) => has(m, label));
        expect(target, `${where}: no card with 「${label}」 in ${chat!.name}`).toBeDefined();
        const r = await api('/local/api/click', {
          messageId: target!.messageId,
          by: me!.openId,
          value: buttonValue(target!.card, label),
          ...(form ? { formValue: form.values, name: 'submit' } : {}),
        });
        expect(r.status, where).toBe(200);
        expect((r.toast as Json | undefined)?.type, `${where}: ${JSON.stringify(r.toast)}`).not.toBe('error');
        await local.app.settle();
        // A click that opened a form leaves it in place of the card: the 填写 lines that follow go into it.
        // (A card that merely carries a form beside its buttons, like the reviewer's 通过 with its optional
        // 审核意见, is not "a form opened": only a click that replaced the card with a form counts.)
        const now = (await messages()).find((m) => m.messageId === target!.messageId);
        const opened = !form && now && formFields(now.card).length > 0 && !buttonLabels(now.card).includes(label);
        form = opened ? { messageId: target!.messageId, values: {} } : undefined;
        break;
      }
      case '填写': {
        expect(form, `${where}: no form open`).toBeDefined();
        const card = (await messages()).find((m) => m.messageId === form!.messageId)!.card;
        const field = formFields(card).find((f) => f.shown === step.field);
        expect(
          field,
          `${where}: the form has no field 「${step.field}」 (${formFields(card)
            .map((f) => f.shown)
            .join('、')})`,
        ).toBeDefined();
        const option = field!.options?.find((o) => o.text === step.value);
        if (field!.options) expect(option, `${where}: no choice 「${step.value}」`).toBeDefined();
        form!.values[field!.name] = option?.value ?? step.value;
        break;
      }
      case '编辑文档': {
        // The 文档 tab: open the document by its title as the current identity, change the words, save.
        const docs = (await api('/local/api/documents')).documents as Doc[];
        const doc = docs.find((d) => d.title === step.title);
        expect(doc, `${where}: no document 「${step.title}」 (${docs.map((d) => d.title).join('、')})`).toBeDefined();
        expect(doc!.text, `${where}: 「${step.from}」 is not in the document`).toContain(step.from);
        const r = await api('/local/api/documents/edit', {
          token: doc!.token,
          by: me!.openId,
          text: doc!.text.replace(step.from, step.to),
          revision: doc!.revision,
        });
        expect(r.status, where).toBe(200);
        expect(r.revision, where).toBe(doc!.revision + 1);
        await local.app.settle();
        break;
      }
      case '看到': {
        const text = await shown();
        for (const words of step.expected) expect(text, `${where}: 「${words}」 not in ${chat!.name}`).toContain(words);
        break;
      }
    }
  }
}

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
describe.each(sectionTitles(readme).filter((t) => t !== FIRST && t !== REVIEWS))('README: %s in local mode', (title) => {
  const { ctx, api } = localModeFor('more');
  it('following each line of the section as written, every step shows what the README says', { timeout: 60_000 }, async () => {
    await follow(ctx.local, api, steps(readme, title));
  });
});
