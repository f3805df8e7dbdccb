import { describe, expect, it } from 'vitest';
import { countByStatus, monthLines } from './board.js';

describe('monthLines', () => {
  const units = [
    { id: 'a', name: '城关镇' },
    { id: 'b', name: '县教育局' },
  ];
  it('counts closed days by status, a closed day without a row as 漏报, the open day only once it has a row', () => {
    const days = [
      { unitId: 'a', date: '2026-12-01', status: 'reported', late: false },
      { unitId: 'a', date: '2026-12-02', status: 'zero', late: true },
      { unitId: 'a', date: '2026-12-03', status: 'reported', late: false },
      { unitId: 'b', date: '2026-12-01', status: 'missed', late: false },
      { unitId: 'b', date: '2026-12-02', status: 'unreported', late: false },
    ];
    const notes = [
      { unitId: 'a', date: '2026-12-01', state: 'reported' },
      { unitId: 'a', date: '2026-12-01', state: 'withdrawn' },
      { unitId: 'a', date: '2026-12-03', state: 'used' },
    ];
    const [a, b] = monthLines(units, ['2026-12-01', '2026-12-02'], '2026-12-03', days, notes);
    expect(a).toEqual({ unitId: 'a', unit: '城关镇', due: 3, reported: 2, zero: 1, missed: 0, late: 1, notes: 2 });
    // 12-02's row stayed 未报送 (the close did not run): a closed day, so 漏报.
    expect(b).toEqual({ unitId: 'b', unit: '县教育局', due: 2, reported: 0, zero: 0, missed: 2, late: 0, notes: 0 });
  });

  it('counts lines by status', () => {
    const line = (status: 'reported' | 'zero' | 'unreported' | 'missed') => ({ unitId: status, unit: status, status, notes: 0, late: false, nudged: false });
    expect(countByStatus([line('reported'), line('reported'), line('missed')])).toEqual({ reported: 2, zero: 0, unreported: 0, missed: 1 });
  });
});
