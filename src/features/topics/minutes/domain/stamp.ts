import JSZip from 'jszip';

/**
 * The 发文字号 a 纪要 carries while under review: the year and a blank for the number, which is given only
 * at 签发 (the office fills it in as it would on paper). A reviewer's revised file keeps the line.
 */
export const numberPlaceholder = (year: string): string => `〔${year}〕　　号`;

/** The placeholder as it may come back from an editor (any year, spaces of either width, or none). */
const PLACEHOLDER = /〔(\d{4})〕[\s\u3000]*号/u;

/**
 * The reviewed final .docx with its number filled in: the first placeholder in the body is replaced by
 * the 签发 number; `stamped` false when the revised file no longer has one (sent as the reviewers left it).
 */
export async function stampMinutesNumber(bytes: Uint8Array, number: string): Promise<{ bytes: Buffer; stamped: boolean }> {
  const zip = await JSZip.loadAsync(bytes);
  const part = zip.file('word/document.xml');
  if (!part) return { bytes: Buffer.from(bytes), stamped: false };
  const xml = await part.async('string');
  if (!PLACEHOLDER.test(xml)) return { bytes: Buffer.from(bytes), stamped: false };
  zip.file('word/document.xml', xml.replace(PLACEHOLDER, number));
  return { bytes: await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }), stamped: true };
}
