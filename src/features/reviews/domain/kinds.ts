/**
 * The kinds of draft the office reviews and how urgent one is: codes as stored (ReviewDraft.kind /
 * urgency), the names people read and type. Pure.
 */
export const KINDS = ['general', 'request', 'speech', 'minutes', 'info', 'normative'] as const;
export type Kind = (typeof KINDS)[number];

export const KIND_LABEL: Record<Kind, string> = {
  general: '普通文稿',
  request: '请示报告',
  speech: '讲话稿',
  minutes: '会议纪要',
  info: '政务信息',
  normative: '规范性文件',
};

const KIND_WORDS: Record<Kind, readonly string[]> = {
  general: ['普通文稿', '普通', '文稿', '一般文稿'],
  request: ['请示报告', '请示', '报告'],
  speech: ['讲话稿', '讲话', '发言稿'],
  minutes: ['会议纪要', '纪要'],
  info: ['政务信息', '信息'],
  normative: ['规范性文件', '规范性', '规范文件'],
};

export const URGENCIES = ['extra_urgent', 'urgent', 'normal'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const URGENCY_LABEL: Record<Urgency, string> = { extra_urgent: '特急', urgent: '加急', normal: '平件' };

const URGENCY_WORDS: Record<Urgency, readonly string[]> = {
  extra_urgent: ['特急', '特提', '特急件'],
  urgent: ['加急', '急件', '急'],
  normal: ['平件', '普通件', '一般'],
};

const fold = (text: string) => text.normalize('NFKC').replace(/[\s\u3000]+/g, '');

function lookup<T extends string>(words: Record<T, readonly string[]>, text: string): T | undefined {
  const t = fold(text);
  for (const [code, list] of Object.entries(words) as [T, readonly string[]][]) {
    if (code === t || list.includes(t)) return code;
  }
  return undefined;
}

export const parseKind = (text: string): Kind | undefined => lookup(KIND_WORDS, text);
export const parseUrgency = (text: string): Urgency | undefined => lookup(URGENCY_WORDS, text);

export const isKind = (v: string): v is Kind => (KINDS as readonly string[]).includes(v);
export const isUrgency = (v: string): v is Urgency => (URGENCIES as readonly string[]).includes(v);

export const kindLabel = (v: string): string => (isKind(v) ? KIND_LABEL[v] : v);
export const urgencyLabel = (v: string): string => (isUrgency(v) ? URGENCY_LABEL[v] : v);

/** For messages: 普通文稿、请示报告、… */
export const kindList = (): string => KINDS.map((k) => KIND_LABEL[k]).join('、');
