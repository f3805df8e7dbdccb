import type { ElementStatus } from '../../domain/json.js';
import { SIX_ELEMENTS, type SixElement } from '../../domain/kinds.js';

/**
 * The six elements of an urgent report (时间、地点、事件类型、影响范围、初步原因、已采取措施), checked by fixed
 * rules on the text: each element is present when a pattern of the office's usual wording is found, and
 * the matched words are kept so the card can show what was read. Deterministic and pure.
 */

/** The office's default suspicion keywords (the `urgent` word list replaces them once set). */
export const DEFAULT_URGENT_KEYWORDS = [
  '火灾',
  '起火',
  '爆炸',
  '坍塌',
  '垮塌',
  '死亡',
  '伤亡',
  '遇难',
  '失踪',
  '泄漏',
  '群体性',
  '疫情',
  '洪水',
  '山洪',
  '滑坡',
  '泥石流',
  '地震',
  '中毒',
  '溺水',
  '被困',
] as const;

const CN = '[0-9０-９零〇一二两三四五六七八九十]';

const PATTERNS: Record<SixElement, RegExp[]> = {
  时间: [
    new RegExp(
      `(?:今天|今日|昨天|昨日|昨晚|今晨|\\d{1,2}月\\d{1,2}日|${CN}{1,3}月${CN}{1,3}日)?(?:凌晨|早上|清晨|上午|中午|下午|傍晚|晚上|夜间|深夜)?${CN}{1,3}(?:时|点)(?:${CN}{1,3}分|半|许|左右)?`,
    ),
    /\d{1,2}[:：]\d{2}/,
    /(?:今天|今日|昨天|昨日|昨晚|今晨|\d{1,2}月\d{1,2}日)(?:凌晨|早上|清晨|上午|中午|下午|傍晚|晚上|夜间|深夜)/,
  ],
  地点: [
    /[\u4e00-\u9fa5]{1,12}(?:乡|镇|村|街道|社区|小区|园区|工业园|路|街|大道|水库|大桥|隧道|高速|国道|省道|矿|厂|公司|学校|医院|市场|商场|码头|车站|河段|组)(?![\u4e00-\u9fa5]{0,1}(?:长|书记|主任))/,
    /(?:地点|位于|发生在)[:：]?[\u4e00-\u9fa5\d]{2,}/,
  ],
  事件类型: [
    /火灾|起火|失火|爆炸|坍塌|垮塌|泄漏|洪水|山洪|内涝|滑坡|泥石流|地震|中毒|溺水|交通事故|安全事故|生产事故|事故|群体性事件|聚集|上访|疫情|停电|停水|险情|灾情|冲突|踩踏/,
  ],
  影响范围: [
    new RegExp(`(?:造成|致|导致)?${CN}+(?:名|人|户|间|亩|辆|处)(?:[\\u4e00-\\u9fa5]{0,4})(?:死亡|受伤|遇难|失踪|被困|受灾|转移|疏散|受损|倒塌|损毁|停产|中毒)`),
    /无人员伤亡|暂无人员伤亡|未造成人员伤亡|无人伤亡|未发现人员伤亡/,
    /(?:影响|涉及|波及|受灾)(?:范围|群众|面积|人口|户数)?[^，。；\n]{0,20}/,
    /(?:直接)?经济损失[^，。；\n]{0,15}/,
  ],
  初步原因: [
    /(?:初步(?:判断|认定|查明|分析|调查)|经初查|据初步了解)[^。；\n]{0,30}/,
    /(?:原因|起因)[^。；\n]{0,30}/,
    /(?:系|因|由于)[^，。；\n]{1,20}(?:引起|引发|导致|所致|造成)/,
  ],
  已采取措施: [
    /(?:已|立即|迅速|第一时间|正在|及时|随即)[^。；\n]{0,12}(?:组织|启动|赶赴|处置|救援|疏散|转移|封控|管控|扑灭|送医|救治|排查|控制|调派|到场|抢修|安置|关闭|封锁|报告|上报)[^，。；\n]{0,20}/,
    /(?:采取|落实)[^。；\n]{0,6}措施[^。；\n]{0,20}/,
  ],
};

/** Which of the six elements the text carries, with the words matched for each present one. */
export function checkElements(text: string): ElementStatus {
  const folded = text.normalize('NFKC');
  const status: ElementStatus = {};
  for (const element of SIX_ELEMENTS) {
    const hit = PATTERNS[element].map((p) => p.exec(folded)).find((m) => m !== null);
    status[element] = hit ? { present: true, text: hit[0].trim().slice(0, 40) } : { present: false };
  }
  return status;
}

/** The elements a thread (the first report and its 续报, in order) carries: present in any of the texts. */
export function checkThread(texts: readonly string[]): ElementStatus {
  const status: ElementStatus = {};
  for (const t of texts) {
    const one = checkElements(t);
    for (const e of SIX_ELEMENTS) if (!status[e]?.present) status[e] = one[e]!;
  }
  for (const e of SIX_ELEMENTS) status[e] ??= { present: false };
  return status;
}

/** The elements still missing, in the order they are asked for. */
export const missingElements = (status: ElementStatus): SixElement[] => SIX_ELEMENTS.filter((e) => !status[e]?.present);

const NEGATION = /无|未|没有|暂无|防止|预防|杜绝|避免|演练|宣传|培训/;

/**
 * The suspicion keywords the text contains (each once, in list order; width and letter case ignored). A
 * mention with a negation or a drill just before it (无人员伤亡, 未发生火灾, 火灾应急演练 is not) does not count.
 */
export function suspectUrgent(text: string, keywords: readonly string[]): string[] {
  const folded = text.normalize('NFKC').toLowerCase();
  const hits = new Set<string>();
  for (const w of keywords) {
    const f = w.normalize('NFKC').toLowerCase().trim();
    if (!f) continue;
    for (let at = folded.indexOf(f); at >= 0; at = folded.indexOf(f, at + 1)) {
      const before = folded.slice(Math.max(0, at - 5), at);
      const after = folded.slice(at + f.length, at + f.length + 4);
      if (NEGATION.test(before) || /演练|培训|宣传/.test(after)) continue;
      hits.add(w.trim());
      break;
    }
  }
  return [...hits];
}
