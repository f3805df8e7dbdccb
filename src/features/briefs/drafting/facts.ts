import type { CheckedFact, DraftNote, FactType } from '../../../ports/drafter.js';
import { canonicalUnit, numberValue } from './numbers.js';
import { cleanText, sentences } from './text.js';

/**
 * The 内容关 fact check: every number, date, time, place, person, organisation and effect in a draft is
 * extracted by deterministic rules and looked up in the source notes' text. Found: the quoted source sentence;
 * not found: flagged 来源中未找到, whoever wrote the draft. The rules err towards "not found" (an editor checks
 * one extra line rather than missing an invented figure).
 */

const HAN = '\\u4e00-\\u9fff';
const NUM = '(?:\\d+(?:[.,]\\d+)*(?:[万亿千百])?|[零〇一二两三四五六七八九十百千万亿]{1,8})';
// Counted units (台次、批次…) before their one-character stems, so 「12台次」 is one figure, not 「12台」.
const UNITS =
  '(?:个百分点|个月|季度|人次|平方米|平方公里|立方米|万元|亿元|公顷|公里|千米|毫米|厘米|小时|分钟|余人|多人|户次|家次|台次|辆次|车次|架次|批次|场次|班次|元|人|户|家|名|位|起|次|亩|米|吨|台|辆|件|项|所|座|处|条|%|％|天|日|场|份|批|套|栋|间|头|只|倍|个|棵|株|元|斤|架|艘|处|支|期|轮|篇|部|月|年|周)';
const DATE_RE = new RegExp(
  `(?:(\\d{4})年)?(\\d{1,2})月(\\d{1,2})[日号]|(\\d{4})年(\\d{1,2})月(?!\\d)|(?<![月\\d])(\\d{1,2})日(?=[上下午晚凌中，、至到起])`,
  'g',
);
const TIME_RE = /(上午|下午|晚上|晚|凌晨|中午|傍晚|早上)?(\d{1,2})(?:时|点|:|：)(?:(\d{1,2})分?)?(许|左右)?/g;
// A figure, or a range (2至3个, 5-8人) kept as one: the range must match as a whole.
const NUMBER_RE = new RegExp(`(约|近|超过|超|逾)?(${NUM})(?:(?:至|到|-|~|—)(${NUM}))?(余|多)?(${UNITS})?`, 'g');
const PLACE_SUFFIX = '(?:街道|社区|村委会|村|镇|乡|县|市|省|路|大道|大街|街|河|江|水库|大桥|小区|园区|开发区|景区|广场|车站|高速|国道|省道|隧道|组|山|湖)';
const PLACE_RE = new RegExp(`[${HAN}]{2,6}?${PLACE_SUFFIX}(?![${HAN}]{0,1}(?:长|书记|主任|委员|干部))`, 'g');
/**
 * The one-character suffixes are also common words: 部 in 部署/部分/全部/干部, 办 in 办理/开办/一次办, 所 in
 * 所有/每一所, 委 in 常委, 局 in 局面. Each carries the neighbours that make it a word rather than a name's end,
 * so 「城关镇部署」 yields no 「城关镇部」.
 */
const ORG_SUFFIX =
  '(?:管理局|(?<![格布结])局(?![面势限])|委员会|(?<![常编])委(?![托屈派])|办公室|(?<![开代领督承协帮包次效期再快好即])办(?![理结成好事件证法案])|中心(?![工任城])|公司|合作社|卫生院|医院|学校|中学|小学|派出所|(?<![一两二三四五六七八九十几每各数场])所(?![有在属以得需谓])|大队|支队|中队|(?<![车网])站(?![位在起稳])|(?<![庭四])院(?![落子内])|协会|银行|集团|法院|检察院|(?<![全内外局干细总南北东西大])部(?![署分门位件队长]))';
