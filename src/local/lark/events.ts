import { hex } from './crypto.js';

/** Builders for the v2 envelopes Lark pushes (lark-notes §2.1–2.4). */
export interface EnvelopeContext {
  appId: string;
  verificationToken?: string;
  tenantKey: string;
}

export interface MentionSpec {
  key: string;
  openId: string;
  name: string;
}

/** `@三办助手` in typed text becomes the bot's mention key (`@_user_1`), `@姓名` of a known user theirs. */
export function withMentions(typed: string, botOpenId: string, users: readonly { openId: string; name: string }[]): { text: string; mentions: MentionSpec[] } {
  const mentions: MentionSpec[] = [];
  const names = ['三办助手', ...users.map((u) => u.name)];
  const text = typed.replace(/@([\p{Script=Han}A-Za-z0-9_]+)/gu, (whole, name: string) => {
    if (!names.includes(name)) return whole;
    const key = `@_user_${mentions.length + 1}`;
    const openId = name === '三办助手' ? botOpenId : users.find((u) => u.name === name)!.openId;
    mentions.push({ key, openId, name });
    return key;
  });
  return { text, mentions };
}

function header(ctx: EnvelopeContext, eventType: string) {
  return {
    event_id: hex(16),
    event_type: eventType,
    create_time: String(Date.now()),
    ...(ctx.verificationToken ? { token: ctx.verificationToken } : {}),
    app_id: ctx.appId,
    tenant_key: ctx.tenantKey,
  };
}

export function messageReceived(
  ctx: EnvelopeContext,
  m: {
    chatId: string;
    chatType: 'group' | 'p2p';
    senderOpenId: string;
    text?: string;
    messageType?: string;
    content?: Record<string, unknown>;
    mentions?: MentionSpec[];
    messageId?: string;
    /** A reply: the message replied to. */
    parentId?: string;
  },
) {
  return {
    schema: '2.0',
    header: header(ctx, 'im.message.receive_v1'),
    event: {
      sender: {
        sender_id: { union_id: `on_${hex(16)}`, open_id: m.senderOpenId },
        sender_type: 'user',
        tenant_key: ctx.tenantKey,
      },
      message: {
        message_id: m.messageId ?? `om_${hex(16)}`,
        create_time: String(Date.now()),
        chat_id: m.chatId,
        chat_type: m.chatType,
        message_type: m.messageType ?? 'text',
        content: JSON.stringify(m.content ?? { text: m.text ?? '' }),
        ...(m.parentId ? { parent_id: m.parentId, root_id: m.parentId } : {}),
        ...(m.mentions?.length
          ? {
              mentions: m.mentions.map((x) => ({
                key: x.key,
                id: { union_id: `on_${hex(8)}`, open_id: x.openId },
                name: x.name,
                tenant_key: ctx.tenantKey,
              })),
            }
          : {}),
      },
    },
  };
}

export function cardActionTriggered(
  ctx: EnvelopeContext,
  a: {
    operatorOpenId: string;
    messageId: string;
    chatId: string;
    value?: Record<string, unknown>;
    formValue?: Record<string, unknown>;
    tag?: string;
    name?: string;
    token: string;
  },
) {
  return {
    schema: '2.0',
    header: header(ctx, 'card.action.trigger'),
    event: {
      operator: { tenant_key: ctx.tenantKey, open_id: a.operatorOpenId, union_id: `on_${hex(8)}` },
      token: a.token,
      action: {
        ...(a.value ? { value: a.value } : {}),
        tag: a.tag ?? 'button',
        timezone: 'Asia/Shanghai',
        ...(a.formValue ? { form_value: a.formValue } : {}),
        ...(a.name ? { name: a.name } : {}),
      },
      host: 'im_message',
      context: { open_message_id: a.messageId, open_chat_id: a.chatId },
    },
  };
}

export function botAdded(ctx: EnvelopeContext, chatId: string, operatorOpenId: string) {
  return {
    schema: '2.0',
    header: header(ctx, 'im.chat.member.bot.added_v1'),
    event: { chat_id: chatId, operator_id: { open_id: operatorOpenId }, name: '测试群', external: false },
  };
}

export function urlVerification(ctx: EnvelopeContext, challenge: string) {
  return { challenge, token: ctx.verificationToken ?? '', type: 'url_verification' };
}

/** `drive.file.edit_v1` (FS drive-v1/event/list/file-edited): who edited; it carries no revision. */
export function fileEdited(ctx: EnvelopeContext, e: { fileToken: string; fileType: string; operatorOpenIds: string[] }) {
  return {
    schema: '2.0',
    header: header(ctx, 'drive.file.edit_v1'),
    event: {
      file_token: e.fileToken,
      file_type: e.fileType,
      operator_id_list: e.operatorOpenIds.map((open_id) => ({ open_id, union_id: `on_${hex(16)}` })),
      subscriber_id_list: [],
    },
  };
}
