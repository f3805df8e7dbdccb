import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openIdOf } from '../../src/local/demo-office.js';
import { startLocalMode, type LocalMode } from '../../src/local/local-mode.js';
import { SESSION_HEADER } from '../../src/local/page-guard.js';
import { memoryLogger } from '../support/logger.js';

/** The page's own suggestions (composer placeholder and example chips), as a person sees them, are accepted. */
const BROWSER = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
if (!BROWSER && process.env.CI) throw new Error('CI needs Chromium for the local-mode browser tests (Debian package "chromium"); .ci/run installs it.');

describe.skipIf(!BROWSER)('the local page suggests only commands the bot accepts', { timeout: 90_000 }, () => {
  let local: LocalMode;
  let browser: Browser;
  let page: Page;
  let dir: string;
  let records: () => Record<string, unknown>[];
  const supervisor = openIdOf('supervisor');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sanban-browser-suggest-'));
    const logger = memoryLogger('info');
    records = logger.records;
    local = await startLocalMode({
      config: loadConfig({ PORT: '0', DATABASE_URL: `file:${join(dir, 'local.db')}` }),
      log: logger.log,
      statePath: join(dir, 'local-lark.json'),
    });
    browser = await chromium.launch({
      executablePath: BROWSER,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    page.setDefaultTimeout(8_000);
    await page.goto(local.url);
    await page.getByTestId('clock-label').waitFor();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await local?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('every chip and every command in the placeholder of a direct chat', async () => {
    await page.getByTestId('person-select').selectOption(supervisor);
    const p2p = local.fake.p2pChatId(supervisor);
    await page.getByTestId(`chat-${p2p}`).click();
    const placeholder = (await page.getByTestId('composer').getAttribute('placeholder')) ?? '';
    const chips = await page.locator('[data-example]').evaluateAll((els) => els.map((e) => e.getAttribute('data-example') ?? ''));
    const fromPlaceholder = [...placeholder.matchAll(/“([^”]+)”/g)].map((m) => m[1]!);
    expect(fromPlaceholder.length).toBeGreaterThan(0);
    expect(chips).toEqual(expect.arrayContaining(['帮助', '督办 我的']));

    const botMessages = async () => {
      const r = await fetch(`${local.app.url}/local/api/messages?chatId=${p2p}`, { headers: { [SESSION_HEADER]: local.sessionToken } });
      return ((await r.json()) as { messages: { from: string; text?: string; card?: unknown }[] }).messages.filter((m) => m.from === 'bot');
    };
    const failed: string[] = [];
    for (const text of [...new Set([...fromPlaceholder, ...chips])]) {
      const before = (await botMessages()).length;
      const logged = records().length;
      await page.getByTestId('composer').fill(text);
      await page.getByTestId('send').click();
      await expect.poll(async () => (await botMessages()).length, { timeout: 10_000 }).toBeGreaterThan(before);
      await local.app.settle();
      const answers = (await botMessages())
        .slice(before)
        .map((m) => m.text ?? JSON.stringify(m.card))
        .join('\n');
      const refused = records()
        .slice(logged)
        .some((r) => r.code === 'bad_input');
      if (refused || answers.includes('未识别的指令')) failed.push(`${text}: ${answers.slice(0, 80)}`);
    }
    expect(failed).toEqual([]);
  });
});
