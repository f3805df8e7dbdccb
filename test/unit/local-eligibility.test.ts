import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { configProblems, isLoopbackHost, localModeProblems, localModeSettings } from '../../src/local/eligibility.js';

describe('local mode eligibility', () => {
  it('allows a machine with no Lark setting, a loopback host (or none) and a SQLite file', () => {
    expect(localModeSettings({})).toEqual({ host: '127.0.0.1' });
    expect(localModeSettings({ HOST: '127.0.0.1', DATABASE_URL: 'file:./data/other.db', PORT: '8080', LOG_LEVEL: 'debug' })).toEqual({ host: '127.0.0.1' });
    expect(localModeSettings({ HOST: '127.0.0.2' })).toEqual({ host: '127.0.0.2' });
    expect(localModeSettings({ HOST: 'localhost' })).toEqual({ host: '127.0.0.1' });
    expect(localModeSettings({ HOST: '::1' })).toEqual({ host: '127.0.0.1' });
    // Empty values are unset, as everywhere in the configuration (a copied .env.example).
    expect(localModeSettings({ LARK_ENCRYPT_KEY: '', LARK_DOMAIN: ' ', HOST: '', DATABASE_URL: '' })).toEqual({ host: '127.0.0.1' });
  });

  it('refuses each Lark setting, a non-loopback host and a non-SQLite database, naming each variable', () => {
    const cases: [Record<string, string>, string][] = [
      [{ LARK_ENCRYPT_KEY: 'k' }, 'LARK_ENCRYPT_KEY'],
      [{ LARK_VERIFICATION_TOKEN: 't' }, 'LARK_VERIFICATION_TOKEN'],
      [{ LARK_TRANSPORT: 'long-connection' }, 'LARK_TRANSPORT'],
      [{ LARK_TRANSPORT: 'webhook' }, 'LARK_TRANSPORT'],
      [{ LARK_DOMAIN: 'feishu' }, 'LARK_DOMAIN'],
      [{ LARK_APP_ID: 'cli_0123456789abcdef' }, 'LARK_APP_ID'],
      [{ LARK_SOMETHING_NEW: 'x' }, 'LARK_SOMETHING_NEW'],
      [{ HOST: '0.0.0.0' }, 'HOST=0.0.0.0'],
      [{ HOST: '::' }, 'HOST=::'],
      [{ HOST: '192.168.1.20' }, 'HOST=192.168.1.20'],
      [{ HOST: 'bot.example.gov.cn' }, 'HOST=bot.example.gov.cn'],
      [{ DATABASE_URL: 'postgresql://sanban:pw@db:5432/sanban' }, 'DATABASE_URL'],
      [{ DATABASE_URL: 'postgres://db/sanban' }, 'DATABASE_URL'],
    ];
    for (const [env, name] of cases) {
      const problems = localModeProblems(env);
      expect(problems, name).toHaveLength(1);
      expect(problems[0]).toContain(name);
      expect(() => localModeSettings(env)).toThrow(ConfigError);
      expect(() => localModeSettings(env)).toThrow(name);
    }
  });

  it('lists every problem at once, in Chinese, without repeating a secret or a database password', () => {
    const env = { LARK_ENCRYPT_KEY: 'secret-key', LARK_VERIFICATION_TOKEN: 'secret-token', HOST: '0.0.0.0', DATABASE_URL: 'postgresql://u:secret-pw@db/x' };
    let error: ConfigError | undefined;
    try {
      localModeSettings(env);
    } catch (err) {
      error = err as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.problems).toHaveLength(4);
    expect(error!.message).toContain('未配置飞书应用凭据（LARK_APP_ID、LARK_APP_SECRET）');
    expect(error!.message).toContain('已停止启动');
    for (const name of ['LARK_ENCRYPT_KEY', 'LARK_VERIFICATION_TOKEN', 'HOST', 'DATABASE_URL']) expect(error!.message).toContain(name);
    expect(error!.message).not.toMatch(/secret/);
  });

  it('.env.example copied to .env as it is starts local mode', () => {
    const env = parseEnv(readFileSync(new URL('../../.env.example', import.meta.url), 'utf8'));
    expect(localModeProblems(env)).toEqual([]);
    expect(loadConfig(env).lark.hasCredentials).toBe(false);
  });

  it('knows loopback addresses', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '::1', '[::1]', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1'])
      expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ['0.0.0.0', '::', '10.0.0.1', '128.0.0.1', 'localhost.evil.example', '127.0.0.1.nip.io', '']) expect(isLoopbackHost(h), h).toBe(false);
  });

  it('checks a parsed Config the same way (for callers that start local mode directly)', () => {
    expect(configProblems(loadConfig({}))).toEqual([]);
    expect(configProblems(loadConfig({ LARK_ENCRYPT_KEY: 'k' }))).toHaveLength(1);
    expect(configProblems(loadConfig({ LARK_DOMAIN: 'lark' }))).toHaveLength(1);
    expect(configProblems(loadConfig({ DATABASE_URL: 'postgresql://db/x' }))).toHaveLength(1);
    expect(configProblems(loadConfig({ LARK_APP_ID: 'cli_0123456789abcdef', LARK_APP_SECRET: 's' }))).toHaveLength(1);
  });
});
