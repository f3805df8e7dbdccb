import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLarkClient } from '../../src/adapters/lark-client.js';
import { LarkMessenger } from '../../src/adapters/lark-messenger.js';
import { card, markdown } from '../../src/cards/elements.js';
import { loadConfig } from '../../src/config.js';
import { demoDocuments, openIdOf } from '../../src/local/demo-office.js';
import { startLocalMode, type LocalMode } from '../../src/local/local-mode.js';
import { memoryLogger } from '../support/logger.js';

/** The page's 文档 tab and document links in cards, in real headless Chromium (skipped without a browser, as local-mode.test.ts). */
const BROWSER = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'local-documents');

if (!BROWSER) {
  if (process.env.CI) throw new Error('CI needs Chromium for the local-mode browser tests (Debian package "chromium"); .ci/run installs it.');
  process.stderr.write('local-documents browser tests skipped: no Chromium at /usr/bin/chromium (apt-get install chromium)\n');
}

describe.skipIf(!BROWSER)('the Feishu-document stand-in in a real browser', { timeout: 60_000 }, () => {
  let local: LocalMode;
  let browser: Browser;
  let page: Page;
  let dir: string;
  const [regulation] = demoDocuments();
  const drafter = openIdOf('secretary2');

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'sanban-browser-docs-'));
    const { log } = memoryLogger('warn');
    local = await startLocalMode({
      config: loadConfig({ PORT: '0', DATABASE_URL: `file:${join(dir, 'local.db')}` }),
      log,
      statePath: join(dir, 'local-lark.json'),
    });
    browser = await chromium.launch({ executablePath: BROWSER, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
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

  it('lists the demo drafts and saves an edit as the current person: revision 2, last editor set', async () => {
    await page.getByTestId('person-select').selectOption(drafter);
    await page.getByTestId('tab-docs').click();
    const row = page.getByTestId(`doc-${regulation!.token}`);
    await expect.poll(async () => (await row.textContent()) ?? '').toContain('第 1 版');
    await row.click();
    await page.getByTestId('doc-text').fill(`${regulation!.text}\n第六条 本办法由县住建局负责解释。`);
    await page.getByTestId('doc-save').click();
    await expect.poll(async () => (await page.getByTestId('toast').textContent()) ?? '').toContain('文档现为第 2 版');
    await expect.poll(async () => (await page.getByTestId('doc-revision').textContent()) ?? '').toBe('第 2 版');
    await page.screenshot({ path: join(ARTIFACTS, '01-edited.png') });
    expect(local.fake.documentRevision(regulation!.token)).toBe(2);
    expect(local.fake.document(regulation!.token)?.modifiedBy).toBe(drafter);
  });

  it('a document link in a card opens the document in the 文档 tab; a buzzed card shows 加急', async () => {
    const { log } = memoryLogger('warn');
    const { client, tokenCache } = createLarkClient({ appId: local.fake.appId, appSecret: local.fake.appSecret, domain: local.fake.url, log });
    const messenger = new LarkMessenger(client, tokenCache, log);
    const link = `https://example.feishu.cn/docx/${regulation!.token}`;
    const sent = await messenger.send({ openId: drafter }, { type: 'card', card: card({ title: '文稿待审', elements: [markdown(`[打开文稿](${link})`)] }) });
    expect(sent.ok).toBe(true);
    const messageId = sent.ok ? sent.value.messageId : '';
    await page.getByTestId('tab-json').click();
    await page.getByTestId(`chat-${local.fake.p2pChatId(drafter)}`).click();
    const message = page.getByTestId(`message-${messageId}`);
    await message.getByText('打开文稿').click();
    await expect.poll(async () => await page.getByTestId('tab-docs').getAttribute('aria-selected')).toBe('true');
    await expect.poll(async () => (await page.locator('.doc-editor-title').textContent()) ?? '').toBe(regulation!.title);
    expect(page.url()).toBe(local.url);

    expect(await messenger.urgentApp(messageId, [drafter])).toEqual({ ok: true, value: { invalidOpenIds: [] } });
    await message.getByTestId('msg-urgent').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, '02-link-and-buzz.png') });
  });
});
