import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { validateRow } from '../../src/features/org/import/rows.js';

/** The roster import's verdict on an open_id: undefined when accepted, else the row's reason. */
const importReason = (openId: string) => {
  const r = validateRow({ rowNumber: 2, values: { name: '张三', openId } });
  return r.ok ? undefined : r.error.reason;
};
/** ADMIN_OPEN_IDS's verdict: undefined when accepted, else the configuration error's text. */
const configReason = (openId: string) => {
  try {
    loadConfig({ ADMIN_OPEN_IDS: openId });
    return undefined;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return err.message;
  }
};

// [open_id, accepted?, what the import says is wrong]
const cases: [string, boolean, RegExp?][] = [
  ['ou_7d8a6e6df7621556ce0d21922b676706', true],
  ['ou_demo_head', true],
  ['ou_liaison_a', true],
  ['ou_a-b', true],
  ['ou_x', true],
  ['u_123', false, /应以 ou_ 开头/],
  ['OU_abc', false, /应以 ou_ 开头/],
  ['on_7d8a6e6df7621556', false, /应以 ou_ 开头/],
  ['ou_', false, /ou_ 之后缺少内容/],
  ['ou_张三', false, /只能包含英文字母、数字、下划线或连字符/],
  ['ou_abc.def', false, /只能包含英文字母、数字、下划线或连字符/],
  [`ou_${'a'.repeat(101)}`, false, /不应超过 100 个字符/],
];

describe('one open_id rule for the roster import and ADMIN_OPEN_IDS', () => {
  it.each(cases)('%s → accepted: %s', (openId, accepted, message) => {
    const fromImport = importReason(openId);
    const fromConfig = configReason(openId);
    if (accepted) {
      expect(fromImport).toBeUndefined();
      expect(fromConfig).toBeUndefined();
    } else {
      expect(fromImport).toMatch(/^飞书ID「.*」格式不正确：/);
      expect(fromImport).toMatch(message!);
      expect(fromConfig).toMatch(/ADMIN_OPEN_IDS: ".*" is not an open_id: it /);
    }
  });

  it('never tells someone whose id starts with ou_ that it should start with ou_', () => {
    for (const [openId] of cases.filter(([id]) => id.startsWith('ou_'))) expect(importReason(openId) ?? '').not.toContain('应以 ou_ 开头');
  });
});
