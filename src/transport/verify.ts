import { createDecipheriv, createHash, timingSafeEqual } from 'node:crypto';
import { REPLAY_WINDOW_MS } from '../router/events.js';

/**
 * Request verification for Lark events and callbacks, done on the raw bytes Lark signed (the SDK's own
 * check re-serialises the parsed body and skips the timestamp and the verification token).
 */
export interface VerifyOptions {
  rawBody: string;
  headers: Record<string, string | string[] | undefined>;
  encryptKey?: string;
  verificationToken?: string;
  nowMs: number;
  /** Requests signed longer ago than this are refused (replay protection). */
  maxAgeMs?: number;
}

export type Verdict =
  | { ok: true; kind: 'challenge'; challenge: string }
  | { ok: true; kind: 'event'; payload: Record<string, unknown> }
  | { ok: false; status: 400 | 401; reason: string };

export function larkSignature(timestamp: string, nonce: string, encryptKey: string, rawBody: string): string {
  return createHash('sha256')
    .update(timestamp + nonce + encryptKey + rawBody)
    .digest('hex');
}

/** AES-256-CBC, key = sha256(encrypt key), base64(iv ‖ ciphertext), PKCS#7 padding. */
export function decryptLarkPayload(encrypted: string, encryptKey: string): string {
  const key = createHash('sha256').update(encryptKey).digest();
  const buf = Buffer.from(encrypted, 'base64');
  if (buf.length < 32 || buf.length % 16 !== 0) throw new Error('ciphertext has the wrong length');
  const decipher = createDecipheriv('aes-256-cbc', key, buf.subarray(0, 16));
  return Buffer.concat([decipher.update(buf.subarray(16)), decipher.final()]).toString('utf8');
}

const header = (h: VerifyOptions['headers'], name: string): string | undefined => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function verifyLarkRequest(o: VerifyOptions): Verdict {
  const outer = parseObject(o.rawBody);
  if (!outer) return { ok: false, status: 400, reason: 'body is not a JSON object' };

  let payload = outer;
  if (typeof outer.encrypt === 'string') {
    if (!o.encryptKey) return { ok: false, status: 401, reason: 'encrypted body but no LARK_ENCRYPT_KEY configured' };
    let plain: string;
    try {
      plain = decryptLarkPayload(outer.encrypt, o.encryptKey);
    } catch {
      return { ok: false, status: 401, reason: 'cannot decrypt body (wrong encrypt key?)' };
    }
    const inner = parseObject(plain);
    if (!inner) return { ok: false, status: 400, reason: 'decrypted body is not a JSON object' };
    payload = inner;
  }

  const header_ = (payload.header ?? {}) as Record<string, unknown>;
  const token = (header_.token ?? payload.token) as unknown;
  const tokenMatches = typeof token === 'string' && !!o.verificationToken && safeEqual(token, o.verificationToken);

  // URL verification carries no signature headers: Lark checks the token instead.
  if (payload.type === 'url_verification') {
    if (typeof payload.challenge !== 'string') return { ok: false, status: 400, reason: 'challenge missing' };
    if (o.verificationToken && !tokenMatches) return { ok: false, status: 401, reason: 'challenge token mismatch' };
    if (!o.verificationToken && !o.encryptKey) return { ok: false, status: 401, reason: 'no LARK_ENCRYPT_KEY or LARK_VERIFICATION_TOKEN configured' };
    return { ok: true, kind: 'challenge', challenge: payload.challenge };
  }

  // Every event carries Lark's signing time, whether or not it is signed: without it there would be no
  // replay window (with a token alone, a captured request could be sent again for ever).
  const timestamp = header(o.headers, 'x-lark-request-timestamp');
  if (!timestamp) return { ok: false, status: 401, reason: o.encryptKey ? 'signature headers missing' : 'timestamp header missing' };
  const ts = Number(timestamp);
  if (!Number.isFinite(ts)) return { ok: false, status: 401, reason: 'bad timestamp' };
  const ageMs = Math.abs(o.nowMs - ts * 1000);
  if (ageMs > (o.maxAgeMs ?? REPLAY_WINDOW_MS)) return { ok: false, status: 401, reason: 'stale timestamp' };

  if (o.encryptKey) {
    const nonce = header(o.headers, 'x-lark-request-nonce');
    const signature = header(o.headers, 'x-lark-signature');
    if (nonce === undefined || !signature) return { ok: false, status: 401, reason: 'signature headers missing' };
    if (!safeEqual(larkSignature(timestamp, nonce, o.encryptKey, o.rawBody), signature)) {
      return { ok: false, status: 401, reason: 'bad signature' };
    }
    // Lark sometimes omits the token in callbacks; a token that is present must still match.
    if (o.verificationToken && typeof token === 'string' && !tokenMatches) {
      return { ok: false, status: 401, reason: 'verification token mismatch' };
    }
    return { ok: true, kind: 'event', payload };
  }

  if (!o.verificationToken) return { ok: false, status: 401, reason: 'no LARK_ENCRYPT_KEY or LARK_VERIFICATION_TOKEN configured' };
  if (!tokenMatches) return { ok: false, status: 401, reason: 'verification token mismatch' };
  return { ok: true, kind: 'event', payload };
}
