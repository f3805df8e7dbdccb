import chineseDays from 'chinese-days';
import type { StoredMessage } from '../../src/local/lark/server.js';
import { addDays, beijingDate, beijingMinuteOfDay } from '../../src/platform/time.js';
import type { SimOffice } from './office.js';

/** One check of the month: what it asserts, whether it held, and the evidence in a line. */
export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

/** Every queued message was delivered once: one Lark message per outbox uuid, none failed or stuck. */
export async function checkSentOnce(office: SimOffice): Promise<Check> {
  const rows = await office.app.db.prisma.outboxMessage.findMany({
    where: { op: { in: ['send', 'reply'] } },
    select: { uuid: true, status: true, origin: true },
  });
  const perUuid = new Map<string, number>();
  for (const m of office.fake.messages.values()) if (m.uuid) perUuid.set(m.uuid, (perUuid.get(m.uuid) ?? 0) + 1);
  const twice = [...perUuid].filter(([, n]) => n > 1);
  const notSent = rows.filter((r) => r.status !== 'sent' && r.status !== 'superseded');
  const missing = rows.filter((r) => r.status === 'sent' && !perUuid.has(r.uuid));
  const scheduled = rows.filter((r) => r.origin.startsWith('job:') || r.origin.startsWith('timer:')).length;
  const ok = twice.length === 0 && notSent.length === 0 && missing.length === 0;
  return {
    name: '每条定时与排队消息恰好发送一次（按 uuid）',
    ok,
    detail: `${rows.length} 条排队消息（其中定时任务 ${scheduled} 条），重复 ${twice.length}，未送达 ${notSent.length}${notSent.length ? `（${[...new Set(notSent.map((r) => `${r.origin}:${r.status}`))].slice(0, 5).join('、')}）` : ''}，无对应飞书消息 ${missing.length}`,
  };
}

/**
 * Nothing outside working hours except what is meant to go then. The allowlist, by the outbox row's
 * origin: the morning 日程 broadcast (07:30, before office hours by design: the 今日安排 is on the desk
 * before work) and the evening preview to secretaries (17:00, inside hours unless configured later), the
 * 急情要事 alert and its follow-ups (at once, any hour), reminders of a leader's activity (a set time before
 * it, so a weekend inspection is reminded at the weekend), and the answer to a person who wrote or clicked.
 */
export const OFF_HOURS_ALLOWED: { origin: RegExp; why: string }[] = [
  { origin: /^job:schedules\.(broadcast|preview)/, why: '领导日程早间发布与前一日预告（按办公室惯例在上班前/下班时）' },
  // 今日汇要 is on the desk before work by design (DIGEST_AT, default half an hour before office hours).
  { origin: /^job:digest\.morning/, why: '今日汇要（上班前送达，按设计）' },
  // A set time before the activity, whenever it is: a Saturday inspection is reminded on the Saturday.
  { origin: /^(job|timer):schedules\.remind/, why: '领导活动提醒（含周末、节假日活动）' },
  { origin: /urgent|急情/, why: '急情要事即时报送与提醒' },
  { origin: /^(command|action|reply):/, why: '对本人指令或点击的即时答复' },
];

export function inWorkingHours(office: SimOffice, at: Date): boolean {
  const date = beijingDate(at);
  if (!office.app.calendar.current().isWorkingDay(date)) return false;
  const m = beijingMinuteOfDay(at);
  return (m >= 510 && m < 720) || (m >= 870 && m < 1050);
}

export async function checkWorkingHours(office: SimOffice): Promise<Check & { offHours: Map<string, number> }> {
  const rows = await office.app.db.prisma.outboxMessage.findMany({
    where: { op: { in: ['send', 'reply'] }, status: 'sent' },
    select: { uuid: true, origin: true },
  });
  const originOf = new Map(rows.map((r) => [r.uuid, r.origin]));
  const offHours = new Map<string, number>();
  const bad = new Map<string, number>();
  let direct = 0;
  for (const m of office.fake.messages.values() as Iterable<StoredMessage>) {
    if (inWorkingHours(office, new Date(m.createdAt))) continue;
    const origin = (m.uuid && originOf.get(m.uuid)) || '';
    if (!m.uuid || !origin) {
      // Sent at once, not through the outbox: an answer in the request that asked (a reply to a person).
      direct++;
      continue;
    }
    offHours.set(origin, (offHours.get(origin) ?? 0) + 1);
    if (!OFF_HOURS_ALLOWED.some((a) => a.origin.test(origin))) bad.set(origin, (bad.get(origin) ?? 0) + 1);
  }
  return {
    name: '工作时间以外不发消息（允许清单除外）',
    ok: bad.size === 0,
    detail: `工作时间外 ${[...offHours.values()].reduce((a, b) => a + b, 0)} 条均在允许清单内${direct ? `，另有 ${direct} 条为当场答复` : ''}${bad.size ? `；不在清单内：${[...bad].map(([o, n]) => `${o}×${n}`).join('、')}` : ''}`,
    offHours,
  };
}

/** Working days after `from` up to and including `to`, counted on chinese-days directly (not the product's calendar). */
export function workingDaysAfter(from: string, to: string): number {
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (chineseDays.isWorkday(d)) n++;
  return n;
}
