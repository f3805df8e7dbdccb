import { card, inlineText, markdown } from '../../../../cards/elements.js';
import type { Card, CardElement } from '../../../../cards/types.js';
import { formatDwell, percent } from '../domain/dwell.js';
import { KINDS, kindLabel } from '../../domain/kinds.js';
import type { DwellStats } from '../domain/summary.js';

export interface MonthlySummary {
  /** 2026年11月 */
  month: string;
  submitted: Map<string, number>;
  levels: DwellStats[];
  people: DwellStats[];
  dayMinutes: number;
}

/** The monthly 文稿审核 summary for the 审核 group(s): counts by kind, dwell per level and per person. */
export function presentMonthlySummary(s: MonthlySummary): Card {
  const total = [...s.submitted.values()].reduce((a, b) => a + b, 0);
  const kinds = [...KINDS, ...[...s.submitted.keys()].filter((k) => !(KINDS as readonly string[]).includes(k))]
    .filter((k) => s.submitted.get(k))
    .map((k) => `${kindLabel(k)} ${s.submitted.get(k)} 份`);
  const dwell = (m: number) => formatDwell(m, s.dayMinutes);
  const elements: CardElement[] = [
    markdown(total ? `**收文审核**：本月提交审核文稿共 ${total} 份，其中${kinds.join('、')}。` : '**收文审核**：本月没有提交审核的文稿。'),
  ];
  if (s.levels.length) {
    elements.push(
      markdown(
        `**各审核环节**（停留时间按工作时间计）\n${s.levels
          .map(
            (l) =>
              `· ${inlineText(l.name)}：审核 ${l.count} 次，中位 ${dwell(l.medianMinutes)}，最长 ${dwell(l.slowestMinutes)}，按时率 ${percent(l.onTime, l.count)}`,
          )
          .join('\n')}`,
      ),
    );
    const people = [...s.people].sort((a, b) => b.slowestMinutes - a.slowestMinutes);
    elements.push(
      markdown(
        `**各审核人**（按最长停留时间排列）\n${people
          .map((p) => `· ${inlineText(p.name)}：审核 ${p.count} 次，中位 ${dwell(p.medianMinutes)}，最长 ${dwell(p.slowestMinutes)}`)
          .join('\n')}`,
      ),
    );
  } else {
    elements.push(markdown('本月各环节没有办结的审核。'));
  }
  return card({ title: `文稿审核月度情况（${s.month}）`, summary: `${s.month}文稿审核情况`, elements });
}
