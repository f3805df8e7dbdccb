import type { RunOutcome } from '../../platform/scheduler/scheduler.js';
import { formatBeijing } from '../../platform/time.js';
import type { JobSpec } from '../../router/router.js';

/**
 * Jobs, schedules, runs and outcomes in the words an office uses. People read these in 任务 列表, in
 * 任务 执行 replies and in the local page's time panel: never a job's code name, a cron expression, an
 * ISO time or a status code.
 */

/** The job's short Chinese name: its `label`, else the first clause of its description. */
export function jobLabel(job: Pick<JobSpec, 'name' | 'description'> & { label?: string }): string {
  return job.label ?? job.description.split(/[：；，,;:（(]/)[0]!.trim();
}

/** The job a person named, by its Chinese name or its code name. */
export function findJob<J extends Pick<JobSpec, 'name' | 'description'> & { label?: string }>(jobs: readonly J[], typed: string): J | undefined {
  return jobs.find((j) => j.name === typed || jobLabel(j) === typed);
}

const WEEKDAY = ['日', '一', '二', '三', '四', '五', '六'];
const two = (n: number) => String(n).padStart(2, '0');
const number = (f: string) => (/^\d+$/.test(f) ? Number(f) : undefined);

function daysOfWeek(field: string): string | undefined {
  if (field === '1-5') return '每周一至周五';
  const days = field.split(',').map(number);
  if (days.some((d) => d === undefined || d > 7)) return undefined;
  return `每周${days.map((d) => WEEKDAY[d! % 7]).join('、')}`;
}

/** A cron expression in words ("每个工作日 09:00", "每周一 09:30", "每分钟"); a form it cannot read says so plainly. */
export function scheduleInWords(job: Pick<JobSpec, 'cron' | 'workingDaysOnly'>): string {
  const unknown = '按设定的时间运行';
  const fields = job.cron.trim().split(/\s+/);
  if (fields.length !== 5) return unknown;
  if (fields.every((f) => f === '*')) return '每分钟';
  const [minute, hour, dayOfMonth, month, dayOfWeek] = fields as [string, string, string, string, string];
  const m = number(minute);
  const h = number(hour);
  if (m === undefined || h === undefined || m > 59 || h > 23) return unknown;
  const daily = job.workingDaysOnly ? '每个工作日' : '每天';
  let days: string | undefined;
  if (dayOfWeek !== '*') days = dayOfMonth === '*' && month === '*' ? daysOfWeek(dayOfWeek) : undefined;
  else if (dayOfMonth !== '*') days = month === '*' && number(dayOfMonth) !== undefined ? `每月${number(dayOfMonth)}日` : undefined;
  else if (month !== '*') days = number(month) !== undefined ? `每年${number(month)}月${daily}` : undefined;
  else days = daily;
  if (!days) return unknown;
  // A weekly or monthly run that falls on a holiday is not made up: say so where the day is named.
  const offDays = job.workingDaysOnly && (dayOfWeek !== '*' || dayOfMonth !== '*') ? '（遇非工作日不运行）' : '';
  return `${days} ${two(h)}:${two(m)}${offDays}`;
}

/** An instant as an office writes it, in Beijing time: 12月1日 09:00. */
export function officeTime(instant: Date): string {
  const [, mo, d, hm] = /^\d{4}-(\d{2})-(\d{2}) (\d{2}:\d{2})$/.exec(formatBeijing(instant))!;
  return `${Number(mo)}月${Number(d)}日 ${hm}`;
}

/** A run's period (2026-11-23T09:00 scheduled, manual:<instant> by hand) in words. */
export function periodInWords(period: string): string {
  if (period.startsWith('manual:')) {
    const at = new Date(period.slice('manual:'.length));
    return Number.isNaN(at.getTime()) ? '手动运行' : `${officeTime(at)} 手动运行`;
  }
  const at = new Date(`${period}:00+08:00`);
  return Number.isNaN(at.getTime()) ? '按计划运行' : officeTime(at);
}

/** A scheduler outcome in words (typed over all of them: a new outcome without words fails to compile). */
export const OUTCOME_WORDS: Record<RunOutcome, string> = {
  ran: '已运行',
  claimed_elsewhere: '已由其他实例运行',
  skipped: '非工作日未运行',
  failed: '运行失败',
};

/** A recorded run's status (job_run.status) in words. */
const STATUS_WORDS: Record<string, string> = { running: '正在运行', done: '已运行', failed: '运行失败', skipped: '非工作日未运行' };

export function runStatusInWords(status: string): string {
  return STATUS_WORDS[status] ?? '状态不明';
}
