import { hex } from './crypto.js';
import { parseMultipart } from './multipart.js';
import type { Answer, ApiCall, Routes, UploadedFile } from './types.js';

/** Lark's upload limit (234006) and file types (im/v1/files). */
export const MAX_UPLOAD_BYTES = 30 * 1024 * 1024;
const UPLOAD_TYPES = new Set(['opus', 'mp4', 'pdf', 'doc', 'xls', 'ppt', 'stream']);

/** The bot's uploads (`POST /im/v1/files`) and downloads of files people sent (`GET …/messages/:id/resources/:key`). */
export class FileRoutes implements Routes {
  constructor(
    private readonly state: {
      uploads: Map<string, UploadedFile>;
      files: Map<string, { messageId: string; name: string; bytes: Buffer }>;
    },
  ) {}

  handle(call: ApiCall, a: Answer): boolean {
    if (call.path === '/open-apis/im/v1/files' && call.method === 'POST') {
      const outcome = this.receiveUpload(call.boundary, call.bytes);
      call.body = outcome.recorded;
      if ('error' in outcome) a.fail(400, outcome.error.code, outcome.error.msg);
      else a.reply(200, { code: 0, msg: 'success', data: { file_key: outcome.fileKey } });
      return true;
    }
    const resourceMatch = /^\/open-apis\/im\/v1\/messages\/([^/]+)\/resources\/([^/]+)$/.exec(call.path);
    if (resourceMatch && call.method === 'GET') {
      const stored = this.state.files.get(resourceMatch[2]!);
      if (!stored || stored.messageId !== resourceMatch[1]) a.fail(400, 234003, 'File not in msg.');
      else if (call.query.type !== 'file' && call.query.type !== 'image') a.fail(400, 234001, 'Invalid request param.');
      else {
        a.record(200, `<${stored.bytes.length} bytes>`);
        call.res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(stored.bytes.length), 'x-tt-logid': hex(10) });
        call.res.end(stored.bytes);
      }
      return true;
    }
    return false;
  }

  /** Validates an upload as Lark does (234001 bad params, 234010 empty, 234006 over 30 MB) and stores it. */
  private receiveUpload(boundary: string | undefined, raw: Buffer): { recorded: unknown } & ({ fileKey: string } | { error: { code: number; msg: string } }) {
    const invalid = (why: string) => ({ recorded: { invalid: why }, error: { code: 234001, msg: `Invalid request param. (${why})` } });
    if (!boundary) return invalid('Content-Type must be multipart/form-data with a boundary');
    const parts = parseMultipart(raw, boundary);
    if (typeof parts === 'string') return invalid(parts);
    const field = (name: string) => parts.find((p) => p.name === name);
    const fileType = field('file_type')?.data.toString('utf8');
    const name = field('file_name')?.data.toString('utf8');
    const file = field('file');
    const recorded = {
      file_type: fileType,
      file_name: name,
      file: file ? `<${file.data.length} bytes${file.filename ? ` as ${file.filename}` : ''}>` : undefined,
    };
    if (!fileType || !UPLOAD_TYPES.has(fileType)) return { ...invalid(`file_type ${String(fileType)}`), recorded };
    if (!name) return { ...invalid('file_name is required'), recorded };
    if (!file) return { ...invalid('file is required'), recorded };
    if (!file.data.length) return { recorded, error: { code: 234010, msg: "File's size can't be 0." } };
    if (file.data.length > MAX_UPLOAD_BYTES) return { recorded, error: { code: 234006, msg: 'The file size exceed the max value.' } };
    const fileKey = `file_v2_${hex(16)}`;
    this.state.uploads.set(fileKey, {
      fileKey,
      fileType,
      name,
      ...(file.filename !== undefined ? { partFilename: file.filename } : {}),
      ...(file.contentType ? { contentType: file.contentType } : {}),
      bytes: Buffer.from(file.data),
    });
    return { recorded, fileKey };
  }
}
