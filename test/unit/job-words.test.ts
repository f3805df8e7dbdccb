import { describe, expect, it } from 'vitest';
import { findJob, jobLabel, OUTCOME_WORDS, periodInWords, runStatusInWords, scheduleInWords } from '../../src/features/admin/job-words.js';

describe('jobs in the words an office uses', () => {
  it.each([
    ['* * * * *', false, '每分钟'],
    ['0 9 * * *', true, '每个工作日 09:00'],
    ['30 3 * * *', false, '每天 03:30'],
    ['30 9 * * 1', false, '每周一 09:30'],
    ['30 9 * * 1', true, '每周一 09:30（遇非工作日不运行）'],
    ['0 17 * * 5', false, '每周五 17:00'],
    ['0 9 * * 1,3', false, '每周一、三 09:00'],
    ['0 9 * * 0', false, '每周日 09:00'],
    ['0 8 * * 1-5', false, '每周一至周五 08:00'],
    ['0 9 1 * *', false, '每月1日 09:00'],
    ['0 9 * 10 *', true, '每年10月每个工作日 09:00'],
    ['*/5 * * * *', false, '按设定的时间运行'],
    ['0 9 * *', false, '按设定的时间运行'],
  ])('%s (working days only: %s) reads 「%s」', (cron, workingDaysOnly, words) => {
    expect(scheduleInWords({ cron, workingDaysOnly })).toBe(words);
  });

  it.each([
    ['2026-12-01T09:00', '12月1日 09:00'],
    ['2026-11-23T03:30', '11月23日 03:30'],
    ['manual:2026-11-24T02:00:00.000Z', '11月24日 10:00 手动运行'],
    ['manual:not a time', '手动运行'],
    ['garbage', '按计划运行'],
  ])('the run period %s reads 「%s」 (Beijing time)', (period, words) => {
    expect(periodInWords(period)).toBe(words);
  });

  it('names outcomes and recorded statuses in words, and an unknown status without its code', () => {
    expect(OUTCOME_WORDS).toEqual({ ran: '已运行', claimed_elsewhere: '已由其他实例运行', skipped: '非工作日未运行', failed: '运行失败' });
    expect(['running', 'done', 'failed', 'skipped', 'weird'].map(runStatusInWords)).toEqual(['正在运行', '已运行', '运行失败', '非工作日未运行', '状态不明']);
  });

  it('names a job by its label, else by its description, and finds it by either name', () => {
    const jobs = [
      { name: 'housekeeping', label: '数据清理', description: '清理过期的去重记录和已送达消息' },
      { name: 'x.digest', description: '每日摘要：汇总昨日事项' },
    ];
    expect(jobs.map(jobLabel)).toEqual(['数据清理', '每日摘要']);
    expect(findJob(jobs, '数据清理')?.name).toBe('housekeeping');
    expect(findJob(jobs, 'housekeeping')?.name).toBe('housekeeping');
    expect(findJob(jobs, '每日摘要')?.name).toBe('x.digest');
    expect(findJob(jobs, '不存在')).toBeUndefined();
  });
});
