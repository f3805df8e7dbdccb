import { literalText } from '../../../../platform/text.js';
import { beijingDate } from '../../../../platform/time.js';
import type { Recipient } from '../repositories/recipients.js';
import { clockText, gist } from './text.js';

/** The 2-hour reminder to the editors (plain text: the user's words are quoted, never marked up). */
export function reminderText(f: { number: string; unitName: string; body: string; startAt: Date; escalateAt: Date }): string {
  return [
    `【急情要事提醒】${f.number}（${f.unitName}：${gist(f.body)}）`,
    `事发于${clockText(f.startAt)}，已过2小时，尚未报送领导。`,
    `请于${clockText(f.escalateAt, beijingDate(f.startAt))}前报送领导，并在该信息卡片上点击「已报送领导」；逾时将告知办公室主任。`,
  ].join('\n');
}

/** The 3-hour escalation to the office director. */
export function escalationText(f: { number: string; unitName: string; body: string; startAt: Date; editors: readonly Recipient[] }): string {
  return [
    `【急情要事超时】${f.number}（${f.unitName}：${gist(f.body)}）`,
    `事发于${clockText(f.startAt)}，已满3小时，信息科仍未报送领导。`,
    `信息科：${f.editors.map((e) => e.name).join('、') || '（未设信息编辑）'}。请督促即时报送。`,
  ].join('\n');
}

/**
 * No leader was reached: the day's 值班表 names no 带班领导 and no leader is configured (BRIEFS_URGENT_LEADERS,
 * or a 领导 值班 grant). To the editors and the office director(s), at once.
 */
export function noLeaderText(f: { number: string; body: string }): string {
  return [
    `【急情要事未送达领导】${f.number}（${literalText(gist(f.body))}）`,
    '今日值班表未排带班领导，也未配置急情要事送达的领导，该急情要事未送达任何领导。',
    '请信息科立即电话报告值班领导，报送后在信息卡片上点击「已报送领导」；请办公室主任督促，并在领导日程中补排值班或配置急情要事领导。',
  ].join('\n');
}

/** Lark refused the 加急 of an alert card (to the editors, once per note): the leader must be telephoned. */
export function buzzRefusedText(f: { number: string; names: readonly string[] }): string {
  return `【急情要事】${f.number}加急提醒未能送达（${f.names.map((n) => literalText(n)).join('、')}），请电话联系带班领导。`;
}
