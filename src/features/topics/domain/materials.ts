import { TOPIC_LIMITS, type Material } from './topic-fields.js';

/** A Feishu document link as people paste it (…/docx/<token>, any query or anchor). */
const DOCX_LINK = /^https?:\/\/([a-z0-9.-]+)(?::\d+)?\/(?:docx|docs|wiki)\/([A-Za-z0-9]{10,64})(?:[/?#].*)?$/i;

export interface DocLink {
  token: string;
  /** Rebuilt from host and token: never the pasted text, so a link on a card cannot carry markup. */
  url: string;
}

export function parseDocLink(text: string): DocLink | undefined {
  const m = DOCX_LINK.exec(text.trim());
  if (!m) return undefined;
  return { token: m[2]!, url: `https://${m[1]!.toLowerCase()}/docx/${m[2]!}` };
}

/**
 * The materials field as typed: links separated by spaces, commas or lines. Each must be a Feishu document
 * link; at most TOPIC_LIMITS.materials of them. Returns the links or the reason, in Chinese.
 */
export function parseMaterialLinks(text: string): { ok: true; links: DocLink[] } | { ok: false; error: string } {
  const parts = text
    .split(/[\s,，、;；]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.length > TOPIC_LIMITS.materials) return { ok: false, error: `汇报材料最多 ${TOPIC_LIMITS.materials} 份，请合并后提交。` };
  const links: DocLink[] = [];
  for (const p of parts) {
    const link = parseDocLink(p);
    if (!link) return { ok: false, error: `汇报材料须为飞书文档链接（形如 https://….feishu.cn/docx/…），「${p.slice(0, 40)}」无法识别。` };
    if (!links.some((l) => l.token === link.token)) links.push(link);
  }
  return { ok: true, links };
}

/** The stated length limit, checked against a document's text once read: undefined when within it. */
export function overLength(name: string, chars: number): string | undefined {
  return chars > TOPIC_LIMITS.materialChars
    ? `汇报材料「${name.slice(0, 40)}」共 ${chars} 字，超过 ${TOPIC_LIMITS.materialChars} 字的篇幅要求，请精简后重新提交。`
    : undefined;
}

/** Characters that count: everything but whitespace. */
export const countChars = (text: string): number => text.replace(/\s+/g, '').length;

export const docMaterial = (link: DocLink, name: string, chars: number): Material => ({ kind: 'doc', name, url: link.url, token: link.token, chars });
