import { describe, expect, it } from 'vitest';
import { lineDiff } from './diff.js';

describe('lineDiff', () => {
  it('shows the changed lines only', () => {
    const before = '第一条 总则\n第二条 适用范围为全县\n第三条 施行日期';
    const after = '第一条 总则\n第二条 适用范围为全县行政机关\n第三条 施行日期\n第四条 解释权';
    expect(lineDiff(before, after)).toEqual({ lines: ['- 第二条 适用范围为全县', '+ 第二条 适用范围为全县行政机关', '+ 第四条 解释权'], truncated: false });
  });

  it('is empty for the same text and caps long diffs', () => {
    expect(lineDiff('a\nb', 'a\r\nb\n')).toEqual({ lines: [], truncated: false });
    const many = Array.from({ length: 50 }, (_, i) => `行${i}`).join('\n');
    const d = lineDiff('', many, 10);
    expect(d.lines).toHaveLength(10);
    expect(d.truncated).toBe(true);
  });
});
