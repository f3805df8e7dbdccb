import { describe, expect, it } from 'vitest';
import { MemoryReceiptStore } from '../../src/router/dedup.js';
import type { InboundMessage } from '../../src/router/events.js';
import { Router } from '../../src/router/router.js';
import { toInboundMessage } from '../../src/transport/inbound.js';
import { FixedClock } from '../fakes/clock.js';
import { MemoryMessenger } from '../fakes/memory-messenger.js';
import { memoryLogger } from '../support/logger.js';

let n = 0;
const text = (t: string, parentId?: string): InboundMessage => ({
  kind: 'message',
  messageId: `om_r${++n}`,
  chatId: 'oc_p2p',
  chatType: 'p2p',
  senderOpenId: 'ou_user',
  messageType: 'text',
  text: t,
  mentions: [],
  ...(parentId ? { parentId } : {}),
});

describe('Router reply handlers', () => {
  function setup() {
    const messenger = new MemoryMessenger();
    const router = new Router({ messenger, clock: new FixedClock(), log: memoryLogger().log, receipts: new MemoryReceiptStore() });
    router.useForCommands(async (ctx, next) => {
      ctx.locals.who = ctx.actorOpenId;
      await next();
    });
    router.command({ names: ['帮助'], feature: '测试', usage: '帮助', summary: '帮助' }, async (ctx) => ctx.replyText('帮助'));
    router.onReply(async (ctx) => {
      if (ctx.message.parentId !== 'om_card') return false;
      await ctx.replyText(`补充：${ctx.message.text}（${String(ctx.locals.who)}）`);
      return true;
    });
    return { router, messenger };
  }

  it('hands a reply that is no command to the handler that takes it, after the global middleware', async () => {
    const { router, messenger } = setup();
    await router.handleMessage(text('经核实，无人员伤亡。', 'om_card'));
    await router.idle();
    expect(messenger.texts()).toEqual(['补充：经核实，无人员伤亡。（ou_user）']);
  });

  it('a command sent as a reply is still the command; a reply no handler takes goes on as usual', async () => {
    const { router, messenger } = setup();
    await router.handleMessage(text('帮助', 'om_card'));
    await router.handleMessage(text('经核实', 'om_other'));
    await router.idle();
    expect(messenger.texts()[0]).toBe('帮助');
    expect(messenger.texts()[1]).toContain('未识别的指令');
  });

  it('reads parent_id from the Lark event', () => {
    const m = toInboundMessage({
      sender: { sender_id: { open_id: 'ou_user' }, sender_type: 'user' },
      message: { message_id: 'om_1', chat_id: 'oc_1', chat_type: 'p2p', message_type: 'text', content: '{"text":"好"}', parent_id: 'om_card' },
    });
    expect(m?.parentId).toBe('om_card');
  });
});
