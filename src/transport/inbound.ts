import { z } from 'zod';
import { storableText } from '../platform/text.js';
import type { DocumentEdited } from '../ports/documents.js';
import type { InboundCardAction, InboundMessage, Mention } from '../router/events.js';

/**
 * Raw Lark payloads (as the SDK's EventDispatcher flattens them: header and event fields side by side)
 * validated and turned into the router's internal events. Nothing outside transport/ sees these shapes.
 */
const mentionSchema = z.object({
  key: z.string(),
  id: z.object({ open_id: z.string().optional() }).partial().optional(),
  name: z.string().optional(),
});

const messageEventSchema = z.object({
  event_id: z.string().optional(),
  sender: z.object({
    sender_id: z.object({ open_id: z.string().min(1) }),
    sender_type: z.string().optional(),
  }),
  message: z.object({
    message_id: z.string().min(1),
    chat_id: z.string().min(1),
    chat_type: z.string(),
    message_type: z.string(),
    content: z.string(),
    mentions: z.array(mentionSchema).optional(),
    create_time: z.string().optional(),
    parent_id: z.string().max(100).optional(),
  }),
});

const cardActionSchema = z.object({
  event_id: z.string().optional(),
  token: z.string().optional(),
  operator: z.object({ open_id: z.string().min(1) }),
  action: z.object({
    value: z.record(z.string(), z.unknown()).optional(),
    form_value: z.record(z.string(), z.unknown()).optional(),
    option: z.string().optional(),
    input_value: z.string().optional(),
    tag: z.string().optional(),
    name: z.string().optional(),
  }),
  context: z.object({ open_message_id: z.string().min(1), open_chat_id: z.string().min(1) }),
});

const botAddedSchema = z.object({ event_id: z.string().min(1), chat_id: z.string().min(1) });

/** `drive.file.edit_v1` (FS drive-v1/event/list/file-edited): the file and who edited it; no revision. */
const documentEditedSchema = z.object({
  event_id: z.string().min(1),
  file_token: z.string().regex(/^[A-Za-z0-9]{1,64}$/),
  file_type: z.string().min(1).max(32),
  operator_id_list: z
    .array(z.object({ open_id: z.string().optional() }).partial())
    .max(1000)
    .optional(),
});

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A received `post` (rich text) is `{title, content: [[{tag:'text',text}|{tag:'at',user_id:'@_user_1'}]]}`. */
function postText(content: unknown): string {
  const c = content as { title?: string; content?: unknown };
  if (!c || !Array.isArray(c.content)) return '';
  const lines = (c.content as unknown[]).map((line) =>
    Array.isArray(line)
      ? line
          .map((item: unknown) => {
            // Elements are objects in what Lark sends; anything else in a crafted payload is skipped.
            if (!item || typeof item !== 'object') return '';
            const el = item as { tag?: unknown; text?: unknown; user_id?: unknown };
            if (el.tag === 'text' || el.tag === 'a') return typeof el.text === 'string' ? el.text : '';
            return el.tag === 'at' ? ` ${typeof el.user_id === 'string' ? el.user_id : ''} ` : '';
          })
          .join('')
      : '',
  );
  return lines.join('\n');
}

export function toInboundMessage(data: unknown): InboundMessage | undefined {
  const parsed = messageEventSchema.safeParse(data);
  if (!parsed.success) return undefined;
  const { sender, message } = parsed.data;
  if (sender.sender_type && sender.sender_type !== 'user') return undefined;
  const content = safeJson(message.content) as Record<string, unknown> | undefined;
  let text = '';
  let file: InboundMessage['file'];
  if (message.message_type === 'text' && typeof content?.text === 'string') text = content.text;
  else if (message.message_type === 'post') text = postText(content);
  else if (message.message_type === 'file' && typeof content?.file_key === 'string') {
    file = { key: content.file_key, name: typeof content.file_name === 'string' ? storableText(content.file_name) : '' };
  }
  const image = message.message_type === 'image' && typeof content?.image_key === 'string' ? { key: content.image_key } : undefined;
  const mentions: Mention[] = (message.mentions ?? []).map((m) => ({ key: m.key, openId: m.id?.open_id, name: m.name ?? '' }));
  return {
    kind: 'message',
    messageId: message.message_id,
    chatId: message.chat_id,
    chatType: message.chat_type === 'p2p' ? 'p2p' : 'group',
    senderOpenId: sender.sender_id.open_id,
    messageType: message.message_type,
    text: storableText(text),
    mentions,
    ...(file ? { file } : {}),
    ...(image ? { image } : {}),
    ...(message.create_time ? { createTime: message.create_time } : {}),
    ...(message.parent_id ? { parentId: message.parent_id } : {}),
  };
}

export function toInboundCardAction(data: unknown): InboundCardAction | undefined {
  const parsed = cardActionSchema.safeParse(data);
  if (!parsed.success) return undefined;
  const d = parsed.data;
  return {
    kind: 'card_action',
    eventId: d.event_id,
    operatorOpenId: d.operator.open_id,
    messageId: d.context.open_message_id,
    chatId: d.context.open_chat_id,
    value: d.action.value ?? {},
    formValue: d.action.form_value,
    option: d.action.option,
    inputValue: d.action.input_value,
    actionTag: d.action.tag,
    actionName: d.action.name,
    updateToken: d.token,
  };
}

export function toBotAdded(data: unknown): { eventId: string; chatId: string } | undefined {
  const parsed = botAddedSchema.safeParse(data);
  return parsed.success ? { eventId: parsed.data.event_id, chatId: parsed.data.chat_id } : undefined;
}

export function toDocumentEdited(data: unknown): DocumentEdited | undefined {
  const parsed = documentEditedSchema.safeParse(data);
  if (!parsed.success) return undefined;
  const d = parsed.data;
  const operators = (d.operator_id_list ?? []).map((o) => o.open_id).filter((id): id is string => typeof id === 'string' && id.length > 0);
  return { eventId: d.event_id, fileToken: d.file_token, fileType: d.file_type, operatorOpenIds: [...new Set(operators)] };
}
