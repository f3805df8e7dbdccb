import { seededRng } from '../../drills/support/prng.js';
import { beijingDate } from '../../src/platform/time.js';
import { notesActor } from './actors/notes.js';
import { supervisionActor } from './actors/supervision.js';
import { schedulesActor } from './actors/schedules.js';
import { reviewsActor } from './actors/reviewers.js';
import { meetingsActor } from './actors/meetings.js';
import { periodicalActor } from './actors/periodical.js';
import { checkSentOnce, checkWorkingHours, type Check } from './checks.js';
import { checkAudit, checkCardsFinal, monthObjects } from './objects.js';
import { checkDeadlines, officeNumbers } from './summary.js';
import { monthDays, runMonth } from './month.js';
import { startSimOffice } from './office.js';

/** RSS in MB after a full collection when node runs with --expose-gc (npm run simulate does). */
function rssMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().rss / 1024 / 1024;
}

/** The bound on growth from the second working day to the last: the month's data is in the database, not the heap. */
export const RSS_GROWTH_BOUND_MB = 64;

function checkMemory(rss: { day: number; mb: number }[]): Check {
  const [a, b] = [rss[0], rss.at(-1)];
  if (!a || !b || a === b) return { name: '内存平稳', ok: true, detail: '运行天数不足两天，未比较' };
  const growth = b.mb - a.mb;
  return {
    name: `内存平稳（第${b.day}个工作日 RSS 不超过第${a.day}个工作日 +${RSS_GROWTH_BOUND_MB} MB）`,
    ok: growth <= RSS_GROWTH_BOUND_MB,
    detail: `第${a.day}个工作日 ${a.mb.toFixed(0)} MB → 第${b.day}个工作日 ${b.mb.toFixed(0)} MB（${growth >= 0 ? '+' : ''}${growth.toFixed(0)} MB；进程内含仿飞书服务及其全部消息记录）`,
  };
}

export interface MonthOptions {
  /** Working days to run (22: the month; the CI drill runs 5). */
  workingDays: number;
  /** The first day (a working day), Beijing date. */
  first?: string;
  seed?: number;
  databaseUrl?: string;
  /** Progress lines while it runs. */
  log?: (line: string) => void;
}

export interface MonthResult {
  checks: Check[];
  summary: string[];
  seconds: number;
  ok: boolean;
}

/**
 * The demo office run for `workingDays` working days from `first` (default Monday 2026-09-21: 中秋 on the
 * 25th, 国庆 1–7 October with 10 October a make-up Saturday), every actor through the real SDK against the
 * fake Lark, every scheduled job on time by time travel; then the checks and the office's numbers.
 */
export async function simulateMonth(o: MonthOptions): Promise<MonthResult> {
  const started = Date.now();
  const first = o.first ?? '2026-09-21';
  const log = o.log ?? (() => undefined);
  const rng = seededRng(o.seed ?? 20260921);
  const office = await startSimOffice({ start: `${first}T07:00:00+08:00`, ...(o.databaseUrl ? { databaseUrl: o.databaseUrl } : {}) });
  try {
    await office.app.scheduler.idle();
    await office.settle();
    const days = monthDays(office, first, o.workingDays);
    const indexOf = new Map(days.filter((d) => d.working).map((d) => [d.date, d.index]));
    const dayIndexOf = (date: string) => indexOf.get(date) ?? o.workingDays + 5;
    const scale = o.workingDays / 22;
    const supervision = supervisionActor(office, rng, { items: Math.max(4, Math.round(30 * scale)), workingDays: o.workingDays, dayIndexOf });
    const notes = notesActor(office, rng, { urgentOn: [{ index: 1 }, { index: 0, dayOff: true }] });
    const dateOf = (index: number) => days.find((d) => d.index === index)?.date ?? days.at(-1)!.date;
    const schedules = schedulesActor(office, rng);
    const reviews = reviewsActor(office, rng, { drafts: Math.max(5, Math.round(25 * scale)), workingDays: o.workingDays });
    const meetings = meetingsActor(office, rng, {
      meetings: Math.max(1, Math.round(4 * scale)),
      workingDays: o.workingDays,
      dateOf,
      adoptItem: (n, today) => supervision.adopt(n, today),
    });
    const periodical = periodicalActor(office, rng, { issueOn: o.workingDays >= 10 ? [9, o.workingDays - 2] : [o.workingDays - 1] });
    const actors = [supervision, notes, schedules, reviews, meetings, periodical];
    const rss: { day: number; mb: number }[] = [];
    await runMonth(office, days, actors, {
      rng,
      onDayEnd: (day) => {
        if (day.working && (day.index === 1 || day.index === o.workingDays - 1)) rss.push({ day: day.index + 1, mb: rssMb() });
        log(
          `${day.date}${day.working ? ` 第${day.index + 1}个工作日` : ' 休息日'} · ${office.fake.messages.size} 条消息 · ${Math.round((Date.now() - started) / 1000)}s`,
        );
      },
    });
    const objects = await monthObjects(office);
    const checks: Check[] = [
      await checkSentOnce(office),
      await checkWorkingHours(office),
      await checkDeadlines(office, { items: supervision.items, meetings: meetings.meetings, dateOf }),
      await checkCardsFinal(office, objects),
      await checkAudit(office, objects),
      checkMemory(rss),
    ];
    const summary = await officeNumbers(office, { meetings: meetings.meetings, dateOf, today: beijingDate(office.clock.now()) });
    return { checks, summary, seconds: (Date.now() - started) / 1000, ok: checks.every((c) => c.ok) };
  } finally {
    await office.stop();
  }
}
