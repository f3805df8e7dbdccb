import type { DocBlock, GongwenInput } from '../../../../platform/export/docx/model.js';
import type { Distribution } from '../../domain/json.js';

/** The 报尾's lines by default (BRIEFS_ISSUE_REPORT_TO / _SEND_TO / _ISSUE_TO; settings.briefs.distribution). */
export const DEFAULT_DISTRIBUTION: Distribution = {
  报: '市委办公室，市政府办公室',
  送: '县委、县人大、县政府、县政协领导',
  发: '各镇人民政府，县直各部门',
};

/** A 报尾 line configured as 无 (or left empty in an older issue's row) is left out. */
const OMITTED = /^\s*(无)?\s*$/;

export interface BriefItem {
  title: string;
  body: string;
  kind: string;
}

export interface BriefContent {
  periodical: string;
  /** 第12期 */
  number: string;
  publisher: string;
  /** YYYY-MM-DD (Beijing) */
  date: string;
  items: readonly BriefItem[];
  distribution: Distribution;
}

/** Items in the office's kind order; a kind not in the list goes last, keeping the compiled order. */
export function orderByKind<T extends { kind: string }>(items: readonly T[], kinds: readonly string[]): T[] {
  const rank = (k: string) => {
    const i = kinds.indexOf(k);
    return i < 0 ? kinds.length : i;
  };
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => rank(a.item.kind) - rank(b.item.kind) || a.i - b.i)
    .map((x) => x.item);
}

const paragraphs = (body: string): string[] =>
  body
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean);

/**
 * The 简报 as a 公文-format document: the red 报头 (the periodical's name), 第N期, 编印单位 and the date over
 * the red rule; each kind a heading (一、工作动态), each item its title (1.) and its paragraphs; the 报尾's
 * 报/送/发 lines between rules.
 */
export function briefDocument(c: BriefContent): GongwenInput {
  const blocks: DocBlock[] = [];
  let kind = '';
  for (const item of c.items) {
    if (item.kind !== kind) {
      kind = item.kind;
      blocks.push({ level: 1, text: kind });
    }
    blocks.push({ level: 3, text: item.title });
    for (const p of paragraphs(item.body)) blocks.push({ level: 0, text: p });
  }
  const [y, m, d] = c.date.split('-').map(Number);
  return {
    issuerMark: c.periodical,
    docNumber: c.number,
    imprint: { left: c.publisher, right: `${y}年${m}月${d}日` },
    blocks,
    closing: (['报', '送', '发'] as const).filter((k) => !OMITTED.test(c.distribution[k] ?? '')).map((k) => `${k}：${c.distribution[k]}`),
  };
}
