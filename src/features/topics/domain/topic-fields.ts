/**
 * The words of a topic's fields: what the form offers, what cards print, what a person may type.
 * Codes are stored; the labels are what anyone reads.
 */

/** Why 合法性审查 is needed (the form asks): 规范性文件, 重大行政决策, contracts. */
export const LEGAL_BASES = ['normative', 'major_decision', 'contract', 'other'] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];
export const LEGAL_BASIS_LABEL: Record<LegalBasis, string> = {
  normative: '规范性文件',
  major_decision: '重大行政决策',
  contract: '合同',
  other: '其他需审查事项',
};

/** 合法性审查 outcomes as stored in Topic.legalOutcome. */
export const LEGAL_OUTCOMES = ['passed', 'conditional', 'rejected'] as const;
export type LegalOutcome = (typeof LEGAL_OUTCOMES)[number];
export const LEGAL_OUTCOME_LABEL: Record<LegalOutcome, string> = { passed: '通过', conditional: '修改后通过', rejected: '不通过' };

/** A topic's outcome at the meeting (Topic.outcome). */
export const TOPIC_OUTCOMES = ['passed', 'passed_in_principle', 'passed_amended', 'deferred', 'rejected'] as const;
export type TopicOutcome = (typeof TOPIC_OUTCOMES)[number];
export const TOPIC_OUTCOME_LABEL: Record<TopicOutcome, string> = {
  passed: '通过',
  passed_in_principle: '原则通过',
  passed_amended: '修改后通过',
  deferred: '暂缓',
  rejected: '不通过',
};

/** 临时议题 consent (Topic.consentStatus); "" for a topic submitted in time. */
export type ConsentStatus = '' | 'pending' | 'granted' | 'refused';
export const CONSENT_LABEL: Record<Exclude<ConsentStatus, ''>, string> = { pending: '待主持领导同意', granted: '主持领导已同意', refused: '主持领导未同意' };

/**
 * The limits a topic is held to, stated on the form (local conventions, after 周口 周政办〔2010〕127号:
 * materials ≤ 3000 characters, due 2 working days ahead).
 */
export const TOPIC_LIMITS = {
  titleChars: 60,
  /** At most this many materials (documents or files) per topic. */
  materials: 5,
  /** A file given as material: at most this many bytes (20 MB), of the types in MATERIAL_FILE_TYPES. */
  materialFileBytes: 20 * 1024 * 1024,
  /** Minutes after `议题 材料 <编号>` within which a file sent to the bot is taken for that topic. */
  materialWindowMinutes: 10,
  /** A Feishu document given as material holds at most this many characters (its raw text). */
  materialChars: 3000,
  /** Estimated duration, minutes. */
  minMinutes: 5,
  maxMinutes: 120,
  defaultMinutes: 15,
  reasonChars: 500,
  opinionChars: 2000,
} as const;

/** One item of a topic's materials (Topic.materials, JSON). */
export type Material =
  | { kind: 'doc'; name: string; url: string; token: string; chars?: number }
  | { kind: 'file'; name: string; fileKey: string; messageId: string; bytes?: number };

export function parseMaterials(json: string): Material[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? (v as Material[]) : [];
  } catch {
    return [];
  }
}

/** A JSON array of ids (attendeeIds, fixedUnitIds, attendUnitIds, absentIds); [] when unreadable. */
export function parseIds(json: string): string[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}
