import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { classifyLlmHost, llmEndpointProblem } from '../../src/platform/llm-endpoint.js';

const problems = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
};

describe('LLM_* configuration', () => {
  it('with no endpoint there is no model (the rules drafter writes drafts)', () => {
    expect(loadConfig({}).llm).toBeUndefined();
  });

  it('reads the endpoint, model, key, output mode and timeout', () => {
    const c = loadConfig({
      LLM_BASE_URL: 'http://127.0.0.1:8000/v1/',
      LLM_MODEL: 'qwen2.5-7b-instruct',
      LLM_API_KEY: 'sk-x',
      LLM_OUTPUT_MODE: 'json_object',
      LLM_TIMEOUT_MS: '30000',
    });
    expect(c.llm).toEqual({ baseUrl: 'http://127.0.0.1:8000/v1', model: 'qwen2.5-7b-instruct', apiKey: 'sk-x', outputMode: 'json_object', timeoutMs: 30000 });
    expect(loadConfig({ LLM_BASE_URL: 'http://localhost:11434/v1', LLM_MODEL: 'qwen2.5:7b' }).llm).toMatchObject({
      outputMode: 'json_schema',
      timeoutMs: 120000,
    });
  });

  it('fails fast naming the variable', () => {
    expect(problems({ LLM_OUTPUT_MODE: 'yaml' })[0]).toMatch(/^LLM_OUTPUT_MODE: /);
    expect(problems({ LLM_TIMEOUT_MS: 'soon' })[0]).toMatch(/^LLM_TIMEOUT_MS: /);
    expect(problems({ LLM_BASE_URL: 'http://10.0.0.5:8000/v1' })).toEqual([expect.stringMatching(/^LLM_MODEL: required when LLM_BASE_URL is set/)]);
    expect(problems({ LLM_MODEL: 'qwen' })).toEqual([expect.stringMatching(/^LLM_BASE_URL: /)]);
    expect(problems({ LLM_BASE_URL: 'ftp://10.0.0.5/v1', LLM_MODEL: 'm' })[0]).toMatch(/^LLM_BASE_URL: must start with http/);
    expect(problems({ LLM_BASE_URL: 'http://user:pw@10.0.0.5/v1', LLM_MODEL: 'm' })[0]).toMatch(/LLM_API_KEY/);
  });

  it('refuses a public host at start-up unless allowed, naming the variables', () => {
    const [problem] = problems({ LLM_BASE_URL: 'https://api.deepseek.com/v1', LLM_MODEL: 'deepseek-chat' });
    expect(problem).toMatch(/^LLM_BASE_URL: host "api.deepseek.com" is not loopback, a private address or listed in LLM_ALLOWED_HOSTS/);
    expect(problem).toMatch(/LLM_ALLOW_PUBLIC=true/);
    expect(problems({ LLM_BASE_URL: 'https://api.deepseek.com/v1', LLM_MODEL: 'deepseek-chat', LLM_ALLOW_PUBLIC: 'true' })).toEqual([]);
    expect(problems({ LLM_BASE_URL: 'http://llm.office.gov.cn:8000/v1', LLM_MODEL: 'q', LLM_ALLOWED_HOSTS: '*.office.gov.cn' })).toEqual([]);
    expect(problems({ LLM_BASE_URL: 'http://8.8.8.8/v1', LLM_MODEL: 'q', LLM_ALLOWED_HOSTS: 'llm.office.gov.cn' })).toHaveLength(1);
  });

  it('classifies hosts without a DNS lookup', () => {
    const cases: [string, string][] = [
      ['127.0.0.1', 'loopback'],
      ['127.8.0.1', 'loopback'],
      ['localhost', 'loopback'],
      ['[::1]', 'loopback'],
      ['10.2.3.4', 'private'],
      ['172.16.0.9', 'private'],
      ['172.31.255.1', 'private'],
      ['192.168.1.20', 'private'],
      ['[fd12::5]', 'private'],
      ['[::ffff:192.168.1.2]', 'private'],
      ['172.32.0.1', 'public'],
      ['11.0.0.1', 'public'],
      ['llm.internal', 'public'],
      ['evil-office.gov.cn', 'public'],
      ['llm.office.gov.cn', 'allowed'],
      ['a.b.office.gov.cn', 'allowed'],
    ];
    for (const [host, cls] of cases) expect(classifyLlmHost(host, ['*.office.gov.cn']), host).toBe(cls);
    expect(classifyLlmHost('office.gov.cn', ['*.office.gov.cn'])).toBe('public');
    expect(llmEndpointProblem('http://[::1]:8000/v1', [], false)).toBeUndefined();
  });
});

describe('LLM_API_KEY in the log', () => {
  it('is redacted wherever the config or a client option carries it', async () => {
    const { Writable } = await import('node:stream');
    const { createLogger } = await import('../../src/logger.js');
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const log = createLogger('info', sink);
    const config = loadConfig({ LLM_BASE_URL: 'http://127.0.0.1:8000/v1', LLM_MODEL: 'q', LLM_API_KEY: 'sk-office-secret-1234' });
    log.info({ config }, 'started');
    log.info({ llm: config.llm }, 'model');
    log.info({ apiKey: config.llm?.apiKey }, 'client');
    expect(lines.join('')).not.toContain('sk-office-secret-1234');
    expect(lines).toHaveLength(3);
  });
});
