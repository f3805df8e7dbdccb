import chineseDays from 'chinese-days';
import { OfficeTime } from '../../src/platform/calendar/working-time.js';
import { beijingDate } from '../../src/platform/time.js';
import type { PlannedItem } from './actors/supervision.js';
import type { PlannedMeeting } from './actors/meetings.js';
import { workingDaysAfter, type Check } from './checks.js';
import type { SimOffice } from './office.js';

const median = (xs: number[]) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const hasHolidayBetween = (from: string, to: string) => {
  for (let d = new Date(`${from}T12:00:00Z`); d.toISOString().slice(0, 10) <= to; d = new Date(d.getTime() + 86_400_000)) {
    const iso = d.toISOString().slice(0, 10);
    if (chineseDays.isHoliday(iso) && d.getUTCDay() !== 0 && d.getUTCDay() !== 6) return true;
  }
  return false;
};

/**
 * Deadlines counted over the holidays: each 督办 deadline given in working days is that many working days
 * after the day it was entered, counted here on chinese-days directly (not through the product's
 * calendar) and always a working day; each 纪要's due date is 3 working days after its meeting; and every
 * working-days-only job ran on each working day and was skipped on each day off.
 */
export async function checkDeadlines(
  office: SimOffice,
  o: { items: PlannedItem[]; meetings: PlannedMeeting[]; dateOf: (i: number) => string },
): Promise<Check> {
  const p = office.app.db.prisma;
  const wrong: string[] = [];
  let items = 0;
  let overHoliday = 0;
  for (const it of o.items.filter((i) => i.workingDays > 0 && i.deadline)) {
    items++;
    const created = o.dateOf(it.createdOn);
    const n = workingDaysAfter(created, it.deadline!);
    if (hasHolidayBetween(created, it.deadline!)) overHoliday++;
    if (n !== it.workingDays || !chineseDays.isWorkday(it.deadline!))
      wrong.push(`${it.number}：${created} 起 ${it.workingDays} 个工作日，期限 ${it.deadline}（实为 ${n} 个）`);
  }
  let minutes = 0;
  for (const m of o.meetings.filter((x) => x.number)) {
    const row = await p.meeting.findFirst({ where: { number: m.number } });
    if (!row?.minutesDueDate) continue;
    minutes++;
    const n = workingDaysAfter(o.dateOf(m.on), row.minutesDueDate);
    if (n !== 3) wrong.push(`${m.number} 纪要应于 ${row.minutesDueDate} 前印发（距会议 ${n} 个工作日）`);
  }
  const workingOnly = office.app.scheduler;
  const runs = await p.jobRun.findMany({ where: { NOT: { period: { startsWith: 'manual:' } } }, select: { job: true, period: true, status: true } });
  let jobDays = 0;
  for (const r of runs) {
    if (!workingOnly.job(r.job)?.workingDaysOnly) continue;
    jobDays++;
    const date = r.period.slice(0, 10);
    const working = chineseDays.isWorkday(date);
    if (working && r.status === 'skipped') wrong.push(`${r.job} 在工作日 ${date} 被跳过`);
    if (!working && r.status !== 'skipped') wrong.push(`${r.job} 在休息日 ${date} 运行（${r.status}）`);
  }
  return {
    name: '跨节假日的期限按工作日正确计算',
    ok: wrong.length === 0 && items > 0,
    detail: `抽查 ${items} 项督办期限（其中 ${overHoliday} 项跨中秋/国庆）、${minutes} 个纪要时限、${jobDays} 次仅工作日任务的运行/跳过${wrong.length ? `；不符：${wrong.slice(0, 6).join('；')}` : '，全部相符'}`,
  };
}

