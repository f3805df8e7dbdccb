import { TOPIC_LIMITS, type Material } from './topic-fields.js';

/** A document link as people paste it (…/docx/<token>, any query or anchor). */
const DOCX_LINK = /^https?:\/\/([a-z0-9.-]+)(?::\d+)?\/(?:docx|docs|wiki)\/([A-Za-z0-9]{10,64})(?:[/?#].*)?$/i;

/**
 * The hosts Feishu/Lark serve documents from (a tenant's own subdomain of each). Any other host is refused:
 * the link is shown on cards and opened by leaders, so it must not lead off Feishu.
 */
export const DOC_HOST_SUFFIXES = ['feishu.cn', 'larksuite.com', 'larkoffice.com', 'feishu.net'] as const;

export const isDocHost = (host: string): boolean => {
  const h = host.toLowerCase();
  return DOC_HOST_SUFFIXES.some((suffix) => h.endsWith(`.${suffix}`) && h.length > suffix.length + 1);
};

export interface DocLink {
  token: string;
  /** Rebuilt from host and token: never the pasted text, so a link on a card cannot carry markup. */
  url: string;
}

export function parseDocLink(text: string): DocLink | undefined {
  const m = DOCX_LINK.exec(text.trim());
  if (!m || !isDocHost(m[1]!)) return undefined;
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
    const host = DOCX_LINK.exec(p)?.[1];
    if (host && !isDocHost(host))
      return {
        ok: false,
        error: `汇报材料须为飞书文档链接，「${host.slice(0, 40)}」不是飞书文档地址（限 feishu.cn、larksuite.com、larkoffice.com、feishu.net），未提交。`,
      };
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

/** The file types a topic's material may be, and Lark's upload category for each. */
export const MATERIAL_FILE_TYPES: Record<string, 'doc' | 'pdf' | 'xls' | 'ppt' | 'stream'> = {
  docx: 'doc',
  doc: 'doc',
  wps: 'doc',
  pdf: 'pdf',
  ofd: 'stream',
  xlsx: 'xls',
  xls: 'xls',
  et: 'xls',
  pptx: 'ppt',
  ppt: 'ppt',
};

export const MATERIAL_TYPES_TEXT = 'Word（docx/doc/wps）、PDF、OFD、Excel（xlsx/xls/et）、PPT（pptx/ppt）';

const extOf = (name: string) => /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';

/** Why a file may not be added as material (type, size, count), in Chinese; undefined when it may. */
export function fileMaterialRefusal(name: string, bytes: number | undefined, existing: readonly Material[]): string | undefined {
  const shown = name.slice(0, 60);
  if (!MATERIAL_FILE_TYPES[extOf(name)]) return `「${shown}」不是可接收的材料格式（限${MATERIAL_TYPES_TEXT}），未添加。`;
  if (existing.length >= TOPIC_LIMITS.materials)
    return `该议题已有 ${existing.length} 份材料，最多 ${TOPIC_LIMITS.materials} 份，「${shown}」未添加。请合并材料后再补充。`;
  if (existing.some((m) => m.kind === 'file' && m.name === name)) return `该议题已有同名材料「${shown}」，未重复添加。`;
  if (bytes !== undefined && bytes > TOPIC_LIMITS.materialFileBytes)
    return `「${shown}」大小为 ${(bytes / 1024 / 1024).toFixed(1)} MB，超过每份 ${TOPIC_LIMITS.materialFileBytes / 1024 / 1024} MB 的限制，未添加。请压缩或拆分后再发送。`;
  if (bytes === 0) return `「${shown}」是空文件，未添加。`;
  return undefined;
}

/** Lark's upload category for a material file (by its extension). */
export const materialUploadType = (name: string) => MATERIAL_FILE_TYPES[extOf(name)] ?? 'stream';

export const fileMaterial = (name: string, fileKey: string, messageId: string, bytes: number): Material => ({ kind: 'file', name, fileKey, messageId, bytes });
