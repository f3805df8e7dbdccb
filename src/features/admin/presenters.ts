import { card, markdown, md, trusted } from '../../cards/elements.js';
import type { Card } from '../../cards/types.js';
import type { JobSpec } from '../../router/router.js';
import { jobLabel, periodInWords, runStatusInWords, scheduleInWords } from './job-words.js';

export function presentJobList(jobs: readonly JobSpec[], last: Map<string, { period: string; status: string }>): Card {
  const lines = jobs.map((j) => {
    const run = last.get(j.name);
    const lastText = run ? `最近一次：${periodInWords(run.period)}，${runStatusInWords(run.status)}` : '尚未运行';
    return md`- **${jobLabel(j)}**　${scheduleInWords(j)}\n  ${j.description}　${lastText}`;
  });
  const example = jobs[0] ? `，如「任务 执行 ${jobLabel(jobs[0])}」` : '';
  return card({
    title: '定时任务',
    template: 'indigo',
    elements: [markdown(lines.join('\n')), markdown(md`管理员可发送「任务 执行 任务名称」立即运行一次${example}。`)],
  });
}

export interface AuditLine {
  at: string;
  who: string;
  action: string;
  detail: string;
}

export function presentAuditTrail(objectId: string, lines: AuditLine[]): Card {
  // Every field is user text or from it (names, notes, the action of an unknown entry): one line each.
  const rows = lines.map((l) => md`- ${l.at}　${l.who}　**${l.action}**${trusted(l.detail ? md`　${l.detail}` : '')}`);
  return card({
    title: `操作记录 · ${objectId}`,
    template: 'grey',
    elements: [markdown(rows.length ? rows.join('\n') : '没有操作记录。'), markdown('记录按时间先后排列，最多显示最近 50 条。')],
  });
}
