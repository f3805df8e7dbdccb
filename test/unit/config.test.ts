import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('loadConfig', () => {
  it('has working defaults with an empty environment', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      lark: { domain: 'feishu', transport: 'webhook', hasCredentials: false },
      http: { port: 3000 },
      databaseUrl: 'file:./data/sanban.db',
      logLevel: 'info',
    });
  });

  it('sends 今日汇要 half an hour before office hours, every feature merged, unless told otherwise', () => {
    expect(loadConfig({}).digest).toEqual({ minute: 8 * 60, separate: [] });
    expect(loadConfig({ WORKING_HOURS: '09:00-12:00,14:00-18:00' }).digest.minute).toBe(8 * 60 + 30);
    expect(loadConfig({ DIGEST_AT: '07:45', DIGEST_SEPARATE: 'supervision，reviews' }).digest).toEqual({
      minute: 7 * 60 + 45,
      separate: ['supervision', 'reviews'],
    });
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ LARK_APP_ID: '', PORT: '' }).lark.hasCredentials).toBe(false);
  });

  it('names the variable in every error', () => {
    const cases: [Record<string, string>, string][] = [
      [{ PORT: 'abc' }, 'PORT'],
      [{ LARK_DOMAIN: 'feishu.cn/' }, 'LARK_DOMAIN'],
      [{ LARK_TRANSPORT: 'socket' }, 'LARK_TRANSPORT'],
      [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
      [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
      [{ LARK_APP_ID: 'cli_x' }, 'LARK_APP_SECRET'],
      [{ WORKING_HOURS: '08:30-25:00' }, 'WORKING_HOURS'],
      [{ ADMIN_OPEN_IDS: 'zhangsan' }, 'ADMIN_OPEN_IDS'],
      [{ BRIEFS_SCORE_CITY_DAILY: '三' }, 'BRIEFS_SCORE_CITY_DAILY'],
      [{ BRIEFS_SCORE_MISSED: '-2' }, 'BRIEFS_SCORE_MISSED'],
      [{ DIGEST_AT: '09:00' }, 'DIGEST_AT'],
      [{ DIGEST_AT: '8点' }, 'DIGEST_AT'],
      [{ DIGEST_SEPARATE: 'supervision,weather' }, 'DIGEST_SEPARATE'],
      [{ BRIEFS_SCORE_LATE: '0.5' }, 'BRIEFS_SCORE_LATE'],
      [{ BRIEFS_BULLETIN_AT: '25:00' }, 'BRIEFS_BULLETIN_AT'],
    ];
    for (const [env, name] of cases) {
      expect(() => loadConfig(env)).toThrow(ConfigError);
      expect(() => loadConfig(env)).toThrow(name);
    }
  });

  it("reads the leaders' rank order, and leaves it empty (the default order) when unset", () => {
    expect(loadConfig({ LEADER_RANKS: '县长、常务副县长，副县长, 县长助理' }).leaderRanks).toEqual(['县长', '常务副县长', '副县长', '县长助理']);
    expect(loadConfig({}).leaderRanks).toEqual([]);
  });

  it('reads the 政务信息 scoring scheme and the 通报 time, with defaults', () => {
    expect(loadConfig({}).briefs).toMatchObject({
      scores: { points: { own: 1, city_daily: 3, province_daily: 5, special: 5, instruction: 10 }, missed: 2, late: 1 },
      bulletinMinute: 540,
    });
    const c = loadConfig({ BRIEFS_SCORE_INSTRUCTION: '20', BRIEFS_SCORE_LATE: '0', BRIEFS_BULLETIN_AT: '08:30' });
    expect(c.briefs.scores.points.instruction).toBe(20);
    expect(c.briefs.scores.late).toBe(0);
    expect(c.briefs.bulletinMinute).toBe(510);
  });

  it('parses working hours and bootstrap admins', () => {
    const c = loadConfig({ WORKING_HOURS: '09:00-12:00，14:00-18:00', ADMIN_OPEN_IDS: 'ou_a, ou_b' });
    expect(c.workingHours.periods).toEqual([
      { start: 540, end: 720 },
      { start: 840, end: 1080 },
    ]);
    expect(c.adminOpenIds).toEqual(['ou_a', 'ou_b']);
  });

  it('accepts lark, a base URL and PostgreSQL URLs', () => {
    expect(loadConfig({ LARK_DOMAIN: 'lark' }).lark.domain).toBe('lark');
    expect(loadConfig({ LARK_DOMAIN: 'http://127.0.0.1:9999' }).lark.domain).toBe('http://127.0.0.1:9999');
    expect(loadConfig({ DATABASE_URL: 'postgresql://u@h:5432/d' }).databaseUrl).toBe('postgresql://u@h:5432/d');
  });

  it('reads the 简报 报尾 (报/送/发) from BRIEFS_ISSUE_*, the defaults when unset', () => {
    const c = loadConfig({ BRIEFS_ISSUE_REPORT_TO: '市委办公室，市政府办公室，市委政研室', BRIEFS_ISSUE_SEND_TO: '无', BRIEFS_ISSUE_ISSUE_TO: ' 各乡镇 ' });
    expect(c.briefs.distribution).toEqual({ 报: '市委办公室，市政府办公室，市委政研室', 送: '无', 发: '各乡镇' });
    expect(loadConfig({}).briefs.distribution).toEqual({
      报: '市委办公室，市政府办公室',
      送: '县委、县人大、县政府、县政协领导',
      发: '各镇人民政府，县直各部门',
    });
    expect(() => loadConfig({ BRIEFS_ISSUE_REPORT_TO: 'x'.repeat(201) })).toThrow(/BRIEFS_ISSUE_REPORT_TO/);
  });
});