// Not the title that follows a name (县委副书记, 消防大队长); 县水利局局长 still names 县水利局.
const ORG_RE = new RegExp(`(?:县|市|省)?[${HAN}]{2,8}?${ORG_SUFFIX}(?!副?(?:长|主任|书记))`, 'g');
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const TITLES = '(?:常务副县长|副县长|县长|副书记|书记|副局长|局长|副镇长|镇长|副乡长|乡长|副主任|主任|部长|主席|所长|队长|站长|院长|校长|经理|同志)';
const PERSON_RE = new RegExp(`[${SURNAMES}](?:[${HAN}]{1,2})?${TITLES}|${TITLES}[${SURNAMES}][${HAN}]{1,2}(?=[，。、；：在主带指强率出到赴深走一\\s])`, 'g');
const EFFECT_WORDS =
  '(?:死亡|遇难|受伤|轻伤|重伤|失踪|被困|受灾|倒塌|损毁|转移|疏散|停电|停水|中断|直接经济损失|经济损失|减少|下降|增长|增加|提高|提升|节约|增收|带动|惠及|覆盖|化解|办结|挽回)';
const EFFECT_RE = new RegExp(`(?:(?:约|近|超过)?${NUM}(?:余|多)?${UNITS}?[${HAN}]{0,2})?${EFFECT_WORDS}(?:约|近|了|达|至)?(?:${NUM}(?:余|多)?${UNITS}?)?`, 'g');

const ORG_SUFFIX_END = new RegExp(`${ORG_SUFFIX}$`);
const PLACE_SUFFIX_END = new RegExp(`${PLACE_SUFFIX}$`);

export interface ExtractedFact {
  type: FactType;
  text: string;
}

const LEADING_FUNCTION_CHARS = /^[在于到赴对向从和与及同至由把将被让给为是有据经全各我该本其这那]+/;
/** Words that end what comes before a name (a verb or a preposition): a name starts after the last of them. */
const NAME_BOUNDARY =
  /(?:接到|带领|赶赴|前往|组织|召开|联合|会同|发生|造成|深入|走访|来到|位于|辖区|指导|督促|协调|推动|开展|举办|启动|完成|印发|落实|成立|建成|打造|依托|通过|围绕|针对|聚焦|牵头|配合|参加|出席|主持|部署|调研|检查|查看|报告|反映|要求|强调|指出|传达|学习|会议|建议|加快|完善|结算|直接|部分|全县|全市|全镇|全乡|[一两二三四五六七八九十几每各][所个家座]|领办|新建|向|在|于|对|从|与|及|由|把|将|被|给|为|据|经|送|赴|到|了|的|等|和|同)/g;

/**
 * `带领县消防救援大队` → `县消防救援大队`: the name after the last boundary word before its suffix — unless
 * that would leave a one-character suffix alone (县委组织部: 组织 is part of the name), then the boundary before it.
 */
function trimName(match: string, suffixLength: number): string {
  const head = match.slice(0, match.length - suffixLength);
  const cuts = [0, ...[...head.matchAll(NAME_BOUNDARY)].map((m) => (m.index ?? 0) + m[0].length)];
  const cut = cuts.filter((c) => head.slice(c).replace(LEADING_FUNCTION_CHARS, '').length + suffixLength >= 2).at(-1) ?? 0;
  return match.slice(cut).replace(LEADING_FUNCTION_CHARS, '');
}

/** Facts in a text, in order, each once; numbers inside dates and times are not repeated as numbers. */
export function extractFacts(text: string): ExtractedFact[] {
  const clean = cleanText(text);
  const out: ExtractedFact[] = [];
  const seen = new Set<string>();
  const add = (type: FactType, t: string) => {
    const key = `${type}:${t}`;
    if (t && !seen.has(key)) {
      seen.add(key);
      out.push({ type, text: t });
    }
  };
  let masked = clean;
  const mask = (m: RegExpMatchArray) => {
    masked = masked.slice(0, m.index) + '\u25a1'.repeat(m[0].length) + masked.slice((m.index ?? 0) + m[0].length);
  };
  for (const m of clean.matchAll(DATE_RE)) {
    add('date', m[0]);
    mask(m);
  }
  for (const m of masked.matchAll(TIME_RE)) {
    if (!m[1] && !/[时点]/.test(m[0])) continue;
    add('time', m[0]);
    mask(m);
  }
  for (const m of masked.matchAll(EFFECT_RE)) if (/[\d零〇一二两三四五六七八九十百千万]/.test(m[0])) add('effect', m[0]);
  for (const m of masked.matchAll(NUMBER_RE)) {
    const token = m[2] ?? '';
    if (!/\d/.test(token) && !m[5]) continue; // 一 / 三 alone is prose (一是, 三方面), not a figure
    if (token === '一') continue; // 一个, 一次, 一起: "one" as prose, not a figure to verify
    add('number', m[0]);
  }
  for (const m of masked.matchAll(PERSON_RE)) {
    add('person', m[0]);
    mask(m);
  }
  for (const m of masked.matchAll(ORG_RE)) {
    const org = trimName(m[0], ORG_SUFFIX_END.exec(m[0])?.[0].length ?? 1);
    if (org.length >= 3) add('organisation', org);
    mask(m);
  }
  for (const m of masked.matchAll(PLACE_RE)) {
    const place = trimName(m[0], PLACE_SUFFIX_END.exec(m[0])?.[0].length ?? 1);
    if (place.length >= 2) add('place', place);
  }
  return out;
}

