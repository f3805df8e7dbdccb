import { enqueue } from '../../../../platform/outbox/outbox.js';
import { recordAudits, type AuditRecord } from '../../../../platform/audit.js';
import { addDays, beijingDate, beijingMinuteOfDay } from '../../../../platform/time.js';
import type { FeatureDeps } from '../../../deps.js';
import { orderUnits } from '../../../org/index.js';
import { NOTE_TYPE } from '../../object-type.js';
import { claimDay, daysOf, daysOfMonth, updateDayIf } from '../../repositories/days.js';
import { boardUnits, type BoardUnit } from '../../repositories/liaisons.js';
import { notesOfDay, notesOfUnitsInMonth } from '../../repositories/notes.js';
import { briefSettings } from '../../settings.js';
import { monthLines, type Board, type BoardLine, type MonthLine } from '../domain/board.js';
import type { DayStatus } from '../../domain/states.js';
import { nudgeText } from '../presenters/board-card.js';

/** The daily board of a date: every unit with a 信息联络员, in the office's unit order. */
export async function loadBoard(deps: FeatureDeps, date: string): Promise<Board> {
  const [units, days, notes] = await Promise.all([boardUnits(deps.prisma), daysOf(deps.prisma, date), notesOfDay(deps.prisma, date)]);
  const byUnit = new Map(days.map((d) => [d.unitId, d]));
  const counts = new Map<string, number>();
  for (const n of notes) counts.set(n.unitId, (counts.get(n.unitId) ?? 0) + 1);
  const lines: BoardLine[] = orderUnits(units).map((u) => {
    const d = byUnit.get(u.id);
    return {
      unitId: u.id,
      unit: u.name,
      status: (d?.status ?? 'unreported') as DayStatus,
      notes: counts.get(u.id) ?? 0,
      late: !!d?.late,
      nudged: !!d?.nudgedAt,
    };
  });
  return { date, working: deps.calendar.current().isWorkingDay(date), lines };
}

const liaisonsWithOpenId = (u: BoardUnit) => u.liaisons.filter((l): l is typeof l & { openId: string } => !!l.openId);

/**
 * The nudge (16:00 by default, working days): one private message to each liaison of each unit that has
 * neither reported nor sent 零报告. The day row's nudgedAt is the claim, so a unit is nudged once a day
 * however often the job runs.
 */
export async function runNudge(deps: FeatureDeps, firedAt: Date): Promise<{ nudged: number; messages: number }> {
  const date = beijingDate(firedAt);
  if (!deps.calendar.current().isWorkingDay(date)) return { nudged: 0, messages: 0 };
  const settings = briefSettings(deps);
  const [units, days] = await Promise.all([boardUnits(deps.prisma), daysOf(deps.prisma, date)]);
  const standing = new Map(days.map((d) => [d.unitId, d]));
  // Read once; each candidate is then claimed on its own row (a unit that reported meanwhile is passed over).
  const due = orderUnits(units).filter((u) => {
    const d = standing.get(u.id);
    return !d || (d.status === 'unreported' && !d.nudgedAt);
  });
  // One transaction for the run (one commit, not one per unit); each unit is still claimed on its own row.
  const { nudged, messages } = await deps.prisma.$transaction(async (tx) => {
    let nudged = 0;
    let messages = 0;
    for (const u of due) {
      const day = await claimDay(tx, u.id, date);
      if (day.status !== 'unreported' || day.nudgedAt) continue;
      if (!(await updateDayIf(tx, day, { nudgedAt: firedAt }))) continue;
      nudged++;
      for (const l of liaisonsWithOpenId(u)) {
        await enqueue(tx, {
          to: { openId: l.openId },
          content: { type: 'text', text: nudgeText(u.name, date, settings.closeMinute) },
          key: `briefs.nudge:${date}:${u.id}:${l.openId}`,
          origin: 'job:briefs.nudge',
        });
        messages++;
      }
    }
    return { nudged, messages };
  });
  deps.outbox.kick();
  return { nudged, messages };
}

/**
 * The close of the working day (17:30 by default): each unit still 未报送 is recorded 漏报, once (the row's
 * status is the claim). A note reported later that day is still stored (补报), and the day stays 漏报.
 */
export async function runClose(deps: FeatureDeps, firedAt: Date): Promise<{ missed: number }> {
  const date = beijingDate(firedAt);
  if (!deps.calendar.current().isWorkingDay(date)) return { missed: 0 };
  const [units, days] = await Promise.all([boardUnits(deps.prisma), daysOf(deps.prisma, date)]);
  const standing = new Map(days.map((d) => [d.unitId, d.status]));
  const due = units.filter((u) => (standing.get(u.id) ?? 'unreported') === 'unreported');
  const audits: AuditRecord[] = [];
  await deps.prisma.$transaction(async (tx) => {
    for (const u of due) {
      const day = await claimDay(tx, u.id, date);
      if (day.status !== 'unreported') continue;
      if (await updateDayIf(tx, day, { status: 'missed', missedRecordedAt: firedAt }))
        audits.push({
          actor: 'system:briefs.close',
          objectType: NOTE_TYPE,
          objectId: `${u.id}:${date}`,
          action: 'missed',
          after: { note: `${date} ${u.name}漏报` },
          at: firedAt,
        });
    }
    await recordAudits(tx, audits);
  });
  return { missed: audits.length };
}

/** The month (YYYY-MM) per unit, up to `today`: closed working days, and today once it has a row. */
export async function loadMonth(deps: FeatureDeps, month: string, now: Date): Promise<MonthLine[]> {
  const calendar = deps.calendar.current();
  const today = beijingDate(now);
  const closeMinute = briefSettings(deps).closeMinute;
  const nowMinute = beijingMinuteOfDay(now);
  const closed: string[] = [];
  let open: string | undefined;
  for (let d = `${month}-01`; d.startsWith(month) && d <= today; d = addDays(d, 1)) {
    if (!calendar.isWorkingDay(d)) continue;
    if (d < today || nowMinute >= closeMinute) closed.push(d);
    else open = d;
  }
  const [units, days, notes] = await Promise.all([boardUnits(deps.prisma), daysOfMonth(deps.prisma, month), notesOfUnitsInMonth(deps.prisma, month)]);
  return monthLines(orderUnits(units), closed, open, days, notes);
}
