import { describe, expect, it } from 'vitest';
import { can, type Actor } from '../org/index.js';
import { isKeeperOrLeader, keptLeaders, mayKeep } from './policy.js';

const actor = (grants: Actor['grants'], personId = 'p-me'): Actor => ({
  openId: 'ou',
  person: { id: personId, name: '某人', unitId: 'u' },
  grants,
  bootstrapAdmin: false,
});

describe('who keeps a leader’s entries', () => {
  it('a leader’s secretary keeps that leader only; an unscoped 秘书 (秘书科) keeps all; admins and leaders do not', () => {
    const sec = actor([{ role: 'secretary', scope: 'person:L1' }]);
    expect(mayKeep(sec, 'L1')).toBe(true);
    expect(mayKeep(sec, 'L2')).toBe(false);
    expect(keptLeaders(sec)).toEqual(['L1']);
    const office = actor([{ role: 'secretary', scope: '' }]);
    expect(mayKeep(office, 'L2')).toBe(true);
    expect(keptLeaders(office)).toBe('all');
    expect(mayKeep(actor([{ role: 'admin', scope: '' }]), 'L1')).toBe(false);
    const leader = actor([{ role: 'leader', scope: '' }], 'L1');
    expect(mayKeep(leader, 'L1')).toBe(false);
    expect(isKeeperOrLeader(leader, 'L1')).toBe(true);
    expect(can(leader, 'schedule.confirm', { leaderId: 'L1' }).ok).toBe(true);
    expect(can(leader, 'schedule.confirm', { leaderId: 'L2' }).ok).toBe(false);
  });

  it('someone outside the directory keeps nothing, whatever grants a value might claim', () => {
    const outsider: Actor = { openId: 'ou_x', grants: [{ role: 'secretary', scope: '' }], bootstrapAdmin: false };
    expect(mayKeep(outsider, 'L1')).toBe(false);
    expect(can(outsider, 'schedule.keep', { leaderId: 'L1' }).ok).toBe(false);
  });
});
