import { describe, expect, it } from 'vitest';
import { MemoryReceiptStore } from '../../src/router/dedup.js';
import type { InboundMessage } from '../../src/router/events.js';
import { Router } from '../../src/router/router.js';
import { FixedClock } from '../fakes/clock.js';
import { MemoryMessenger } from '../fakes/memory-messenger.js';
import { memoryLogger } from '../support/logger.js';

let n = 0;
const fileMessage = (name: string, chatType: 'p2p' | 'group' = 'p2p'): InboundMessage => ({
  kind: 'message',
  messageId: `om_f${++n}`,
  chatId: chatType === 'p2p' ? 'oc_p2p' : 'oc_group',
  chatType,
  senderOpenId: 'ou_user',
  messageType: 'file',
  text: '',
  mentions: chatType === 'group' ? [{ key: '@_user_1', openId: 'ou_bot', name: '三办助手' }] : [],
  file: { key: `file_${n}`, name },
});

describe('Router file handlers', () => {
  function setup() {
    const messenger = new MemoryMessenger();
    const router = new Router({ messenger, clock: new FixedClock(), log: memoryLogger().log, receipts: new MemoryReceiptStore() });
    const seen: string[] = [];
    router.useForCommands(async (ctx, next) => {
      ctx.locals.who = ctx.actorOpenId;
      await next();
    });
    router.file({ feature: '测试', accepts: (f) => f.name.endsWith('.xlsx') }, async (ctx) => {
      seen.push(`${String(ctx.locals.who)}:${ctx.message.file!.name}`);
      await ctx.replyText('已收到文件');
    });
    return { router, messenger, seen };
  }

  it('hands an accepted file in a direct message to its handler, after the global middleware', async () => {
    const { router, messenger, seen } = setup();
    await router.handleMessage(fileMessage('名册.xlsx'));
    await router.idle();
    expect(seen).toEqual(['ou_user:名册.xlsx']);
    expect(messenger.texts()).toEqual(['已收到文件']);
  });

  it('keeps the "not supported" reply for other files and for files in groups', async () => {
    const { router, messenger, seen } = setup();
    await router.handleMessage(fileMessage('讲话.pdf'));
    await router.handleMessage(fileMessage('名册.xlsx', 'group'));
    await router.idle();
    expect(seen).toEqual([]);
    expect(messenger.texts()).toEqual([
      '暂不支持处理此类消息。请发送文字指令，发送「帮助」查看可用指令。',
      '暂不支持处理此类消息。请发送文字指令，发送「帮助」查看可用指令。',
    ]);
  });
});
