import { describe, expect, it, vi } from 'vitest';
import { lazyChild } from '../../src/logger.js';
import { memoryLogger } from '../support/logger.js';

describe('lazyChild', () => {
  it('creates the child only when something is logged, with its bindings, and still redacts secrets', () => {
    const { log, lines } = memoryLogger('info');
    const spy = vi.spyOn(log, 'child');
    const child = lazyChild(log, { messageId: 'om_1' });
    expect(spy).not.toHaveBeenCalled();
    child.info({ appSecret: 's3cret' }, 'hello');
    child.warn('again');
    expect(spy).toHaveBeenCalledTimes(1);
    const text = lines.join('\n');
    expect(text).toContain('"messageId":"om_1"');
    expect(text).toContain('hello');
    expect(text).not.toContain('s3cret');
  });
});

describe('secrets in logged text', () => {
  it('scrubs secret fields in plain, escaped and form forms, Bearer tokens, and known secret values', async () => {
    const { scrubSecrets } = await import('../../src/logger.js');
    const cases: [string, string][] = [
      ['{"app_secret":"s3cr3t-xyz"}', '{"app_secret":"[redacted]"}'],
      ['"data":"{\\"app_id\\":\\"cli_1\\",\\"app_secret\\":\\"s3cr3t-xyz\\"}"', '"data":"{\\"app_id\\":\\"cli_1\\",\\"app_secret\\":\\"[redacted]\\"}"'],
      ['\\\\\\"tenant_access_token\\\\\\":\\\\\\"t-abc\\\\\\"', '\\\\\\"tenant_access_token\\\\\\":\\\\\\"[redacted]\\\\\\"'],
      ['{"AppSecret": "s3cr3t-xyz"}', '{"AppSecret":"[redacted]"}'],
      ['app_id=cli_1&app_secret=s3cr3t-xyz&x=1', 'app_id=cli_1&app_secret=[redacted]&x=1'],
      ['Authorization: Bearer t-g104abc.def', 'Authorization: Bearer [redacted]'],
      ['{"encrypt_key":"k"}', '{"encrypt_key":"[redacted]"}'],
      ['督办 列表', '督办 列表'],
    ];
    for (const [input, expected] of cases) expect(scrubSecrets(input)).toBe(expected);
    expect(scrubSecrets('x s3cr3t-xyz y', ['s3cr3t-xyz'])).toBe('x [redacted] y');
  });

  it('logs an HTTP client error without its request body or headers, and scrubs message strings', () => {
    const { log, lines } = memoryLogger('trace');
    const err = Object.assign(new Error('Request failed with status code 502'), {
      config: {
        method: 'post',
        url: 'https://open.feishu.cn/open-apis/auth/v3/tenant_access_token/internal?x=1',
        data: '{"app_secret":"s3cr3t-xyz"}',
        headers: { Authorization: 'Bearer t-1' },
      },
      response: { status: 502, data: '<html>bad gateway</html>' },
    });
    log.error({ err }, 'token request failed');
    log.warn('body was {\\"app_secret\\":\\"s3cr3t-xyz\\"}');
    const text = lines.join('\n');
    expect(text).not.toContain('s3cr3t-xyz');
    expect(text).not.toContain('Bearer t-1');
    const record = JSON.parse(lines[0]!) as { err: Record<string, unknown> };
    expect(record.err).toMatchObject({
      message: 'Request failed with status code 502',
      method: 'POST',
      path: '/open-apis/auth/v3/tenant_access_token/internal',
      status: 502,
    });
    expect(record.err.config).toBeUndefined();
  });

  it('strips the request of an HTTP error wrapped inside another error, at any depth', () => {
    const { log, lines } = memoryLogger('trace');
    const http = Object.assign(new Error('Request failed with status code 500'), {
      config: { method: 'post', url: 'https://open.feishu.cn/open-apis/im/v1/messages', data: '{"content":"机密正文 s3cr3t-body"}' },
    });
    const wrapped = Object.assign(new Error('send failed'), { inner: http, detail: { last: http } });
    const withCause = new Error('delivery failed', { cause: wrapped });
    log.error({ err: wrapped }, 'wrapped');
    log.error({ err: withCause }, 'caused');
    const text = lines.join('\n');
    expect(text).not.toContain('s3cr3t-body');
    expect(text).not.toContain('机密正文');
  });
});