interface NumberMention {
  value: number;
  /** The upper end of a range (2至3个). */
  to?: number;
  unit: string;
}

function numberMentions(text: string): NumberMention[] {
  const out: NumberMention[] = [];
  // Dates and times are figures of their own kind: 上午7时 is no "7" for 7人 to match.
  const figures = cleanText(text)
    .replace(DATE_RE, (d) => '\u25a1'.repeat(d.length))
    .replace(TIME_RE, (t, period: string | undefined) => (period || /[时点]/.test(t) ? '\u25a1'.repeat(t.length) : t));
  for (const m of figures.matchAll(NUMBER_RE)) {
    const value = numberValue(m[2] ?? '');
    const to = m[3] ? numberValue(m[3]) : undefined;
    if (value !== undefined) out.push({ value, to, unit: canonicalUnit(m[5] ?? '') });
  }
  return out;
}

interface DateValue {
  year?: number;
  month?: number;
  day?: number;
}

function dateValue(m: RegExpMatchArray): DateValue {
  if (m[2]) return { year: m[1] ? Number(m[1]) : undefined, month: Number(m[2]), day: Number(m[3]) };
  if (m[5]) return { year: Number(m[4]), month: Number(m[5]) };
  return { day: Number(m[7]) };
}

function sameDate(a: DateValue, b: DateValue): boolean {
  const agree = (x?: number, y?: number) => x === undefined || y === undefined || x === y;
  // A day with no month in the source (28日上午) matches 11月28日; a bare month never matches a day.
  return agree(a.year, b.year) && agree(a.month, b.month) && a.day === b.day && (a.day !== undefined || a.month === b.month);
}

function minuteOfDay(m: RegExpMatchArray): number {
  let hour = Number(m[2]);
  if (m[1] && /下午|晚|傍晚/.test(m[1]) && hour < 12) hour += 12;
  return hour * 60 + Number(m[3] ?? 0);
}

/** A source sentence, cleaned once, with its figures, dates and times parsed on first use. */
class Sentence {
  readonly clean: string;
  private numbers?: NumberMention[];
  private dates?: DateValue[];
  private times?: RegExpMatchArray[];
  constructor(readonly text: string) {
    this.clean = cleanText(text);
  }
  get numberMentions(): NumberMention[] {
    return (this.numbers ??= numberMentions(this.clean));
  }
  get dateValues(): DateValue[] {
    return (this.dates ??= [...this.clean.matchAll(DATE_RE)].map(dateValue));
  }
  get timeMatches(): RegExpMatchArray[] {
    return (this.times ??= [...this.clean.matchAll(TIME_RE)]);
  }
}

const EFFECT_WORD_RE = new RegExp(EFFECT_WORDS);
const sameFigure = (a: NumberMention, b: NumberMention) => a.value === b.value && a.to === b.to && (a.unit === b.unit || !a.unit || !b.unit);

/** What a fact is looked up by: parsed once per fact, not once per source sentence. */
interface Probe {
  fact: ExtractedFact;
  numbers: NumberMention[];
  date?: DateValue;
  minute?: number;
  effectWord?: string;
}

