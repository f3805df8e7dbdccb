import { LEGAL_BASES, LEGAL_BASIS_LABEL, type LegalBasis } from './topic-fields.js';

/**
 * `议题 申报 <议题名称> 类型:常务会 材料:<链接> [汇报人:…] [单位:…] [分管:…] [列席:…、…] [征求意见:…]
 * [审查:规范性文件] [时长:20] [理由:…]`: the one-line form. Words before any key are the title; a bare
 * link is a material. Pure: names are resolved by the use case.
 */
export interface OneLineTopic {
  title: string;
  type: string;
  materials: string[];
  presenter?: string;
  unit?: string;
  leader?: string;
  attend: string[];
  consultedWith?: string;
  legal?: LegalBasis;
  /** What was typed for 审查 when not understood. */
  legalTyped?: string;
  minutes?: number;
  minutesTyped?: string;
  reason?: string;
}

const KEYS: Record<string, keyof OneLineTopic | 'legal' | 'material'> = {
  类型: 'type',
  会议: 'type',
  会议类型: 'type',
  材料: 'material',
  汇报材料: 'material',
  汇报人: 'presenter',
  单位: 'unit',
  申报单位: 'unit',
  分管: 'leader',
  分管领导: 'leader',
  列席: 'attend',
  列席单位: 'attend',
  征求意见: 'consultedWith',
  审查: 'legal',
  合法性审查: 'legal',
  时长: 'minutes',
  用时: 'minutes',
  理由: 'reason',
  临时议题理由: 'reason',
};

const LEGAL_WORDS: Record<string, LegalBasis> = Object.fromEntries(LEGAL_BASES.map((b) => [LEGAL_BASIS_LABEL[b], b]));
LEGAL_WORDS['重大决策'] = 'major_decision';
LEGAL_WORDS['其他'] = 'other';
LEGAL_WORDS['需要'] = 'other';

export function parseLegalBasis(text: string): LegalBasis | undefined {
  return LEGAL_WORDS[text.normalize('NFKC').trim()];
}

const list = (s: string) =>
  s
    .split(/[,，、;；]+/)
    .map((x) => x.trim())
    .filter(Boolean);

export function parseOneLineTopic(argv: readonly string[]): OneLineTopic {
  const out: OneLineTopic = { title: '', type: '', materials: [], attend: [] };
  const title: string[] = [];
  for (const raw of argv) {
    const token = raw.trim();
    if (!token) continue;
    if (/^https?:\/\//i.test(token)) {
      out.materials.push(token);
      continue;
    }
    const m = /^([^:：]{1,8})[:：](.*)$/.exec(token);
    const key = m ? KEYS[m[1]!.trim()] : undefined;
    if (!m || !key) {
      title.push(token);
      continue;
    }
    const value = m[2]!.trim();
    if (key === 'material') out.materials.push(...list(value));
    else if (key === 'attend') out.attend.push(...list(value));
    else if (key === 'legal') {
      const b = parseLegalBasis(value);
      if (b) out.legal = b;
      else if (value && value !== '不需要' && value !== '否') out.legalTyped = value;
    } else if (key === 'minutes') {
      const n = Number(value.replace(/分钟?$/, ''));
      if (Number.isInteger(n)) out.minutes = n;
      else out.minutesTyped = value;
    } else if (key === 'type') out.type = value;
    else if (key === 'presenter') out.presenter = value;
    else if (key === 'unit') out.unit = value;
    else if (key === 'leader') out.leader = value;
    else if (key === 'consultedWith') out.consultedWith = value;
    else if (key === 'reason') out.reason = value;
  }
  out.title = title.join(' ');
  return out;
}
