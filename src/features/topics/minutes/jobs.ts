import { recordEvent } from '../../../platform/events.js';
import { enqueue } from '../../../platform/outbox/outbox.js';
import { describeDate, inParens } from '../../../platform/phrases/index.js';
import { beijingDate } from '../../../platform/time.js';
import type { Router } from '../../../router/router.js';
import type { FeatureDeps } from '../../deps.js';
import { MEETING_TYPE } from '../object-type.js';
import { findMeetingType } from '../repositories/meeting-types.js';
import { updateMeetingIf, type MeetingRow } from '../repositories/meetings.js';
import { MINUTES_LADDER, minutesRungToSend, type MinutesAudience } from './domain/due.js';
import { meetingsIssued, minutesOutstanding, minutesSignedNotIssued, officeDirectors, personBrief } from './repositories/minutes.js';
import { checkImplemented, issueMinutes } from './use-cases/issue.js';

const STAGE: Record<string, string> = { none: '尚未起草', drafting: '起草中', reviewing: '审核中' };

/** Who a rung reaches, as open ids: the drafter, the office director(s), the type's presiding leader. */
async function openIdsOf(deps: FeatureDeps, m: MeetingRow, audience: readonly MinutesAudience[]): Promise<string[]> {
  const out = new Set<string>();
  for (const a of audience) {
    if (a === 'drafter' && m.minutesDrafterId) {
      const p = await personBrief(deps.prisma, m.minutesDrafterId);
      if (p?.openId) out.add(p.openId);
    }
    if (a === 'director') for (const d of await officeDirectors(deps.prisma)) if (d.openId) out.add(d.openId);
    if (a === 'presiding') {
      const type = await findMeetingType(deps.prisma, m.meetingTypeId);
      const p = type?.presidingId ? await personBrief(deps.prisma, type.presidingId) : null;
      if (p?.openId) out.add(p.openId);
    }
  }
  return [...out];
}

/**
 * 纪要催办 on the shared ladder: each meeting whose 纪要 is not yet 签发 climbs it (day 2 the drafter, the due
 * day the office director, then the presiding leader too); the rung sent is remembered on the meeting
 * (compare-and-set with its messages), so no rung goes twice and a missed day sends only the highest.
 */
export async function runMinutesChase(deps: FeatureDeps, firedAt: Date): Promise<{ sent: number }> {
  const today = beijingDate(firedAt);
  const calendar = deps.calendar.current();
  const horizon = calendar.addWorkingDays(today, Math.max(...MINUTES_LADDER.before));
  let sent = 0;
  for (const m of await minutesOutstanding(deps.prisma, horizon)) {
    const rung = minutesRungToSend({ dueDate: m.minutesDueDate, sentRank: m.minutesChaseRank }, today, calendar);
    if (!rung) continue;
    const to = await openIdsOf(deps, m, rung.audience);
    const text =
      `【纪要催办】${m.number}${inParens(`${describeDate(beijingDate(m.startsAt), today, calendar)}召开`)}的纪要应于` +
      `${describeDate(m.minutesDueDate, today, calendar)}前完成，${rung.label}，当前${STAGE[m.minutesStatus] ?? '办理中'}。`;
    await deps.prisma.$transaction(async (tx) => {
      if (!(await updateMeetingIf(tx, m, { minutesChaseRank: rung.rank }))) return;
      for (const openId of to)
        await enqueue(tx, {
          to: { openId },
          content: { type: 'text', text },
          key: `minutes-chase:${m.id}:${rung.rank}:${openId}`,
          origin: 'job:minutes.chase',
        });
      await recordEvent(tx, {
        type: MEETING_TYPE,
        objectId: m.id,
        auditId: m.number,
        actor: 'system:minutes.chase',
        at: firedAt,
        kind: 'minutes_chase',
        text: rung.label,
        data: { rank: rung.rank, audience: rung.audience },
      });
      sent += to.length;
    });
  }
  deps.outbox.kick();
  return { sent };
}

/** The sweep: 印发 cut short is finished, and issued meetings whose items are all 销号 become 全部落实. */
export async function runMinutesSweep(deps: FeatureDeps): Promise<{ issued: number; implemented: number }> {
  let issued = 0;
  let implemented = 0;
  for (const m of await minutesSignedNotIssued(deps.prisma)) {
    await issueMinutes(deps, m.id);
    issued++;
  }
  for (const m of await meetingsIssued(deps.prisma)) if (await checkImplemented(deps, m.id)) implemented++;
  return { issued, implemented };
}

export function registerMinutesJobs(router: Router, deps: FeatureDeps): void {
  router.job({
    name: 'minutes.chase',
    label: '纪要催办',
    description: '会议纪要催办：会后第2个工作日提醒起草人，第3个工作日提醒办公室主任，超期后提醒主持领导',
    cron: '40 9 * * *',
    workingDaysOnly: true,
    officeHoursOnly: true,
    catchUpWithinMinutes: 150,
    handler: async ({ firedAt, log }) => log.info(await runMinutesChase(deps, firedAt), 'minutes chase done'),
  });
  router.job({
    name: 'minutes.sweep',
    label: '纪要印发与落实',
    description: '补发未完成的纪要印发；议定事项全部销号的会议标记为全部落实',
    cron: '*/15 * * * *',
    pending: async () => (await minutesSignedNotIssued(deps.prisma)).length > 0 || (await meetingsIssued(deps.prisma)).length > 0,
    handler: async ({ log }) => log.info(await runMinutesSweep(deps), 'minutes sweep done'),
  });
}
