import type { RiskCategory, RiskyPhrase } from '../../../ports/drafter.js';

/**
 * Risky phrasing (内容关): inflation (拔高), generalising from one case (以点带面), guesswork (臆断) and
 * absolutes (绝对化). A configurable list: the office adds its own words. Each hit is marked for the editor
 * to weigh; nothing is rewritten.
 */
export type RiskyWordList = Readonly<Partial<Record<Exclude<RiskCategory, '模型标注'>, readonly string[]>>>;

export const DEFAULT_RISKY_WORDS: RiskyWordList = {
  拔高: [
    '圆满完成',
    '全面完成',
    '取得显著成效',
    '成效显著',
    '效果显著',
    '取得重大突破',
    '重大突破',
    '历史性',
    '跨越式',
    '极大提升',
    '大幅提升',
    '广受好评',
    '一致好评',
    '高度评价',
    '交口称赞',
    '拍手称快',
    '首创',
    '开创',
    '走在全省前列',
    '走在全市前列',
    '树立了标杆',
    '典范',
    '巨大成效',
  ],
  以点带面: ['全县各地', '各乡镇均', '各地纷纷', '普遍', '全面推开', '全覆盖', '家家户户', '人人', '所有群众', '广大群众一致', '全县上下', '均已'],
  臆断: ['必将', '势必', '可能是', '估计', '据推测', '据说', '应该是', '大概', '不排除', '或将', '预计将'],
  绝对化: ['100%', '百分之百', '彻底', '根本解决', '杜绝', '零投诉', '零事故', '绝对', '最好', '最大', '唯一', '从未', '永远', '一律', '无一', '全部解决'],
};

/** Every occurrence of a listed word in the title and body (longest word first where two overlap). */
export function findRiskyPhrases(
  item: { title: string; body: string },
  words: RiskyWordList = DEFAULT_RISKY_WORDS,
  drafterFlagged: readonly string[] = [],
): RiskyPhrase[] {
  const entries: { phrase: string; category: RiskCategory }[] = [];
  for (const [category, list] of Object.entries(words) as [RiskCategory, readonly string[]][])
    for (const phrase of list) if (phrase) entries.push({ phrase, category });
  for (const phrase of drafterFlagged)
    if (phrase.trim() && !entries.some((e) => e.phrase === phrase.trim())) entries.push({ phrase: phrase.trim(), category: '模型标注' });
  entries.sort((a, b) => b.phrase.length - a.phrase.length);
  const out: RiskyPhrase[] = [];
  for (const field of ['title', 'body'] as const) {
    const text = item[field];
    const taken: [number, number][] = [];
    for (const { phrase, category } of entries) {
      for (let at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + phrase.length)) {
        const end = at + phrase.length;
        if (taken.some(([s, e]) => at < e && end > s)) continue;
        taken.push([at, end]);
        out.push({ phrase, category, field, start: at, end });
      }
    }
  }
  return out.sort((a, b) => (a.field === b.field ? a.start - b.start : a.field === 'title' ? -1 : 1));
}
