import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { authorize, type Actor } from '../../org/index.js';
import { alternatives } from '../../org/policy.js';
import '../policy.js';
import { pct, presentReport, type ReportData } from './reports.js';
import { sentence } from './text.js';
import { DONE_LABELS, doneToast } from './toasts.js';

/** Wording as an office writes it: one full stop, a rate without ".0", toasts that say what was done. */
describe('wording', () => {
  it.each([
    ['材料不全', '材料不全。'],
    ['材料不全。', '材料不全。'],
    ['材料不全。  ', '材料不全。'],
    ['是否已验收？', '是否已验收？'],
    ['请尽快补充！', '请尽快补充！'],
  ])('sentence(%j) = %j', (text, expected) => {
    expect(sentence(text)).toBe(expected);
  });

  it.each([
    [1, 1, '100%'],
    [3, 4, '75%'],
    [1, 2, '50%'],
    [2, 3, '66.7%'],
    [1, 8, '12.5%'],
    [0, 5, '0%'],
    [0, 0, '暂无事项'],
  ])('pct(%d, %d) = %s', (a, b, expected) => {
    expect(pct(a, b)).toBe(expected);
  });

  const report = (over: Partial<ReportData>): string =>
    JSON.stringify(
      presentReport({
        title: '督查通报',
        asOf: '2026-12-09',
        total: 4,
        open: 2,
        closed: 2,
        closedOnTime: 2,
        overdue: 0,
        byUnit: [],
        overdueItems: [],
        ...over,
      }),
    );

  it.each([
    ['all closed on time', {}, ['办结率：50%', '按期办结率：100%'], ['100.0%', '50.0%']],
    [
      'a unit with nothing closed yet',
      { byUnit: [{ unitName: '县水利局', total: 2, closed: 0, closedOnTime: 0, overdue: 1 }] },
      ['县水利局：2 项，办结 0（0%），按期办结率：暂无办结事项'],
      ['按期 —', '—'],
    ],
    ['nothing closed at all', { closed: 0, closedOnTime: 0, open: 4 }, ['按期办结率：暂无办结事项'], ['—']],
  ])('通报: %s', (_, over, has, hasNot) => {
    const text = report(over);
    for (const h of has) expect(text).toContain(h);
    for (const h of hasNot) expect(text).not.toContain(h);
  });

  it.each([
    [['督查员'], '督查员'],
    [['督查员', '管理员'], '督查员或管理员'],
    [['督查员', '管理员', '县（区）领导'], '督查员、管理员或县（区）领导'],
  ])('alternatives(%j) = %s', (names, expected) => {
    expect(alternatives(names)).toBe(expected);
  });

  it('a refusal names the roles in words, without 「」 around each', () => {
    const stranger: Actor = { openId: 'ou_x', grants: [], bootstrapAdmin: false };
    expect(() => authorize(stranger, 'org.import')).toThrowError(
      expect.objectContaining({ userMessage: '您没有权限导入人员名册：需要管理员角色。如需开通，请联系管理员。' }),
    );
  });

  it.each([
    ['不同意延期', '已不同意延期申请'],
    ['同意延期', '已同意延期申请'],
    ['销号', '已销号'],
    ['退回', '已退回办结申请'],
    ['签收', '已签收'],
  ])('toast for %s: %s', (label, expected) => {
    expect(doneToast(label)).toBe(expected);
  });

  it('every click that changes an item has its own toast, none of them "…成功"', () => {
    // The labels actions.ts passes to act(): a new action without wording here fails this test.
    const source = readFileSync(new URL('../actions.ts', import.meta.url), 'utf8');
    const labels = [...source.matchAll(/act\(deps, '([^']+)'/g)].map((m) => m[1]!);
    expect(labels.length).toBeGreaterThanOrEqual(8);
    for (const label of labels) {
      expect(DONE_LABELS).toContain(label);
      expect(doneToast(label)).not.toMatch(/成功$/);
    }
  });
});
