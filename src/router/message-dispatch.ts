import { userMessageFor } from '../errors.js';
import { lazyChild } from '../logger.js';
import type { OutgoingContent } from '../ports/messenger.js';
import { commandTooLong, parseCommandText, type ParsedCommand } from './commands.js';
import type { CommandContext } from './context.js';
import type { InboundMessage, Mention } from './events.js';
import { isInfrastructureError } from './infra-errors.js';
import { runChain } from './chain.js';
import { errorRef, logHandlerError } from './error-log.js';
import type { Registry } from './registry.js';
import type { RegisteredFile, RouterDeps } from './types.js';

/** A message after its receipt: media, files, replies, then commands; every thrown error becomes one reply. */
export async function dispatchMessage(r: Registry, deps: RouterDeps, message: InboundMessage, isBot: (m: Mention) => boolean): Promise<void> {
  const media = message.messageType === 'image' || (message.messageType === 'file' && message.chatType === 'group');
  if (message.chatType === 'group' && !message.mentions.some(isBot) && !(media && r.mediaHandlers.length)) return;
  const log = lazyChild(deps.log, { messageId: message.messageId, chatId: message.chatId });
  let replies = 0;
  const reply = async (content: OutgoingContent) => {
    // The message is handled once, so "its n-th reply" is a stable key: a retry cannot post twice.
    const key = `r${replies++}-${message.messageId}`;
    if (deps.deliver) return deps.deliver({ to: { replyTo: message.messageId }, content, key, origin: `command:${message.senderOpenId}` });
    const result = await deps.messenger.reply(message.messageId, content, { uuid: key.slice(0, 50) });
    if (!result.ok) log.warn({ error: result.error }, 'reply failed');
  };
  const parsed = message.messageType === 'text' || message.messageType === 'post' ? parseCommandText(message.text, message.mentions, isBot) : null;
  const command: ParsedCommand = parsed ?? { name: '', args: '', argv: [], mentions: [] };
  const ctx: CommandContext = {
    actorOpenId: message.senderOpenId,
    chatId: message.chatId,
    clock: deps.clock,
    messenger: deps.messenger,
    log,
    locals: {},
    message,
    command,
    reply,
    replyText: (text) => reply({ type: 'text', text }),
    replyCard: (card) => reply({ type: 'card', card }),
  };
  try {
    if (media && r.mediaHandlers.length) {
      let taken = false;
      await runChain(ctx, r.globalCommandMiddleware, async (c) => {
        for (const h of r.mediaHandlers) if ((taken = await h(c))) return;
      });
      if (taken || message.chatType === 'group') return;
    }
    const file = message.messageType === 'file' && message.chatType === 'p2p' ? message.file : undefined;
    // The first handler that takes the file (in registration order); accepts may look at the sender.
    let fileHandler: RegisteredFile | undefined;
    for (const f of file ? r.fileHandlers : []) {
      if (await f.accepts(file!, message)) {
        fileHandler = f;
        break;
      }
    }
    if (fileHandler) {
      await runChain(ctx, [...r.globalCommandMiddleware, ...fileHandler.middleware], fileHandler.handler);
      return;
    }
    if (message.messageType !== 'text' && message.messageType !== 'post') {
      await ctx.replyText('暂不支持处理此类消息。请发送文字指令，发送「帮助」查看可用指令。');
      return;
    }
    if (message.parentId && r.replyHandlers.length && !(parsed && r.commandsByName.has(parsed.name))) {
      let taken = false;
      await runChain(ctx, r.globalCommandMiddleware, async (c) => {
        for (const h of r.replyHandlers) if ((taken = await h(c))) return;
      });
      if (taken) return;
    }
    if (!parsed) {
      if (r.fallback) await runChain(ctx, r.globalCommandMiddleware, r.fallback);
      return;
    }
    const tooLong = commandTooLong(parsed);
    if (tooLong) {
      await ctx.replyText(tooLong);
      return;
    }
    const registered = r.commandsByName.get(parsed.name);
    if (!registered) {
      await ctx.replyText(`未识别的指令「${parsed.name.slice(0, 20)}」。请发送「帮助」查看可用指令。`);
      return;
    }
    await runChain(ctx, [...r.globalCommandMiddleware, ...registered.middleware], registered.handler);
  } catch (err) {
    if (isInfrastructureError(err)) throw err; // retried (acked-work.ts)
    const ref = errorRef();
    logHandlerError(log, err, ref, { command: parsed?.name });
    await ctx.replyText(userMessageFor(err, ref)).catch((e: unknown) => {
      if (isInfrastructureError(e)) throw e;
      log.error({ err: e }, 'error reply failed');
    });
  }
}
