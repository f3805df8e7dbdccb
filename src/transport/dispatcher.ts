import * as lark from '@larksuiteoapi/node-sdk';
import type { Logger } from '../logger.js';
import type { Router } from '../router/router.js';
import { stampCard } from '../cards/stamp.js';
import { toBotAdded, toDocumentEdited, toInboundCardAction, toInboundMessage } from './inbound.js';

export type DispatchResult = Record<string, unknown>;

/**
 * One SDK EventDispatcher serves both transports (webhook and long connection). Each handler normalises
 * the payload and hands it to the router. A handler throws only when the event could not be recorded
 * (database down): the webhook then answers 500 so that Lark delivers it again.
 */
export function createDispatcher(router: Router, log: Logger, sdkLogger: lark.Logger) {
  const dispatcher = new lark.EventDispatcher({ logger: sdkLogger, loggerLevel: lark.LoggerLevel.warn }).register<{
    'card.action.trigger': (data: unknown) => Promise<DispatchResult>;
  }>({
    'im.message.receive_v1': async (data: unknown) => {
      const message = toInboundMessage(data);
      if (!message) {
        log.warn('ignored a malformed or non-user im.message.receive_v1 event');
        return {};
      }
      const outcome = await router.handleMessage(message);
      log.debug({ messageId: message.messageId, outcome }, 'message event');
      return {};
    },
    'card.action.trigger': async (data: unknown) => {
      const action = toInboundCardAction(data);
      if (!action) {
        log.warn('ignored a malformed card.action.trigger callback');
        return { toast: { type: 'error', content: '无法识别的卡片操作。' } };
      }
      try {
        const { toast, card } = await router.handleCardAction(action);
        // Lark's callback response wraps a replacement card as {type: 'raw', data} (lark-notes §2.5).
        return { ...(toast ? { toast } : {}), ...(card ? { card: { type: 'raw', data: stampCard(card) } } : {}) };
      } catch (err) {
        // Callbacks are never re-pushed: a 500 would only show the person an opaque error code.
        log.error({ err }, 'card action could not be recorded');
        return { toast: { type: 'error', content: '系统繁忙，操作未能处理，请稍后重试。' } };
      }
    },
    'im.chat.member.bot.added_v1': async (data: unknown) => {
      const event = toBotAdded(data);
      if (event) await router.handleBotAdded(event);
      return {};
    },
    // A hint that a subscribed document changed (drive.v1.file.subscribe): listeners re-read its revision.
    'drive.file.edit_v1': async (data: unknown) => {
      const event = toDocumentEdited(data);
      if (!event) {
        log.warn('ignored a malformed drive.file.edit_v1 event');
        return {};
      }
      const outcome = await router.handleDocumentEdited(event);
      log.debug({ eventId: event.eventId, fileToken: event.fileToken, outcome }, 'document edited event');
      return {};
    },
  });

  /** Route a verified, decrypted payload. Unknown event types are acknowledged with `{}`. */
  async function dispatch(payload: Record<string, unknown>): Promise<DispatchResult> {
    // The SDK routes on header.event_type (v2) or event.type (v1) and formats it into its log line: a
    // value that is not a string (a crafted payload) would make it throw, answering 500 for nothing.
    const type = 'schema' in payload ? field(payload.header, 'event_type') : field(payload.event, 'type');
    if (typeof type !== 'string') {
      log.warn({ type: typeof type }, 'ignored a payload without an event type');
      return {};
    }
    const data = Object.assign(Object.create({ headers: {} }) as object, payload);
    const result: unknown = await dispatcher.invoke(data, { needCheck: false });
    return result && typeof result === 'object' ? (result as DispatchResult) : {};
  }

  return { dispatcher, dispatch };
}

function field(obj: unknown, name: string): unknown {
  return obj && typeof obj === 'object' ? (obj as Record<string, unknown>)[name] : undefined;
}
