import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { presentGroupEscalation, presentPersonDigest, type DigestLine } from '../../src/features/supervision/presenters/digest.js';
import { openIdOf } from '../../src/local/demo-office.js';
import { startLocalMode, type LocalMode } from '../../src/local/local-mode.js';
import { SESSION_HEADER } from '../../src/local/page-guard.js';
import { cardText, markdownContents } from '../support/cards.js';
import { memoryLogger } from '../support/logger.js';

type Msg = { messageId: string; from: string; text?: string; card?: Record<string, unknown> };

/** Text quoted for people to type: 「督办 我的」 on cards and in texts, “帮助” on the page. */
const quoted = (text: string) => [...text.matchAll(/「([^」]+)」|“([^”]+)”/g)].map((m) => (m[1] ?? m[2])!);

/**
 * A usage line's commands as one could type them: `督办 [我的|超期]` gives 督办, 督办 我的 and 督办 超期;
 * `任务 列表 | 任务 执行 <名称>` gives 任务 列表. Anything with a <placeholder> to fill in is left out, and a
 * bracket without choices (`单位 [单位名称]`) is an optional placeholder, so only its omission counts.
 */
function expandUsage(usage: string): string[] {
  const out: string[] = [];
  for (const alternative of usage.split(' | ')) {
    let forms = [''];
    for (const part of alternative
      .trim()
      .split(/(\[[^\]]*\])/)
      .filter(Boolean)) {
      const choices = part.startsWith('[') ? (part.includes('|') ? ['', ...part.slice(1, -1).split('|')] : ['']) : [part];
      forms = forms.flatMap((f) => choices.map((c) => `${f}${c}`));
    }
    out.push(...forms.map((f) => f.replace(/\s+/g, ' ').trim()).filter((f) => f && !/[<>]/.test(f)));
  }
  return out;
}

const typedForm = (s: string) =>
  s
    .replace(/^@三办助手\s*/, '')
    .replace(/^@\$\{state\.bot\.name\}\s*/, '')
    .trim();

describe('every command suggested to people is one the bot accepts', () => {
  let local: LocalMode;
  let dir: string;
  let records: () => Record<string, unknown>[];
  const supervisor = openIdOf('supervisor');
  const p2p = () => local.fake.p2pChatId(supervisor);
  const api = async (path: string, body?: unknown) => {
    const headers = { [SESSION_HEADER]: local.sessionToken };
    const r = await fetch(
      `${local.app.url}${path}`,
      body === undefined ? { headers } : { method: 'POST', body: JSON.stringify(body), headers: { ...headers, 'content-type': 'application/json' } },
    );
    return (await r.json()) as Record<string, unknown>;
  };
  /** Sends `text` in the supervisor's direct chat; returns the bot's answers and what the log says about it. */
  const say = async (text: string) => {
    const before = ((await api(`/local/api/messages?chatId=${p2p()}`)).messages as Msg[]).length;
    const logged = records().length;
    await api('/local/api/say', { chatId: p2p(), from: supervisor, text });
    await local.app.settle();
    const answers = ((await api(`/local/api/messages?chatId=${p2p()}`)).messages as Msg[]).slice(before).filter((m) => m.from === 'bot');
    return {
      answers,
      refusals: records()
        .slice(logged)
        .filter((r) => r.code === 'bad_input')
        .map((r) => r.code),
    };
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sanban-suggest-'));
    const logger = memoryLogger('info');
    records = logger.records;
    local = await startLocalMode({
      config: loadConfig({ PORT: '0', DATABASE_URL: `file:${join(dir, 'local.db')}` }),
      log: logger.log,
      statePath: join(dir, 'local-lark.json'),
    });
  });
  afterAll(async () => {
    await local?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('short forms list items like 督办 列表 does', async () => {
    for (const text of ['督办 我的', '督办 超期', '督办 本周到期', '督办列表', '督办列表 我的', '我的督办']) {
      const { answers, refusals } = await say(text);
      expect({ text, refusals }).toEqual({ text, refusals: [] });
      expect(answers.map((a) => cardText(a.card)).join(''), text).toContain('督办事项 · ');
    }
  });

  it('accepts every command in the help card, the usage text, the reminder and list cards and the page', { timeout: 60_000 }, async () => {
    const suggested = new Set<string>();
    const add = (list: string[], where: string) => {
      for (const s of list.map(typedForm)) if (s && !/[<>]/.test(s)) suggested.add(`${where}\t${s}`);
    };

    const help = (await say('帮助')).answers.at(-1)!;
    const helpText = markdownContents(help.card).join('\n');
    // `usage`（也可用 `alias`、…）：summary, then 例如：`example`、…: an alias stands for the usage's first word.
    for (const entry of helpText.matchAll(/^- `([^`]+)`(?:（也可用 ([^）]+)）)?：.*$(?:\n {2}例如：(.*))?/gm)) {
      const usage = entry[1]!;
      const aliases = [...(entry[2] ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
      for (const word of ['', ...aliases]) add(expandUsage(word ? usage.replace(/^\S+/, word) : usage), 'help card');
      add(
        [...(entry[3] ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1]!),
        'help card',
      );
    }
    expect(helpText).toContain('例如：`督办 我的`');
    add(quoted(helpText), 'help card');

    const usage = (await say('督办')).answers.at(-1)!.text!;
    expect(usage).toContain('督办指令');
    for (const line of usage.split('\n').slice(1)) add(expandUsage(line.split(' —— ')[0]!), 'usage text');
    add(quoted(usage), 'usage text');

    const line: DigestLine = {
      number: '督〔2026〕1号',
      content: '推进背街小巷改造',
      deadline: '12月18日',
      reason: '已超期2个工作日',
      unitName: '县住建局',
      personName: '金秀英',
      leaderName: '郑副县长',
    };
    add(quoted(markdownContents(presentPersonDigest('金秀英', '2026-12-21', [line])).join('\n')), 'reminder card');
    add(quoted(markdownContents(presentGroupEscalation('2026-12-21', [line])).join('\n')), 'escalation card');
    add(quoted(markdownContents((await say('督办 列表')).answers.at(-1)!.card).join('\n')), 'list card');

    const state = await api('/local/api/state');
    add((state.examples as string[] | undefined) ?? [], 'page suggestions');
    const page = readFileSync(new URL('../../src/local/web/app.js', import.meta.url), 'utf8');
    // The page quotes commands only through what /state sends (its placeholder is built from the examples).
    add(
      quoted(page).filter((q) => !q.includes('${t}') && !q.includes('原始 JSON')),
      'page text',
    );
    expect(page).not.toMatch(/['"`“](督办 |督办列表|我的督办)/);

    const commands = new Set([...suggested].map((s) => s.split('\t')[1]!));
    for (const must of ['帮助', '督办 我的', '督办 列表', '督办 超期', '督办 新建', '我的督办']) expect(commands).toContain(must);
    expect(state.examples).toEqual(expect.arrayContaining(['帮助', '督办 我的']));

    const failed: string[] = [];
    for (const entry of suggested) {
      const text = entry.split('\t')[1]!;
      const { answers, refusals } = await say(text);
      const replies = answers.map((a) => a.text ?? cardText(a.card)).join('\n');
      if (refusals.length || replies.includes('未识别的指令') || !answers.length) failed.push(`${entry}: ${replies.slice(0, 80)}`);
    }
    expect(failed).toEqual([]);
  });
});