function probeOf(fact: ExtractedFact): Probe {
  const probe: Probe = { fact, numbers: numberMentions(fact.text) };
  if (fact.type === 'date') {
    const [m] = [...fact.text.matchAll(DATE_RE)];
    if (m) probe.date = dateValue(m);
  } else if (fact.type === 'time') {
    const [m] = [...fact.text.matchAll(TIME_RE)];
    if (m) probe.minute = minuteOfDay(m);
  } else if (fact.type === 'effect') probe.effectWord = EFFECT_WORD_RE.exec(fact.text)?.[0];
  return probe;
}

/** Does the fact occur in the sentence (by value for numbers, dates and times; by text otherwise)? */
function occursIn(probe: Probe, sentence: Sentence): boolean {
  const { fact } = probe;
  const clean = sentence.clean;
  switch (fact.type) {
    case 'number': {
      const [want] = probe.numbers;
      return want ? sentence.numberMentions.some((n) => sameFigure(n, want)) : clean.includes(fact.text);
    }
    case 'date': {
      const want = probe.date;
      return want ? sentence.dateValues.some((d) => sameDate(d, want)) : clean.includes(fact.text);
    }
    case 'time': {
      const want = probe.minute;
      if (want === undefined) return clean.includes(fact.text);
      return sentence.timeMatches.some((s) => minuteOfDay(s) === want || (!s[1] && Number(s[2]) * 60 + Number(s[3] ?? 0) === want % 720));
    }
    case 'effect': {
      // The effect word must be there, and every figure attached to it in the same sentence.
      const word = probe.effectWord;
      if (!word) return clean.includes(fact.text);
      if (!clean.includes(word)) return false;
      return probe.numbers.every((f) => sentence.numberMentions.some((n) => sameFigure(n, f)));
    }
    default: {
      if (clean.includes(fact.text)) return true;
      // A name extracted with a leading word (镇里东关村): its tail of three or more characters will do.
      for (let i = 1; fact.text.length - i >= 3; i++) if (clean.includes(fact.text.slice(i))) return true;
      return false;
    }
  }
}

/** Checks facts against the notes: the first note and sentence containing each, or not found. */
export function checkFacts(facts: readonly ExtractedFact[], notes: readonly DraftNote[], claimed: ReadonlySet<string> = new Set()): CheckedFact[] {
  // The reporting unit is part of the record: a draft naming it is not inventing an organisation.
  const noteSentences = notes.map((n) => ({ id: n.id, sentences: [...sentences(cleanText(n.text)), `报送单位：${n.unit}`].map((t) => new Sentence(t)) }));
  return facts.map((fact) => {
    const probe = probeOf(fact);
    for (const note of noteSentences) {
      const sentence = note.sentences.find((s) => occursIn(probe, s));
      if (sentence)
        return { ...fact, status: 'found' as const, source: { noteId: note.id, sentence: sentence.text }, claimedByDrafter: claimed.has(fact.text) };
    }
    return { ...fact, status: 'not_found' as const, claimedByDrafter: claimed.has(fact.text) };
  });
}

/**
 * The facts of one draft item, checked: everything extracted from its title and body, plus whatever the drafter
 * listed as facts to verify (a listed fact with nothing extractable in it is checked as written).
 */
export function checkDraftFacts(item: { title: string; body: string; facts: readonly string[] }, sources: readonly DraftNote[]): CheckedFact[] {
  const extracted = extractFacts(`${item.title}。${item.body}`);
  const claimed = new Set<string>();
  const fromClaims: ExtractedFact[] = [];
  for (const claim of item.facts) {
    const inClaim = extractFacts(claim);
    if (inClaim.length === 0 && claim.trim()) fromClaims.push({ type: 'effect', text: claim.trim() });
    for (const f of inClaim) {
      claimed.add(f.text);
      fromClaims.push(f);
    }
  }
  const all = [...extracted];
  for (const f of fromClaims) if (!all.some((e) => e.type === f.type && e.text === f.text)) all.push(f);
  for (const f of fromClaims) claimed.add(f.text);
  return checkFacts(all, sources, claimed);
}
