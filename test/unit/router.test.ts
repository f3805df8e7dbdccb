import { describe, expect, it } from 'vitest';
import { BotError } from '../../src/errors.js';
import { CARD_CLICK_REPLAY_WINDOW_MS, cardActionKeys, MemoryReceiptStore } from '../../src/router/dedup.js';
import type { RetryPolicy } from '../../src/router/retry.js';
import { ACTION_UNPROCESSED_TEXT, COMMAND_UNPROCESSED_TEXT } from '../../src/router/unprocessed.js';
import type { InboundCardAction, InboundMessage } from '../../src/router/events.js';
import { Router } from '../../src/router/router.js';
import { FixedClock } from '../fakes/clock.js';
import { MemoryMessenger } from '../fakes/memory-messenger.js';
import { memoryLogger } from '../support/logger.js';

function setup(o: { actionDeadlineMs?: number; retry?: Partial<RetryPolicy>; receipts?: MemoryReceiptStore } = {}) {
  const messenger = new MemoryMessenger();
  const { log, records } = memoryLogger();
  const receipts = o.receipts ?? new MemoryReceiptStore();
  const router = new Router({ messenger, clock: new FixedClock(), log, ...o, receipts });
  return { router, messenger, records, receipts };
}

/** What pg throws when the database's port is closed. */
const unreachable = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED', syscall: 'connect', errno: -111 });
const fastRetry = (budgetMs: number): Partial<RetryPolicy> => ({ budgetMs, firstDelayMs: 5, maxDelayMs: 20 });

let n = 0;
const dm = (text: string): InboundMessage => ({
  kind: 'message',
  messageId: `om_${++n}`,
  chatId: 'oc_p2p',
  chatType: 'p2p',
  senderOpenId: 'ou_user',
  messageType: 'text',
  text,
  mentions: [],
});
const click = (value: Record<string, unknown>): InboundCardAction => ({
  kind: 'card_action',
  operatorOpenId: 'ou_user',
  messageId: `om_card_${++n}`,
  chatId: 'oc_group',
  value,
});