/** The month's numbers as an office reads them, one table per job (Chinese, for the 办公室's monthly report). */
export async function officeNumbers(office: SimOffice, o: { meetings: PlannedMeeting[]; dateOf: (i: number) => string; today: string }): Promise<string[]> {
  const p = office.app.db.prisma;
  const out: string[] = [];
  const row = (label: string, value: string | number) => out.push(`  ${label.padEnd(16, '　')}${value}`);

  const items = await p.supervisionItem.findMany();
  const escalated = new Set((await p.auditEntry.findMany({ where: { objectType: 'supervision_item', action: 'escalate' } })).map((a) => a.objectId));
  const closed = items.filter((i) => i.status === 'closed');
  const open = items.filter((i) => i.status !== 'closed' && i.status !== 'cancelled');
  out.push('【督查督办】');
  row('新立项', `${items.length} 项（其中会议议定事项 ${items.filter((i) => i.sourceType === 'meeting').length} 项）`);
  row('已办结销号', `${closed.length} 项：按期 ${closed.filter((i) => i.closedOnTime).length} 项，逾期 ${closed.filter((i) => !i.closedOnTime).length} 项`);
  row('按期办结率', `${items.length ? ((closed.filter((i) => i.closedOnTime).length / items.length) * 100).toFixed(1) : '0'}%（按期办结 ÷ 立项）`);
  row('在办', `${open.length} 项，其中已超期 ${open.filter((i) => i.deadline < o.today).length} 项`);
  row('升级督办', `${escalated.size} 项（报分管领导）`);

  const drafts = await p.reviewDraft.findMany({ where: { kind: { not: 'minutes' } } });
  const steps = await p.reviewStep.findMany({ where: { decidedAt: { not: null }, reachedAt: { not: null }, status: { in: ['approved', 'returned'] } } });
  const officeTime = new OfficeTime(office.app.calendar.current(), office.app.calendar.workingHours);
  const dwell = new Map<string, number[]>();
  for (const s of steps) dwell.set(s.label, [...(dwell.get(s.label) ?? []), officeTime.between('working', s.reachedAt!, s.decidedAt!) / 60]);
  out.push('【文稿审核】');
  row(
    '送审文稿',
    `${drafts.length} 件：审核完成 ${drafts.filter((d) => d.status === 'approved').length} 件，审核中 ${drafts.filter((d) => d.status === 'reviewing').length} 件，退回修改中 ${drafts.filter((d) => d.status === 'returned').length} 件`,
  );
  row('退回修改（次）', (await p.reviewEvent.count({ where: { kind: 'returned' } })) + (await p.reviewEvent.count({ where: { kind: 'return' } })));
  for (const [label, xs] of [...dwell].sort((a, b) => b[1].length - a[1].length))
    row(`  ${label}`, `停留中位数 ${median(xs).toFixed(1)} 工作小时（${xs.length} 次）`);

  const meetings = await p.meeting.findMany();
  out.push('【会议议题】');
  row(
    '召开常务会议',
    `${meetings.filter((m) => m.heldAt).length} 次，上会议题 ${await p.topic.count({ where: { status: 'discussed' } })} 个，议定事项 ${await p.meetingDecision.count()} 项`,
  );
  let inTime = 0;
  let issued = 0;
  for (const m of o.meetings.filter((x) => x.number)) {
    const r = meetings.find((x) => x.number === m.number);
    if (!r?.minutesIssuedAt) continue;
    issued++;
    if (workingDaysAfter(o.dateOf(m.on), beijingDate(r.minutesIssuedAt)) <= 3) inTime++;
  }
  row('纪要印发', `${issued} 份，其中 3 个工作日内印发 ${inTime} 份`);

  out.push('【领导日程】');
  row('录入日程', `${await p.scheduleEntry.count()} 条（8 位领导）`);
  row('早间发布', `${await p.scheduleBroadcast.count()} 次`);
  row('发布后变更通知', `${await p.outboxMessage.count({ where: { origin: { startsWith: 'schedules.change' } } })} 条`);
  row('活动提醒', `${await p.outboxMessage.count({ where: { origin: { startsWith: 'job:schedules.remind' } } })} 条`);

  const statuses = await p.infoDayStatus.groupBy({ by: ['status'], _count: true });
  const count = (s: string) => statuses.find((x) => x.status === s)?._count ?? 0;
  out.push('【政务信息】');
  row('报送信息', `${await p.infoNote.count()} 条（急情要事 ${await p.infoNote.count({ where: { urgent: true } })} 条）`);
  row('单位·日', `已报送 ${count('reported')}，零报告 ${count('zero')}，漏报 ${count('missed')}`);
  row('编发简报', `${await p.infoIssue.count({ where: { state: 'published' } })} 期`);
  const adoptions = await p.infoAdoption.groupBy({ by: ['unitId'], _count: true });
  const units = new Map((await p.unit.findMany()).map((u) => [u.id, u.name]));
  row('录用（本级）', `${adoptions.reduce((a, b) => a + b._count, 0)} 条`);
  for (const a of adoptions.sort((x, y) => y._count - x._count)) row(`  ${units.get(a.unitId) ?? a.unitId}`, `${a._count} 条`);
  return out;
}
