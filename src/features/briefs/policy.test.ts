import { describe, expect, it } from 'vitest';
import { can, type Actor } from '../org/index.js';
import { parseMonth } from './board/index.js';
import './policy.js';

const actor = (grants: Actor['grants'], unitId: string | null = 'u1', id = 'p1'): Actor => ({
  openId: `ou_${id}`,
  person: { id, name: '某人', unitId },
  grants,
  bootstrapAdmin: false,
});

describe('briefs policies', () => {
  it('报送: an info liaison with a unit, or an editor; not a supervision liaison, not someone without a unit', () => {
    expect(can(actor([{ role: 'liaison', scope: 'info' }]), 'briefs.report').ok).toBe(true);
    expect(can(actor([{ role: 'editor', scope: '' }]), 'briefs.report').ok).toBe(true);
    expect(can(actor([{ role: 'liaison', scope: 'supervision' }]), 'briefs.report')).toMatchObject({ ok: false, need: expect.stringContaining('信息联络员') });
    expect(can(actor([{ role: 'liaison', scope: 'info' }], null), 'briefs.report')).toMatchObject({ ok: false, need: expect.stringContaining('所在单位') });
    expect(can({ openId: 'ou_x', grants: [], bootstrapAdmin: false }, 'briefs.report')).toMatchObject({ ok: false, need: expect.stringContaining('名册') });
  });

  it('修改/撤回: the reporter only; the board: editors, directors, leaders, admins', () => {
    expect(can(actor([], 'u1', 'p1'), 'briefs.amend', { reporterId: 'p1', unitId: 'u1' }).ok).toBe(true);
    expect(can(actor([{ role: 'liaison', scope: 'info' }], 'u1', 'p2'), 'briefs.amend', { reporterId: 'p1', unitId: 'u1' }).ok).toBe(false);
    for (const role of ['editor', 'director', 'leader', 'admin'] as const) expect(can(actor([{ role, scope: '' }]), 'briefs.board').ok).toBe(true);
    expect(can(actor([{ role: 'liaison', scope: 'info' }]), 'briefs.board').ok).toBe(false);
    expect(can(actor([{ role: 'director', scope: '' }]), 'briefs.edit').ok).toBe(false);
  });

  it('a note is seen by its reporter, its unit’s info liaisons, editors and directors', () => {
    const s = { reporterId: 'p1', unitId: 'u1' };
    expect(can(actor([{ role: 'liaison', scope: 'info' }], 'u1', 'p2'), 'briefs.view_note', s).ok).toBe(true);
    expect(can(actor([{ role: 'liaison', scope: 'info' }], 'u2', 'p3'), 'briefs.view_note', s).ok).toBe(false);
    expect(can(actor([{ role: 'editor', scope: '' }], 'u9', 'p4'), 'briefs.view_note', s).ok).toBe(true);
  });
});

describe('parseMonth', () => {
  it('reads this month, 上月, 11月, 2026-11 and 2026年11月; refuses the rest in words', () => {
    expect(parseMonth(undefined, '2026-12-01')).toBe('2026-12');
    expect(parseMonth('上月', '2026-01-05')).toBe('2025-12');
    expect(parseMonth('11月', '2026-12-01')).toBe('2026-11');
    expect(parseMonth('2026-3', '2026-12-01')).toBe('2026-03');
    expect(parseMonth('2025年11月', '2026-12-01')).toBe('2025-11');
    expect(() => parseMonth('13月', '2026-12-01')).toThrow('无法识别月份「13月」');
    expect(() => parseMonth('下周', '2026-12-01')).toThrow('无法识别月份');
  });
});
