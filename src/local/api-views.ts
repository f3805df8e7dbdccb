import { officeTime } from '../features/admin/job-words.js';
import { weekdayName } from '../platform/phrases/index.js';
import { beijingDate } from '../platform/time.js';
import type { FakeLark, InboundRecord, StoredMessage } from './lark/server.js';
import type { MovableClock } from './movable-clock.js';
import type { RunningApp } from '../app.js';

/** How the page's API shows the clock and a chat's messages (src/local/API.md), shared by its reads and its event stream. */
export function clockView(ctx: { clock: MovableClock; app: () => RunningApp }) {
  const now = ctx.clock.now();
  const date = beijingDate(now);
  return {
    now: now.toISOString(),
    label: `${date.slice(0, 4)}年${officeTime(now)}（${weekdayName(date)}）`,
    workingDay: ctx.app().calendar.current().isWorkingDay(date),
  };
}

export function botMessage(fake: FakeLark, m: StoredMessage) {
  const content = JSON.parse(m.content) as Record<string, unknown>;
  const upload = m.msgType === 'file' ? fake.uploads.get(String(content.file_key)) : undefined;
  return {
    messageId: m.messageId,
    chatId: m.chatId,
    from: 'bot',
    fromName: '三办助手',
    msgType: m.msgType,
    ...(m.msgType === 'text' ? { text: String(content.text) } : {}),
    ...(m.msgType === 'interactive' ? { card: content } : {}),
    ...(m.msgType === 'file' ? { file: { fileKey: String(content.file_key), name: upload?.name ?? '文件' } } : {}),
    ...(m.rootId ? { replyTo: m.rootId } : {}),
    at: new Date(m.createdAt).toISOString(),
    updated: m.patches > 0,
    // Buzzed (加急, urgentApp) by the bot: the page marks it, as Feishu shows the red 加急 label.
    ...(fake.buzzes.some((b) => b.messageId === m.messageId) ? { urgent: true } : {}),
  };
}

export function personMessage(fake: FakeLark, r: InboundRecord) {
  return {
    messageId: r.messageId,
    chatId: r.chatId,
    from: r.from,
    fromName: fake.users.get(r.from)?.name ?? '',
    msgType: 'text',
    text: r.text,
    at: new Date(r.at).toISOString(),
    updated: false,
  };
}
