import type { MessengerError } from '../../ports/messenger.js';
import type { Row } from './claimed-row.js';

/** How the worker words a delivery failure: the short reason stored on the row, and the admins' notice. */
const PERMANENT_REASON: Record<string, string> = {
  not_in_chat: '机器人不在该群',
  card_invalid: '卡片格式无效',
  too_large: '消息过长',
  recipient_invalid: '接收人无效或不在应用可用范围内',
  other: '飞书拒绝了该消息',
};

/** 1 s, 2 s, 4 s … capped at 5 minutes, with ±20% jitter so instances do not retry in step. */
export function backoff(attempt: number, baseMs = 1000): number {
  const base = Math.min(baseMs * 2 ** (attempt - 1), 5 * 60_000);
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

export function describe(error: MessengerError): string {
  const code = 'code' in error && error.code !== undefined ? ` ${error.code}` : '';
  const message = 'message' in error ? ` ${error.message}` : '';
  return `${error.kind}${code}${message}`.slice(0, 500);
}

/** The admins' notice for a message given up on: who it was for, where it came from, why. */
export function failureNotice(row: Pick<Row, 'targetType' | 'targetId' | 'origin'>, error: MessengerError): string {
  const what = `${PERMANENT_REASON[error.kind] ?? '发送失败'}（${describe(error)}）`;
  return `【消息发送失败】一条消息未能送达，已停止重试。\n接收方：${row.targetType} ${row.targetId}\n来源：${row.origin || '未注明'}\n原因：${what}\n请检查机器人是否在群内、接收人是否在应用可用范围内。`;
}
