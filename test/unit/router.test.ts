import { describe, expect, it } from 'vitest';
import { BotError } from '../../src/errors.js';
import { MemoryReceiptStore } from '../../src/router/dedup.js';
import type { InboundCardAction, InboundMessage } from '../../src/router/events.js';
import { Router } from '../../src/router/router.js';
import { FixedClock } from '../fakes/clock.js';
import { MemoryMessenger } from '../fakes/memory-messenger.js';
import { memoryLogger } from '../support/logger.js';

function setup(o: { actionDeadlineMs?: number } = {}) {
  const messenger = new MemoryMessenger();
  const { log, records } = memoryLogger();
  const router = new Router({ messenger, clock: new FixedClock(), log, receipts: new MemoryReceiptStore(), ...o });
  return { router, messenger, records };
}

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

describe('card click receipts', () => {
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