describe('Router', () => {
  it('runs middleware in order around the handler', async () => {
    const { router, messenger } = setup();
    const trail: string[] = [];
    router.useForCommands(async (_c, next) => {
      trail.push('global');
      await next();
    });
    router.command(
      { names: ['测试', 'test'], feature: '测试', usage: '测试', summary: 's' },
      async (ctx, next) => {
        ctx.locals.seen = true;
        trail.push('local');
        await next();
      },
      async (ctx) => {
        trail.push(`handler:${String(ctx.locals.seen)}`);
        await ctx.replyText('好');
      },
    );
    await router.handleMessage(dm('TEST'));
    await router.idle();
    expect(trail).toEqual(['global', 'local', 'handler:true']);
    expect(messenger.texts()).toEqual(['好']);
  });

  it('turns a BotError into its Chinese message and an unexpected error into a generic one with a reference', async () => {
    const { router, messenger, records } = setup();
    router.command({ names: ['甲'], feature: 'x', usage: '甲', summary: '' }, async () => {
      throw new BotError('forbidden', '您没有权限执行此操作，需要「督查员」角色。');
    });
    router.command({ names: ['乙'], feature: 'x', usage: '乙', summary: '' }, async () => {
      throw new TypeError('boom');
    });
    await router.handleMessage(dm('甲'));
    await router.handleMessage(dm('乙'));
    await router.idle();
    const [first, second] = messenger.texts();
    expect(first).toBe('您没有权限执行此操作，需要「督查员」角色。');
    expect(second).toMatch(/^处理时出现系统错误，请稍后重试。.*错误编号：([0-9a-f]{6})/);
    const ref = /错误编号：([0-9a-f]{6})/.exec(second!)![1];
    // The stack goes to the log under the same reference.
    expect(records().some((r) => r.ref === ref && JSON.stringify(r.err).includes('boom'))).toBe(true);
  });

  it('answers a card click with the handler response, and an error as an error toast', async () => {
    const { router } = setup();
    router.action('demo.ok', async () => ({ toast: { type: 'success', content: '已签收' } }));
    router.action('demo.fail', async () => {
      throw new BotError('stale_card', '该事项已办结，无需再签收。');
    });
    expect(await router.handleCardAction(click({ a: 'demo.ok' }))).toEqual({ toast: { type: 'success', content: '已签收' } });
    expect(await router.handleCardAction(click({ a: 'demo.fail' }))).toEqual({ toast: { type: 'error', content: '该事项已办结，无需再签收。' } });
    expect((await router.handleCardAction(click({ a: 'nope' }))).toast?.type).toBe('error');
  });

  it('drops a repeated click on the same card by the same person', async () => {
    const { router } = setup();
    let runs = 0;
    router.action('demo.count', async () => {
      runs++;
      return {};
    });
    const c = click({ a: 'demo.count', id: 1 });
    await router.handleCardAction(c);
    const again = await router.handleCardAction({ ...c });
    expect(runs).toBe(1);
    expect(again.toast?.content).toContain('已处理');
  });

  it('answers a slow card action before the deadline, then patches the card when done', async () => {
    const { router, messenger } = setup({ actionDeadlineMs: 50 });
    router.action('demo.slow', async () => {
      await new Promise((r) => setTimeout(r, 150));
      return { card: { schema: '2.0', config: { update_multi: true }, body: { elements: [] } } };
    });
    const c = click({ a: 'demo.slow' });
    const started = Date.now();
    const response = await router.handleCardAction(c);
    expect(Date.now() - started).toBeLessThan(140);
    expect(response.toast?.content).toContain('正在处理');
    await router.idle();
    expect(messenger.updates.map((u) => u.messageId)).toEqual([c.messageId]);
  });

  it('refuses to register a command name twice', () => {
    const { router } = setup();
    router.command({ names: ['帮助'], feature: 'x', usage: '', summary: '' }, async () => {});
    expect(() => router.command({ names: ['HELP', '帮助'], feature: 'y', usage: '', summary: '' }, async () => {})).toThrow(/twice/);
  });
});

