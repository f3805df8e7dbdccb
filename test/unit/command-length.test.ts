import { describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../src/router/events.js';
import { commandTooLong, MAX_COMMAND_CHARS } from '../../src/router/commands.js';
import { MemoryReceiptStore } from '../../src/router/dedup.js';
import { Router } from '../../src/router/router.js';
import { FixedClock } from '../fakes/clock.js';
import { MemoryMessenger } from '../fakes/memory-messenger.js';
import { memoryLogger } from '../support/logger.js';

let n = 0;
const dm = (text: string): InboundMessage => ({
  kind: 'message',
  messageId: `om_len_${++n}`,
  chatId: 'oc_p2p',
  chatType: 'p2p',
  senderOpenId: 'ou_user',
  messageType: 'text',
  text,
  mentions: [],
});

describe('over-long commands', () => {
  const setup = () => {
    const messenger = new MemoryMessenger();
    const router = new Router({ messenger, clock: new FixedClock(), log: memoryLogger().log, receipts: new MemoryReceiptStore() });
    const seen: string[] = [];
    router.command({ names: ['督办'], feature: 'x', usage: '督办', summary: '' }, async (ctx) => {
      seen.push(ctx.command.args);
      await ctx.replyText('已处理');
    });
    return { router, messenger, seen };
  };

  it('a command over the limit is refused whole with one message naming its length and the limit; nothing reaches the handler', async () => {
    const { router, messenger, seen } = setup();
    const text = `督办 新建 ${'很'.repeat(MAX_COMMAND_CHARS)} 期限:12月18日`;
    await router.handleMessage(dm(text));
    await router.idle();
    expect(seen).toEqual([]);
    expect(messenger.texts()).toEqual([
      `指令过长（共${[...text].length.toLocaleString('en-US')}字，上限3,950字），未予处理。请精简后重新发送；内容较多的督办事项，可发送「督办 新建」使用立项表单填写。`,
    ]);
  });

  it('a command at the limit is handled whole', async () => {
    const { router, messenger, seen } = setup();
    const args = '很'.repeat(MAX_COMMAND_CHARS - 3);
    await router.handleMessage(dm(`督办 ${args}`));
    await router.idle();
    expect(seen).toEqual([args]);
    expect(messenger.texts()).toEqual(['已处理']);
  });

  it.each([
    [{ name: '督办', args: '' }, undefined],
    [{ name: '督办', args: 'x'.repeat(3947) }, undefined],
    [{ name: '督办', args: 'x'.repeat(3948) }, '共3,951字'],
    [{ name: '督办', args: '𠀀'.repeat(3948) }, '共3,951字'],
    [{ name: '督办', args: 'x'.repeat(12_345) }, '共12,348字'],
  ])('commandTooLong(%#)', (cmd, expected) => {
    const m = commandTooLong(cmd);
    if (expected) expect(m).toContain(expected);
    else expect(m).toBeUndefined();
  });
});
