import { DEFAULT_BRIEF_KINDS } from '../../../ports/drafter.js';
import { cleanText } from './text.js';

/**
 * The deterministic classifier: keyword rules per kind (a local list, so configurable). Each rule is a word
 * (or a regular expression) and a weight; the kind with the highest score wins; ties go to the kind named
 * first in `priority` (急情要事 first: missing an emergency costs more than a mislabelled report); no match
 * gives the default kind (工作动态, the commonest).
 */
export interface KindRule {
  pattern: string | RegExp;
  weight: number;
}

export interface KindRules {
  /** The office's kinds, in issue order. */
  kinds: readonly string[];
  rules: Readonly<Record<string, readonly KindRule[]>>;
  /** Tie-break order (kinds not listed come after, in `kinds` order). */
  priority: readonly string[];
  defaultKind: string;
}

const w = (weight: number, ...patterns: (string | RegExp)[]): KindRule[] => patterns.map((pattern) => ({ pattern, weight }));

export const DEFAULT_KIND_RULES: KindRules = {
  kinds: DEFAULT_BRIEF_KINDS,
  priority: ['急情要事', '领导思路', '问题建议', '分析预测', '典型经验', '工作动态'],
  defaultKind: '工作动态',
  rules: {
    急情要事: [
      ...w(
        4,
        '突发',
        '险情',
        '事故',
        '火灾',
        '起火',
        '爆炸',
        '坍塌',
        '塌方',
        '滑坡',
        '泥石流',
        '山洪',
        '溃坝',
        '泄漏',
        '中毒',
        '溺水',
        '被困',
        '遇难',
        '失联',
        '群体性',
      ),
      ...w(
        3,
        '死亡',
        '受伤',
        '伤亡',
        '疏散',
        '转移群众',
        '紧急转移',
        '抢险',
        '救援',
        '应急响应',
        '停电',
        '停水',
        '封闭',
        '暴雨',
        '洪水',
        '冰雹',
        '地震',
        '聚集',
      ),
      ...w(2, '紧急', '正在处置', '现场', '送医', '初步原因', '已采取'),
      ...w(3, /\d{1,2}(?:时|点)\d{0,2}分?许/),
    ],
    领导思路: [
      ...w(4, '县委书记', '县长', '副县长', '常务副县长', '县委常委', '县委常委会', '县政府常务会议', '批示', '主持召开'),
      ...w(3, '强调', '指出', '要求各', '部署', '专题会议', '调度会', '督导', '调研'),
      ...w(2, '书记', '贯彻落实', '会议精神', '安排部署', '提出要求'),
    ],
    典型经验: [
      ...w(4, '经验', '做法', '模式', '可复制', '可推广', '探索', '创新'),
      ...w(3, '机制', '品牌', '一站式', '闭环', '走出', '新路子', '样板', '示范', '“'),
      ...w(2, '多措并举', '破解', '激活', '打造', '积分制', '网格'),
    ],
    问题建议: [
      ...w(4, '问题', '建议', '困难', '短板', '瓶颈', '制约', '亟需', '亟待'),
      ...w(3, '不足', '难以', '矛盾', '隐患', '缺口', '滞后', '反映', '不到位', '不强', '偏低', '较大'),
      ...w(2, '存在', '一是', '二是', '加大', '协调解决'),
    ],
    分析预测: [
      ...w(4, '预计', '预测', '趋势', '走势', '研判', '态势', '展望'),
      ...w(3, '同比', '环比', '或将', '有望', '预期', '分析', '苗头'),
      ...w(2, '增长', '下降', '回落', '上升', '波动', '后期', '下一阶段'),
    ],
    工作动态: [
      ...w(2, '召开', '开展', '启动', '完成', '推进', '举办', '组织', '印发', '进展', '累计', '顺利', '全面开展'),
      ...w(1, '活动', '工作', '会议', '培训', '检查'),
    ],
  },
};

/** Scores of each kind for a text (for tests and the benchmark's confusion table). */
export function kindScores(text: string, rules: KindRules = DEFAULT_KIND_RULES): Record<string, number> {
  const clean = cleanText(text);
  const scores: Record<string, number> = {};
  for (const kind of rules.kinds) {
    let score = 0;
    for (const rule of rules.rules[kind] ?? []) {
      if (typeof rule.pattern === 'string') {
        let from = 0;
        let hits = 0;
        while (hits < 3) {
          const at = clean.indexOf(rule.pattern, from);
          if (at < 0) break;
          hits++;
          from = at + rule.pattern.length;
        }
        score += hits * rule.weight;
      } else if (rule.pattern.test(clean)) score += rule.weight;
    }
    scores[kind] = score;
  }
  return scores;
}

/** The kind the rules give a note (ignoring any kind the liaison declared). */
export function classifyKind(text: string, rules: KindRules = DEFAULT_KIND_RULES): string {
  const scores = kindScores(text, rules);
  const order = [...rules.priority.filter((k) => rules.kinds.includes(k)), ...rules.kinds.filter((k) => !rules.priority.includes(k))];
  let best = rules.kinds.includes(rules.defaultKind) ? rules.defaultKind : (rules.kinds[0] ?? rules.defaultKind);
  let bestScore = 0;
  for (const kind of order) {
    const score = scores[kind] ?? 0;
    if (score > bestScore) {
      best = kind;
      bestScore = score;
    }
  }
  return best;
}

/** A note's kind: the liaison's declaration when it is one of the office's kinds, otherwise the rules'. */
export function kindOf(note: { text: string; kind?: string }, rules: KindRules = DEFAULT_KIND_RULES): string {
  return note.kind && rules.kinds.includes(note.kind) ? note.kind : classifyKind(note.text, rules);
}

/**
 * Rules for an office's own kinds list: kinds without rules score nothing (and are only chosen when declared).
 * The default is `defaultKind`, else 工作动态 if listed, else the first kind that is not 急情要事 (a note
 * nothing matched must not raise an emergency).
 */
export function kindRulesFor(kinds: readonly string[], base: KindRules = DEFAULT_KIND_RULES, defaultKind?: string): KindRules {
  const fallback =
    defaultKind && kinds.includes(defaultKind)
      ? defaultKind
      : kinds.includes(base.defaultKind)
        ? base.defaultKind
        : (kinds.find((k) => k !== '急情要事') ?? kinds[0] ?? base.defaultKind);
  return { ...base, kinds, defaultKind: fallback };
}