describe('Router: work that fails on the infrastructure after the ack', () => {
  it('retries a command while the database is unreachable and answers it once when it is back', async () => {
    const { router, messenger } = setup({ retry: fastRetry(2000) });
    let attempts = 0;
    router.command({ names: ['查'], feature: 'x', usage: '查', summary: '' }, async (ctx) => {
      if (++attempts < 4) throw unreachable();
      await ctx.replyText('好');
    });
    expect(await router.handleMessage(dm('查'))).toBe('accepted');
    await router.idle();
    expect(attempts).toBe(4);
    expect(messenger.texts()).toEqual(['好']);
  });

  it('past the retry budget, tells the sender directly and releases the receipt so a redelivery is handled', async () => {
    const { router, messenger, receipts } = setup({ retry: fastRetry(100) });
    let down = true;
    let handled = 0;
    router.command({ names: ['查'], feature: 'x', usage: '查', summary: '' }, async (ctx) => {
      if (down) throw unreachable();
      handled++;
      await ctx.replyText('好');
    });
    const m = dm('查');
    await router.handleMessage(m);
    await router.idle();
    expect(messenger.sent).toEqual([
      { to: { replyTo: m.messageId }, content: { type: 'text', text: COMMAND_UNPROCESSED_TEXT }, options: { uuid: `unprocessed-${m.messageId}` } },
    ]);
    expect(await receipts.claim(`msg:${m.messageId}`)).toBe(true); // released
    await receipts.release(`msg:${m.messageId}`);
    down = false;
    expect(await router.handleMessage({ ...m })).toBe('accepted');
    await router.idle();
    expect(handled).toBe(1);
    expect(messenger.texts()).toEqual([COMMAND_UNPROCESSED_TEXT, '好']);
  });

  it('does not retry a BotError or a programming error', async () => {
    const { router, messenger } = setup({ retry: fastRetry(2000) });
    let attempts = 0;
    router.command({ names: ['甲'], feature: 'x', usage: '甲', summary: '' }, async () => {
      attempts++;
      throw new BotError('unavailable', '请稍后再试。', { cause: unreachable() });
    });
    router.command({ names: ['乙'], feature: 'x', usage: '乙', summary: '' }, async () => {
      attempts++;
      throw new TypeError('Connection terminated unexpectedly');
    });
    await router.handleMessage(dm('甲'));
    await router.handleMessage(dm('乙'));
    await router.idle();
    expect(attempts).toBe(2);
    expect(messenger.texts()[0]).toBe('请稍后再试。');
    expect(messenger.texts()[1]).toMatch(/^处理时出现系统错误/);
  });

  it('answers a click that cannot be processed with a toast and releases its receipt, so clicking again acts', async () => {
    const { router } = setup({ retry: fastRetry(2000), actionDeadlineMs: 300 });
    let down = true;
    let acted = 0;
    router.action('demo.act', async () => {
      if (down) throw unreachable();
      acted++;
      return { toast: { type: 'success', content: '已办理' } };
    });
    const c = click({ a: 'demo.act' });
    expect(await router.handleCardAction({ ...c, eventId: 'e1' })).toEqual({ toast: { type: 'error', content: ACTION_UNPROCESSED_TEXT } });
    await router.idle();
    down = false;
    // The person clicks again at once: a new delivery (new event id), the same click.
    expect(await router.handleCardAction({ ...c, eventId: 'e2' })).toEqual({ toast: { type: 'success', content: '已办理' } });
    expect(acted).toBe(1);
  });

  it('stops retrying on close() and reports the command as not processed', async () => {
    const { router, messenger } = setup({ retry: fastRetry(60_000) });
    router.command({ names: ['查'], feature: 'x', usage: '查', summary: '' }, async () => {
      throw unreachable();
    });
    await router.handleMessage(dm('查'));
    await new Promise((r) => setTimeout(r, 30));
    const started = Date.now();
    router.close();
    await router.idle();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(messenger.texts()).toEqual([COMMAND_UNPROCESSED_TEXT]);
  });
});

describe('card click receipts', () => {
  it('dedupe a callback by its event id for good, and a click without one for the whole replay window', async () => {
    let t = 0;
    const { router } = setup({ receipts: new MemoryReceiptStore(() => t) });
    let runs = 0;
    router.action('demo.count', async () => {
      runs++;
      return {};
    });
    const c = { ...click({ a: 'demo.count' }), eventId: 'evt_1' };
    await router.handleCardAction(c);
    t = 31_000;
    expect((await router.handleCardAction({ ...c })).toast?.content).toContain('已处理');
    t = 7 * 24 * 3600_000;
    expect((await router.handleCardAction({ ...c })).toast?.content).toContain('已处理');
    // Another click on the same button after 30 s is a new act.
    await router.handleCardAction({ ...c, eventId: 'evt_2' });
    expect(runs).toBe(2);
    const bare = click({ a: 'demo.count' });
    t = 0;
    await router.handleCardAction(bare);
    t = CARD_CLICK_REPLAY_WINDOW_MS - 1;
    await router.handleCardAction({ ...bare });
    expect(runs).toBe(3);
    expect(cardActionKeys(bare).clickWindowMs).toBeGreaterThanOrEqual(10 * 60_000);
  });

  it('treat the same click again after the window as a new act', async () => {
    let t = 0;
    const store = new MemoryReceiptStore(() => t);
    expect(await store.claim('k', 30_000)).toBe(true);
    t = 10_000;
    expect(await store.claim('k', 30_000)).toBe(false);
    t = 45_000;
    expect(await store.claim('k', 30_000)).toBe(true);
    expect(await store.claim('m')).toBe(true);
    t = 1e9;
    expect(await store.claim('m')).toBe(false);
  });
});
