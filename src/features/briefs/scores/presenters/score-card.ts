import { card, inlineText, markdown } from '../../../../cards/elements.js';
import type { Card, CardElement } from '../../../../cards/types.js';
import { ADOPTION_LEVEL_LABEL, ADOPTION_LEVELS } from '../../domain/states.js';
import type { ScoreScheme } from '../../settings.js';
import { scoreTotals, type LevelCounts, type UnitScore } from '../domain/scoring.js';

export const monthLabel = (month: string) => `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`;

/** 市每日要情2、领导批示1; 无 when none. */
export function adoptionsText(c: LevelCounts): string {
  const parts = ADOPTION_LEVELS.filter((l) => c[l] > 0).map((l) => `${ADOPTION_LEVEL_LABEL[l]}${c[l]}`);
  return parts.length ? parts.join('、') : '无';
}

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** 计分规则 line: what each level earns and what a 漏报 / 迟报 day costs. */
export function schemeText(s: ScoreScheme): string {
  const levels = ADOPTION_LEVELS.map((l) => `${ADOPTION_LEVEL_LABEL[l]}${s.points[l]}分`).join('、');
  return `计分规则：${levels}；漏报每天扣${s.missed}分，迟报每天扣${s.late}分。`;
}

function lineText(l: UnitScore): string {
  return (
    `${l.rank}. **${inlineText(l.unit)}** ${signed(l.total)}分（录用${signed(l.gained)}，扣${l.deducted}）\n` +
    `　报送${l.reported}天、零报告${l.zero}天、漏报${l.missed}天、迟报${l.late}天，信息${l.notes}条；录用：${adoptionsText(l.adoptions)}`
  );
}

/** 信息 积分: the month's table per unit, ranked, with the scheme and the totals. */
export function presentScores(month: string, lines: readonly UnitScore[], scheme: ScoreScheme): Card {
  const title = `政务信息积分 · ${monthLabel(month)}`;
  if (!lines.length) return card({ title, summary: title, elements: [markdown('尚未登记信息联络员，暂无积分。')] });
  const t = scoreTotals(lines);
  const adopted = ADOPTION_LEVELS.reduce((n, l) => n + t.adoptions[l], 0);
  const elements: CardElement[] = [
    markdown(
      `共 ${t.units} 个单位：报送信息 ${t.notes} 条，零报告 ${t.zero} 天次，漏报 ${t.missed} 天次，迟报 ${t.late} 天次；录用 ${adopted} 条（${adoptionsText(t.adoptions)}）。`,
    ),
    markdown(lines.map(lineText).join('\n')),
    markdown(`<font color='grey'>${schemeText(scheme)}发送「信息 积分 导出 ${monthLabel(month)}」获取表格。</font>`),
  ];
  return card({ title, summary: title, template: t.missed ? 'orange' : 'blue', elements });
}

/** How many of the top units the 通报 names. */
export const BULLETIN_TOP = 5;

/** The monthly 通报 to the 信息 group: the month's top units, the units with 漏报, and the totals. */
export function presentBulletin(month: string, lines: readonly UnitScore[], scheme: ScoreScheme): Card {
  const title = `${monthLabel(month)}政务信息工作通报`;
  const t = scoreTotals(lines);
  const adopted = ADOPTION_LEVELS.reduce((n, l) => n + t.adoptions[l], 0);
  const top = lines.filter((l) => l.rank <= BULLETIN_TOP && l.total > 0);
  const missed = lines.filter((l) => l.missed > 0);
  const elements: CardElement[] = [
    markdown(
      `${monthLabel(month)}，全县 ${t.units} 个单位共报送政务信息 ${t.notes} 条，零报告 ${t.zero} 天次，漏报 ${t.missed} 天次，迟报 ${t.late} 天次；被采用 ${adopted} 条（${adoptionsText(t.adoptions)}）。`,
    ),
    markdown(
      top.length
        ? `**积分靠前单位**\n${top.map((l) => `${l.rank}. ${inlineText(l.unit)}　${l.total}分（录用：${adoptionsText(l.adoptions)}）`).join('\n')}`
        : '**积分靠前单位**\n本月暂无单位获得正积分。',
    ),
    markdown(
      missed.length
        ? `<font color='red'>**有漏报的单位**</font>\n${missed.map((l) => `${inlineText(l.unit)}（漏报${l.missed}天）`).join('、')}\n请以上单位落实每日报送和零报告制度。`
        : '**漏报情况**\n本月各单位均无漏报。',
    ),
    markdown(`<font color='grey'>${schemeText(scheme)}</font>`),
  ];
  return card({ title, summary: title, template: missed.length ? 'orange' : 'green', elements });
}
