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
 * The README's "本地试用：第一步", followed line by line through the local page's API: the section is the
 * script, so the README cannot drift from what the bot does. Each step's 身份 / 会话 / 输入 / 点击 / 填写 line
 * is done as a person on the page would, and each 看到 line's 「…」 must be on screen in that chat afterwards.
 */

type Step =
  | { kind: '身份' | '会话' | '点击' | '时间'; arg: string; note?: string; line: string }
  | { kind: '输入'; arg: string; line: string }
  | { kind: '填写'; field: string; value: string; line: string }
  | { kind: '看到'; expected: string[]; line: string };

const SECTION = '### 本地试用：第一步';

function firstSteps(readme: string): Step[] {
  const start = readme.indexOf(SECTION);
  if (start < 0) throw new Error(`README has no section ${SECTION}`);
  const rest = readme.slice(start + SECTION.length);
  const end = rest.search(/\n#{2,3} /);
  const section = end < 0 ? rest : rest.slice(0, end);
  const steps: Step[] = [];
  for (const raw of section.split('\n')) {
    const m = /^\s+- (身份|会话|输入|点击|填写|看到|时间)：(.+)$/.exec(raw);
    if (!m) continue;
    const [, kind, arg] = m as unknown as [string, Step['kind'], string];
    const line = raw.trim();
    if (kind === '输入') {
      const typed = /^`([^`]+)`$/.exec(arg.trim());
      if (!typed) throw new Error(`输入 without one \`command\`: ${line}`);
      steps.push({ kind, arg: typed[1]!, line });
    } else if (kind === '填写') {
      const [field, value] = arg.split(' = ').map((s) => s.trim());
      if (!field || !value) throw new Error(`填写 is「字段 = 内容」: ${line}`);
      steps.push({ kind, field, value, line });
    } else if (kind === '看到') {
      steps.push({ kind, expected: [...arg.matchAll(/「([^」]+)」/g)].map((q) => q[1]!), line });
    } else {
      // 身份：王督查（督查科 · 督查员）, 点击：销号（…）: what follows the name or label in （） is a note for the reader.
      const [name, note] = arg.trim().split(/[（）]/);
      steps.push({ kind, arg: name!.trim(), ...(note ? { note } : {}), line });
    }
  }
  return steps;
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

describe('README: first steps in local mode, from 立项 to 销号', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  let local: LocalMode;
  let dir: string;
  const api = async (path: string, body?: unknown) => {
    const headers = { [SESSION_HEADER]: local.sessionToken };
    const r = await fetch(
      `${local.app.url}${path}`,
      body === undefined ? { headers } : { method: 'POST', body: JSON.stringify(body), headers: { ...headers, 'content-type': 'application/json' } },
    );
    return (await r.json()) as Json;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sanban-readme-'));
    const { log } = memoryLogger('warn');
    local = await startLocalMode({
      config: loadConfig({ PORT: '0', DATABASE_URL: `file:${join(dir, 'local.db')}` }),
      log,
      statePath: join(dir, 'local-lark.json'),
    });
  });
  afterAll(async () => {
    await local?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the section is there, in the order an item goes: 立项, 签收, 反馈进展, 申请办结, 销号, 已办结', () => {
    const steps = firstSteps(readme);
    const done = steps.filter((s) => s.kind === '点击' || s.kind === '输入').map((s) => ('arg' in s ? s.arg : ''));
    expect(done[0]).toMatch(/^@三办助手 督办 新建 /);
    const order = ['签收', '反馈进展', '提交进展', '申请办结', '提交办结申请', '销号'].map((label) => done.indexOf(label));
    expect(order.every((i, k) => i > 0 && (k === 0 || i > order[k - 1]!))).toBe(true);
    expect(steps.filter((s) => s.kind === '看到').length).toBeGreaterThanOrEqual(8);
    expect(readme.slice(readme.indexOf(SECTION))).toContain('npm start');
  });

  it('following each line of the section as written, every step shows what the README says', { timeout: 60_000 }, async () => {
    const state = (await api('/local/api/state')) as { people: Person[]; chats: Chat[] };
    let me: Person | undefined;
    let chat: Chat | undefined;
    let form: { messageId: string; values: Record<string, string> } | undefined;
    const messages = async () => ((await api(`/local/api/messages?chatId=${chat!.chatId}`)).messages as Msg[]).filter((m) => m.from === 'bot');
    const shown = async () => (await messages()).map((m) => m.text ?? cardText(m.card)).join('\n');

    for (const step of firstSteps(readme)) {
      const where = `README: ${step.line}`;
      switch (step.kind) {
        case '身份':
          me = state.people.find((p) => p.name === step.arg);
          expect(me, where).toBeDefined();
          // The note names the unit as the page's identity list shows it (王督查 · 督查科 · 督查员).
          if (step.note) expect(step.note.split(' · ')[0], where).toBe(me!.unit);
          break;
        case '会话':
          chat = state.chats.find((c) => c.name === step.arg && (c.kind === 'group' || c.p2pWith === me?.openId));
          expect(chat, where).toBeDefined();
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
          const target = form ? all.find((m) => m.messageId === form!.messageId) : [...all].reverse().find((m) => buttonLabels(m.card).includes(step.arg));
          expect(target, `${where}: no card with 「${step.arg}」 in ${chat!.name}`).toBeDefined();
          const r = await api('/local/api/click', {
            messageId: target!.messageId,
            by: me!.openId,
            value: buttonValue(target!.card, step.arg),
            ...(form ? { formValue: form.values, name: 'submit' } : {}),
          });
          expect(r.status, where).toBe(200);
          expect((r.toast as Json | undefined)?.type, `${where}: ${JSON.stringify(r.toast)}`).not.toBe('error');
          await local.app.settle();
          // A click that opened a form leaves it in place of the card: the 填写 lines that follow go into it.
          const now = (await messages()).find((m) => m.messageId === target!.messageId);
          form = formFields(now?.card).length ? { messageId: target!.messageId, values: {} } : undefined;
          break;
        }
        case '时间': {
          // The page's time panel: only the button the section names.
          expect(step.arg, where).toBe('到下一个工作日早上');
          const r = await api('/local/api/time', { to: 'next-morning' });
          expect(r.clock, where).toBeDefined();
          await local.app.settle();
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
        case '看到': {
          const text = await shown();
          for (const words of step.expected) expect(text, `${where}: 「${words}」 not in ${chat!.name}`).toContain(words);
          break;
        }
      }
    }
    // The item went all the way: closed, in the ledger.
    const items = await local.app.db.prisma.supervisionItem.findMany({ select: { status: true, content: true } });
    expect(items).toEqual([{ status: 'closed', content: '推进城南片区老旧小区改造' }]);
  });
});
