/**
 * A small multipart/form-data reader for the fake Lark server (RFC 7578), written by hand so the fake
 * sees exactly what the SDK's encoder (axios + form-data) puts on the wire.
 */
export interface FormPart {
  name: string;
  /** Present when the part declared one (a file part). */
  filename?: string;
  contentType?: string;
  data: Buffer;
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

export function boundaryOf(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data\b/i.test(contentType)) return undefined;
  const m = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m ? (m[1] ?? m[2]) : undefined;
}

/** The parts of a multipart body, or a reason it is malformed. */
export function parseMultipart(body: Buffer, boundary: string): FormPart[] | string {
  const delimiter = Buffer.from(`--${boundary}`);
  let at = body.indexOf(delimiter);
  if (at < 0) return 'no boundary delimiter in body';
  const parts: FormPart[] = [];
  for (;;) {
    at += delimiter.length;
    if (body.subarray(at, at + 2).toString() === '--') return parts; // closing delimiter
    if (!body.subarray(at, at + 2).equals(CRLF)) return 'delimiter not followed by CRLF';
    const headersEnd = body.indexOf(HEADER_END, at + 2);
    if (headersEnd < 0) return 'part without a header block';
    const headers = parseHeaders(body.subarray(at + 2, headersEnd).toString('utf8'));
    const next = body.indexOf(Buffer.concat([CRLF, delimiter]), headersEnd + 4);
    if (next < 0) return 'body ends without a closing delimiter';
    const disposition = headers.get('content-disposition') ?? '';
    const name = paramOf(disposition, 'name');
    if (!/^form-data\b/i.test(disposition) || name === undefined) return 'part without Content-Disposition: form-data; name=…';
    const filename = paramOf(disposition, 'filename');
    const contentType = headers.get('content-type');
    parts.push({
      name,
      ...(filename !== undefined ? { filename } : {}),
      ...(contentType ? { contentType } : {}),
      data: body.subarray(headersEnd + 4, next),
    });
    at = next + CRLF.length;
  }
}

function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

function paramOf(header: string, key: string): string | undefined {
  const m = new RegExp(`;\\s*${key}="([^"]*)"`, 'i').exec(header) ?? new RegExp(`;\\s*${key}=([^;\\s]+)`, 'i').exec(header);
  return m?.[1];
}
