import { describe, expect, it } from 'vitest';
import { can, type Actor } from '../org/index.js';
import './policy.js';

const actor = (id: string, grants: Actor['grants'] = [], unitId: string | null = null): Actor => ({
  openId: `ou_${id}`,
  person: { id, name: id, unitId },
  grants,
  bootstrapAdmin: false,
});
const subject = { submitterId: 'p_sub', unitId: 'u_zj', leaderId: 'p_wu', presenterId: 'p_head' };

describe('topics policies', () => {
  it('step 1 is the topic’s 分管领导 only, and only while in charge of the submitting unit', () => {
    expect(can(actor('p_wu', [{ role: 'leader', scope: 'unit:u_zj' }]), 'topics.leader_review', subject).ok).toBe(true);
    // Named on the topic but no longer in charge of the unit.
    expect(can(actor('p_wu', [{ role: 'leader', scope: 'unit:u_cz' }]), 'topics.leader_review', subject).ok).toBe(false);
    // In charge of the unit, but not the topic's 分管领导; an admin neither.
    expect(can(actor('p_zheng', [{ role: 'leader', scope: 'unit:u_zj' }]), 'topics.leader_review', subject).ok).toBe(false);
    expect(can(actor('p_admin', [{ role: 'admin', scope: '' }]), 'topics.leader_review', subject).ok).toBe(false);
  });

  it('step 2 is a legal reviewer only; consent the presiding leader only', () => {
    expect(can(actor('p_qin', [{ role: 'legal_reviewer', scope: '' }]), 'topics.legal_review').ok).toBe(true);
    expect(can(actor('p_admin', [{ role: 'admin', scope: '' }]), 'topics.legal_review').ok).toBe(false);
    expect(can(actor('p_xu'), 'topics.consent', { presidingId: 'p_xu' }).ok).toBe(true);
    expect(can(actor('p_xu'), 'topics.consent', { presidingId: '' }).ok).toBe(false);
    expect(can(actor('p_wu'), 'topics.consent', { presidingId: 'p_xu' }).ok).toBe(false);
  });

  it('resubmission is the submitter’s or the unit’s 科长’s; the office is admins, directors and secretaries', () => {
    expect(can(actor('p_sub'), 'topics.resubmit', subject).ok).toBe(true);
    expect(can(actor('p_chief', [{ role: 'section_chief', scope: '' }], 'u_zj'), 'topics.resubmit', subject).ok).toBe(true);
    expect(can(actor('p_chief', [{ role: 'section_chief', scope: '' }], 'u_cz'), 'topics.resubmit', subject).ok).toBe(false);
    expect(can(actor('p_sec', [{ role: 'secretary', scope: 'person:x' }]), 'topics.office').ok).toBe(true);
    expect(can(actor('p_x', [{ role: 'liaison', scope: 'info' }]), 'topics.office').ok).toBe(false);
  });
});
