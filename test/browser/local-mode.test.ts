import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openIdOf } from '../../src/local/demo-office.js';
import { startLocalMode, type LocalMode } from '../../src/local/local-mode.js';
import { memoryLogger } from '../support/logger.js';

/**
 * The local-mode page in real headless Chromium (Debian's package, driven by playwright-core). On a
 * machine without a browser the test is skipped with a message; in CI a missing browser fails it.
 */
const BROWSER = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'local-mode');

if (!BROWSER) {
  if (process.env.CI) throw new Error('CI needs Chromium for the local-mode browser tests (Debian package "chromium"); .ci/run installs it.');
  process.stderr.write('local-mode browser tests skipped: no Chromium at /usr/bin/chromium (apt-get install chromium)\n');
}

describe.skipIf(!BROWSER)('local mode in a real browser', { timeout: 60_000 }, () => {
  let local: LocalMode;
  let browser: Browser;
  let page: Page;
  let dir: string;
  let step = 0;
  const shot = async (name: string) => page.screenshot({ path: join(ARTIFACTS, `${String(++step).padStart(2, '0')}-${name}.png`), fullPage: false });

  const actAs = async (key: string) => {
    await page.getByTestId('person-select').selectOption(openIdOf(key));
  };
  const openChat = async (chatId: string) => {
    await page.getByTestId(`chat-${chatId}`).click();
  };
  const say = async (text: string) => {
    await page.getByTestId('composer').fill(text);
    await page.getByTestId('send').click();
  };
  const lastCard = () =>
    page
      .locator('[data-testid^="message-"]')
      .filter({ has: page.locator('.lark-card') })
      .last();

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'sanban-browser-'));
    const { log } = memoryLogger('warn');
    // Local mode runs on its SQLite file only, whichever database the suite runs on.
    local = await startLocalMode({
      config: loadConfig({ PORT: '0', DATABASE_URL: `file:${join(dir, 'local.db')}` }),
      log,
      statePath: join(dir, 'local-lark.json'),
    });
    browser = await chromium.launch({
      executablePath: BROWSER,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
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

  it('as the supervisor, 帮助 in the 督查群 shows the help card', async () => {
    await actAs('supervisor');
    await openChat('oc_demo_supervision');
    await say('@三办助手 帮助');
    await expect.poll(async () => (await lastCard().textContent()) ?? '', { timeout: 10_000 }).toContain('指令一览');
    await shot('help-card');
  });

  it('creates a supervision item through the form', async () => {
    await say('@三办助手 督办 新建');
    const form = lastCard();
    await expect.poll(async () => (await form.textContent()) ?? '', { timeout: 10_000 }).toContain('督办事项立项');
    await form.locator('[name="content"]').fill('推进老旧小区加装电梯');
    await form.locator('select[name="unit"]').selectOption({ label: '县住建局' });
    await form.locator('select[name="leader"]').selectOption({ label: '郑副县长' });
    const deadline = local.app.calendar.current().addWorkingDays(new Date(local.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10), 3);
    await form.locator('[name="deadline"]').fill(deadline);
    await shot('create-form-filled');
    await form.locator('[data-testid="card-button"][data-label="立项"]').click();
    await expect.poll(async () => (await lastCard().textContent()) ?? '', { timeout: 10_000 }).toContain('督〔');
    await expect.poll(async () => (await page.getByTestId('toast').textContent()) ?? '').toContain('已立项');
    await shot('item-created');
  });

  it('the liaison signs it from the direct chat, and the group card shows 办理中', async () => {
    await actAs('liaison10');
    await openChat(local.fake.p2pChatId(openIdOf('liaison10')));
    const card = lastCard();
    await expect.poll(async () => (await card.textContent()) ?? '', { timeout: 10_000 }).toContain('推进老旧小区加装电梯');
    await card.locator('[data-testid="card-button"][data-label="签收"]').click();
    await expect.poll(async () => (await lastCard().textContent()) ?? '', { timeout: 10_000 }).toContain('办理中');
    await shot('liaison-signed');
    await actAs('supervisor');
    await openChat('oc_demo_supervision');
    const groupCard = page.locator('[data-testid^="message-"]').filter({ hasText: '推进老旧小区加装电梯' }).last();
    await expect.poll(async () => (await groupCard.textContent()) ?? '', { timeout: 10_000 }).toContain('办理中');
    await shot('group-card-updated');
  });

  it('moving the clock past the deadline brings the reminder to the liaison', async () => {
    await page.getByTestId('time-days-input').fill('7');
    await page.getByTestId('time-days').click();
    await expect.poll(async () => (await page.getByTestId('clock-label').textContent()) ?? '', { timeout: 20_000 }).not.toBe('');
    await actAs('liaison10');
    await openChat(local.fake.p2pChatId(openIdOf('liaison10')));
    // The reminders come in the liaison's morning card (今日汇要, merged by default; DIGEST_SEPARATE keeps them apart).
    await expect
      .poll(async () => await page.locator('[data-testid^="message-"]').filter({ hasText: '今日汇要' }).count(), { timeout: 20_000 })
      .toBeGreaterThan(0);
    await expect
      .poll(async () => await page.locator('[data-testid^="message-"]').filter({ hasText: '已超期' }).count(), { timeout: 20_000 })
      .toBeGreaterThan(0);
    await shot('reminder-after-time-travel');
  });

  it('前进 N 小时 moves the bot’s clock by that many hours and lists the jobs it ran', async () => {
    const before = local.clock.now().getTime();
    const label = (await page.getByTestId('clock-label').textContent()) ?? '';
    await page.getByTestId('time-hours-input').fill('2');
    await page.getByTestId('time-hours').click();
    await expect.poll(async () => (await page.getByTestId('clock-label').textContent()) ?? '', { timeout: 20_000 }).not.toBe(label);
    expect(local.clock.now().getTime() - before).toBeGreaterThanOrEqual(2 * 3_600_000);
    expect(local.clock.now().getTime() - before).toBeLessThan(2 * 3_600_000 + 60_000);
    await expect.poll(async () => (await page.locator('#job-runs').textContent()) ?? '').toContain('前进 2 小时');
    await shot('hours-travelled');
  });

  it("the side panel shows a message's raw JSON and the audit log", async () => {
    await page.locator('[data-testid^="message-"]').filter({ hasText: '今日汇要' }).last().click();
    await expect.poll(async () => (await page.locator('#json-view').textContent()) ?? '').toContain('"schema": "2.0"');
    // The item's own entries (the panel lists the latest 100 overall, and the time travel above adds many).
    const item = await local.app.db.prisma.supervisionItem.findFirstOrThrow({ orderBy: { createdAt: 'asc' } });
    await page.getByTestId('tab-audit').click();
    await page.locator('#audit-filter').fill(item.number);
    await page.locator('#audit-refresh').click();
    await expect.poll(async () => (await page.locator('#audit-list').textContent()) ?? '', { timeout: 10_000 }).toContain('签收');
    // Actions and what changed read in words from the object registry: no action or state code shows.
    const words = [
      ...(await page.locator('#audit-list .audit-action').allTextContents()),
      ...(await page.locator('#audit-list .audit-detail').allTextContents()),
    ];
    expect(words).toContain('状态→办理中');
    expect(words.join(' ')).not.toMatch(/[A-Za-z_]{3,}/);
    await shot('audit-panel');
  });

  it('the exported ledger can be downloaded from the chat', async () => {
    await actAs('supervisor');
    await openChat('oc_demo_supervision');
    await say('@三办助手 督办 导出');
    // The 督查群 holds every unit's liaisons: the group is told, and the file comes in the supervisor's own chat.
    await expect
      .poll(async () => await page.locator('[data-testid^="message-"]').filter({ hasText: '已私信发送给您' }).count(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    await openChat(local.fake.p2pChatId(openIdOf('supervisor')));
    const link = page.locator('a[href^="/local/api/files/"]').last();
    await link.waitFor({ timeout: 10_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^督办台账-\d{8}\.xlsx$/);
    await shot('export-link');
  });

  it("another web site open in the same browser cannot drive the page's API (no-cors fetch, a form post)", async () => {
    const target = local.app.url;
    const evil = createServer((_req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(`<!doctype html><body><form id="f" method="POST" action="${target}/local/api/say" enctype="text/plain" target="sink">
        <input name='{"chatId":"oc_demo_supervision","from":"${openIdOf('supervisor')}","text":"@三办助手 帮助","x":"' value='"}'></form>
        <iframe name="sink"></iframe>
        <script>
          fetch('${target}/local/api/time', { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: '{"days":7}' }).finally(() => {
            document.getElementById('f').submit();
            setTimeout(() => { document.title = 'done'; }, 800);
          });
        </script></body>`);
    });
    await new Promise<void>((r) => evil.listen(0, '127.0.0.1', () => r()));
    const before = { clock: local.clock.now().getTime(), inbound: local.fake.inboundMessages.size, deliveries: local.fake.deliveries.length };
    const other = await browser.newPage();
    try {
      await other.goto(`http://localhost:${(evil.address() as AddressInfo).port}/`);
      await expect.poll(() => other.title(), { timeout: 10_000 }).toBe('done');
      await local.app.settle();
      expect(local.fake.inboundMessages.size).toBe(before.inbound);
      expect(local.fake.deliveries.length).toBe(before.deliveries);
      // Real time passes; a move would be a week.
      expect(local.clock.now().getTime() - before.clock).toBeLessThan(60_000);
    } finally {
      await other.close();
      await new Promise((r) => evil.close(r));
    }
  });
});
