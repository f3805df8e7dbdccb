import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startLocalMode, type LocalMode } from '../../src/local/local-mode.js';
import { SESSION_HEADER } from '../../src/local/page-guard.js';
import { buttonLabels, buttonValue, cardText } from './cards.js';
import { memoryLogger } from './logger.js';

/**
 * The README's "本地试用：…" sections, each followed line by line through the local page's API on a fresh
 * local mode: the sections are the scripts, so the README cannot drift from what the bot does. Each step's
 * 身份 / 会话 / 输入 / 点击 / 填写 / 编辑文档 / 时间 line is done as a person on the page would, and each 看到 line's
 * 「…」 must be on screen in that chat afterwards.
 */

export type Step =
  | { kind: '身份' | '会话' | '时间'; arg: string; note?: string; line: string }
  | { kind: '点击'; arg: string; full: string; line: string }
  | { kind: '输入'; arg: string; line: string }
  | { kind: '填写'; field: string; value: string; line: string }
  | { kind: '编辑文档'; title: string; from: string; to: string; line: string }
  | { kind: '看到'; expected: string[]; line: string };

const PREFIX = '### 本地试用：';
export const FIRST = `${PREFIX}第一步`;
export const REVIEWS = `${PREFIX}文稿审核`;
export const TOPICS = `${PREFIX}会议议题`;
export const BRIEFS = `${PREFIX}政务信息`;

/** Every `### 本地试用：…` heading, in README order. */
export function sectionTitles(readme: string): string[] {
  return [...readme.matchAll(/^### 本地试用：.+$/gm)].map((m) => m[0].trim());
}

export function steps(readme: string, heading: string): Step[] {
  const start = readme.indexOf(`${heading}\n`);
  if (start < 0) throw new Error(`README has no section ${heading}`);
  const rest = readme.slice(start + heading.length);
  const end = rest.search(/\n#{2,3} /);
  const section = end < 0 ? rest : rest.slice(0, end);
  const out: Step[] = [];
  for (const raw of section.split('\n')) {
    const m = /^\s+- (身份|会话|输入|点击|填写|编辑文档|看到|时间)：(.+)$/.exec(raw);
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
      else out.push({ kind: kind as '身份' | '会话' | '时间', arg: name!.trim(), ...(note ? { note } : {}), line });
    }
  }
  return out;
}

export type Msg = { messageId: string; from: string; text?: string; card?: Record<string, unknown> };
export type Person = { openId: string; name: string; unit: string };
export type Chat = { chatId: string; name: string; kind: 'group' | 'p2p'; p2pWith?: string };
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
export function localModeFor(name: string) {
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
export async function follow(local: LocalMode, api: (path: string, body?: unknown) => Promise<Json>, script: Step[]): Promise<void> {
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
        // No form opened by a click: the field is on a card that carries its form beside its buttons (the 议题
        // reviewer's 审核意见): the newest such card in this chat, whose next 点击 then submits what was filled.
        if (!form) {
          const carrier = [...(await messages())].reverse().find((m) => formFields(m.card).some((f) => f.shown === step.field));
          if (carrier) form = { messageId: carrier.messageId, values: {} };
        }
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
      case '时间': {
        // The page's time panel: 到下一个工作日早上, or 前进 N 小时 (its hours box filled in, then its button).
        const hours = /^前进 (\d+) 小时$/.exec(step.arg);
        expect(hours || step.arg === '到下一个工作日早上', where).toBeTruthy();
        const r = await api('/local/api/time', hours ? { hours: Number(hours[1]) } : { to: 'next-morning' });
        expect(r.clock, where).toBeDefined();
        await local.app.settle();
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
