import { describe, expect, it } from 'vitest';
import { BotError, type ErrorCode } from '../../src/errors.js';
import { MemoryReceiptStore } from '../../src/router/dedup.js';
import type { InboundCardAction, InboundMessage } from '../../src/router/events.js';
import { Router } from '../../src/router/router.js';
import { FixedClock } from '../fakes/clock.js';
import { MemoryMessenger } from '../fakes/memory-messenger.js';
import { memoryLogger } from '../support/logger.js';

const INFO = 30;
const ERROR = 50;
// What the person typed, quoted back in the refusal: it must not reach the log.
const TYPED = '机密内容-请勿记录';

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
const click = (a: string): InboundCardAction => ({
  kind: 'card_action',
  operatorOpenId: 'ou_user',
  messageId: `om_card_${++n}`,
  chatId: 'oc_group',
  value: { a },
});

/** A router whose one command and one card action throw `make()`; returns the log records they leave. */
async function logsOf(make: () => unknown, via: 'command' | 'action') {
  const { log, records } = memoryLogger();
  const router = new Router({ messenger: new MemoryMessenger(), clock: new FixedClock(), log, receipts: new MemoryReceiptStore() });
  router.command({ names: ['试'], feature: 'x', usage: '试', summary: '' }, async () => {
    throw make();
  });
  router.action('x.fail', async () => {
    throw make();
  });
  if (via === 'command') await router.handleMessage(dm(`试 ${TYPED}`));
  else await router.handleCardAction(click('x.fail'));
  await router.idle();
  return records().filter((r) => r.msg !== undefined && r.level !== undefined);
}

const mistakes: ErrorCode[] = ['bad_input', 'forbidden', 'not_found', 'conflict', 'stale_card'];
const faults: [string, () => unknown][] = [
  ['a TypeError', () => new TypeError('boom')],
  ['an unavailable BotError', () => new BotError('unavailable', '上传失败，请稍后重试。', { cause: new Error('upstream 502') })],
  ['an internal BotError', () => new BotError('internal', '系统错误。')],
];

describe('router error logging', () => {
  describe.each(['command', 'action'] as const)('from a %s', (via) => {
    it.each(mistakes)('logs the user mistake %s at info with its code, no stack and no message', async (code) => {
      const records = await logsOf(() => new BotError(code, `无法识别「${TYPED}」。`), via);
      expect(records.filter((r) => (r.level as number) >= 40)).toEqual([]);
      const refused = records.filter((r) => r.code === code);
      expect(refused).toHaveLength(1);
      expect(refused[0]!.level).toBe(INFO);
      const text = JSON.stringify(records);
      expect(text).not.toContain('stack');
      expect(text).not.toContain(TYPED);
      expect(text).not.toContain('"err"');
    });

    it.each(faults)('logs %s at error with its stack and reference', async (_name, make) => {
      const records = await logsOf(make, via);
      const errors = records.filter((r) => r.level === ERROR);
      expect(errors).toHaveLength(1);
      const err = errors[0]!.err as { stack?: string };
      expect(err.stack).toMatch(/at /);
      expect(errors[0]!.ref).toMatch(/^[0-9a-f]{6}$/);
    });
  });
});
