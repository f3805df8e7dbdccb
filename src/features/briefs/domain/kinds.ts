/**
 * The six kinds of 政务信息 as this office uses them: a local list (feature-notes §6), editable through
 * the `kinds` word list (InfoWordList); these are the defaults.
 */
export const DEFAULT_KINDS = ['领导思路', '工作动态', '典型经验', '问题建议', '急情要事', '分析预测'] as const;

/** The kind an urgent matter is filed under. */
export const URGENT_KIND = '急情要事';

/** The six elements an urgent report must carry (急情要事六要素), in the order they are asked for. */
export const SIX_ELEMENTS = ['时间', '地点', '事件类型', '影响范围', '初步原因', '已采取措施'] as const;
export type SixElement = (typeof SIX_ELEMENTS)[number];
