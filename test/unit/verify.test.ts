import { describe, expect, it } from 'vitest';
import { decryptLarkPayload, larkSignature, verifyLarkRequest } from '../../src/transport/verify.js';
import { larkEncrypt } from '../../src/local/lark/crypto.js';

const KEY = 'encrypt-key';
const TOKEN = 'verify-token';
const now = Date.UTC(2026, 10, 23, 1, 0, 0);
const ts = String(Math.floor(now / 1000));

function signed(payload: object, o: { key?: string; timestamp?: string } = {}) {
  const rawBody = JSON.stringify({ encrypt: larkEncrypt(JSON.stringify(payload), KEY) });
  const timestamp = o.timestamp ?? ts;
  return {
    rawBody,
    headers: { 'x-lark-request-timestamp': timestamp, 'x-lark-request-nonce': 'n1', 'x-lark-signature': larkSignature(timestamp, 'n1', o.key ?? KEY, rawBody) },
  };
}

const event = { schema: '2.0', header: { event_type: 'im.message.receive_v1', token: TOKEN }, event: {} };

describe('verifyLarkRequest', () => {
  it('decrypts the official test vector', () => {
    expect(decryptLarkPayload('P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=', 'test key')).toBe('hello world');
  });

  it('accepts a correctly signed, encrypted event and returns the decrypted payload', () => {
    const v = verifyLarkRequest({ ...signed(event), encryptKey: KEY, verificationToken: TOKEN, nowMs: now });
    expect(v).toEqual({ ok: true, kind: 'event', payload: event });
  });

  it('refuses a signature made with another key, a stale or future timestamp, or missing headers', () => {
    expect(verifyLarkRequest({ ...signed(event, { key: 'other' }), encryptKey: KEY, nowMs: now })).toMatchObject({
      ok: false,
      status: 401,
      reason: 'bad signature',
    });
    const stale = String(Number(ts) - 301);
    expect(verifyLarkRequest({ ...signed(event, { timestamp: stale }), encryptKey: KEY, nowMs: now })).toMatchObject({
      ok: false,
      status: 401,
      reason: 'stale timestamp',
    });
    const future = String(Number(ts) + 301);
    expect(verifyLarkRequest({ ...signed(event, { timestamp: future }), encryptKey: KEY, nowMs: now })).toMatchObject({ ok: false, status: 401 });
    const { rawBody } = signed(event);
    expect(verifyLarkRequest({ rawBody, headers: {}, encryptKey: KEY, nowMs: now })).toMatchObject({ ok: false, status: 401 });
  });

  it('refuses a body signed correctly but re-serialised (signature covers the raw bytes)', () => {
    const s = signed(event);
    const pretty = JSON.stringify(JSON.parse(s.rawBody), null, 2);
    expect(verifyLarkRequest({ rawBody: pretty, headers: s.headers, encryptKey: KEY, nowMs: now })).toMatchObject({ ok: false, status: 401 });
  });

  it('refuses a signed event whose verification token does not match', () => {
    const bad = { ...event, header: { ...event.header, token: 'forged' } };
    expect(verifyLarkRequest({ ...signed(bad), encryptKey: KEY, verificationToken: TOKEN, nowMs: now })).toMatchObject({ ok: false, status: 401 });
  });

  it('without an encrypt key, checks the verification token', () => {
    const rawBody = JSON.stringify(event);
    const headers = { 'x-lark-request-timestamp': ts, 'x-lark-request-nonce': 'n1' };
    expect(verifyLarkRequest({ rawBody, headers, verificationToken: TOKEN, nowMs: now })).toMatchObject({ ok: true, kind: 'event' });
    const forged = JSON.stringify({ ...event, header: { token: 'x' } });
    expect(verifyLarkRequest({ rawBody: forged, headers, verificationToken: TOKEN, nowMs: now })).toMatchObject({ ok: false, status: 401 });
    expect(verifyLarkRequest({ rawBody, headers, nowMs: now })).toMatchObject({ ok: false, status: 401 });
  });

  it('without an encrypt key, refuses an event with no timestamp (no replay window) or a stale one', () => {
    const rawBody = JSON.stringify(event);
    expect(verifyLarkRequest({ rawBody, headers: {}, verificationToken: TOKEN, nowMs: now })).toMatchObject({
      ok: false,
      status: 401,
      reason: 'timestamp header missing',
    });
    expect(verifyLarkRequest({ rawBody, headers: { 'x-lark-request-timestamp': '' }, verificationToken: TOKEN, nowMs: now })).toMatchObject({
      ok: false,
      status: 401,
    });
    const stale = String(Number(ts) - 301);
    expect(verifyLarkRequest({ rawBody, headers: { 'x-lark-request-timestamp': stale }, verificationToken: TOKEN, nowMs: now })).toMatchObject({
      ok: false,
      status: 401,
      reason: 'stale timestamp',
    });
    // The URL challenge carries no headers and is still answered by its token.
    const challenge = JSON.stringify({ challenge: 'c2', token: TOKEN, type: 'url_verification' });
    expect(verifyLarkRequest({ rawBody: challenge, headers: {}, verificationToken: TOKEN, nowMs: now })).toEqual({
      ok: true,
      kind: 'challenge',
      challenge: 'c2',
    });
  });

  it('answers the challenge with and without an encrypt key (no signature headers)', () => {
    const challenge = { challenge: 'c1', token: TOKEN, type: 'url_verification' };
    const encrypted = JSON.stringify({ encrypt: larkEncrypt(JSON.stringify(challenge), KEY) });
    expect(verifyLarkRequest({ rawBody: encrypted, headers: {}, encryptKey: KEY, verificationToken: TOKEN, nowMs: now })).toEqual({
      ok: true,
      kind: 'challenge',
      challenge: 'c1',
    });
    expect(verifyLarkRequest({ rawBody: JSON.stringify(challenge), headers: {}, verificationToken: TOKEN, nowMs: now })).toEqual({
      ok: true,
      kind: 'challenge',
      challenge: 'c1',
    });
    expect(verifyLarkRequest({ rawBody: JSON.stringify({ ...challenge, token: 'x' }), headers: {}, verificationToken: TOKEN, nowMs: now })).toMatchObject({
      ok: false,
      status: 401,
    });
  });

  it('answers 400 to malformed bodies and 401 to undecryptable ones', () => {
    expect(verifyLarkRequest({ rawBody: '{not json', headers: {}, encryptKey: KEY, nowMs: now })).toMatchObject({ ok: false, status: 400 });
    expect(verifyLarkRequest({ rawBody: '[1,2]', headers: {}, encryptKey: KEY, nowMs: now })).toMatchObject({ ok: false, status: 400 });
    expect(verifyLarkRequest({ rawBody: JSON.stringify({ encrypt: 'AAAA' }), headers: {}, encryptKey: KEY, nowMs: now })).toMatchObject({
      ok: false,
      status: 401,
    });
  });
});
