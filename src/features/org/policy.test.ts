import { describe, expect, it } from 'vitest';
import { BotError } from '../../errors.js';
import { hasRole, scopesOf, type Actor } from './actor.js';
import { authorize, can, definedActions, definePolicy, requireRole } from './policy.js';
import { parseRole, roleName } from './roles.js';

// How another feature extends the registry: declare the action's subject, then define its rule.
declare module './policy.js' {
  interface PolicyActions {
    'test.close': { unitId: string };
  }
}
definePolicy(
  'test.close',
  (actor, item) => {
    if (hasRole(actor, 'supervisor')) return { ok: true };
    // A leader may close items of the units in their charge.
    if (scopesOf(actor, 'leader').includes(`unit:${item.unitId}`)) return { ok: true };
    return { ok: false, need: '督查员或分管领导', needRoles: ['supervisor', 'leader'] };
  },
  '销号',
);

const actor = (grants: Actor['grants'] = [], bootstrapAdmin = false): Actor => ({ openId: 'ou_x', grants, bootstrapAdmin });

describe('policy', () => {
  it('answers may/may not with the role needed, in Chinese', () => {
    expect(can(actor([{ role: 'admin', scope: '' }]), 'org.import')).toEqual({ ok: true });
    expect(can(actor(), 'org.import')).toEqual({ ok: false, need: '管理员', needRoles: ['admin'] });
    expect(can(actor([{ role: 'supervisor', scope: '' }]), 'org.grant', { role: 'supervisor' }).ok).toBe(false);
  });

  it('treats bootstrap admins (ADMIN_OPEN_IDS) as admins', () => {
    expect(can(actor([], true), 'org.bind')).toEqual({ ok: true });
  });

  it('throws a forbidden BotError naming the role', () => {
    expect(() => authorize(actor(), 'org.revoke', { role: 'leader' })).toThrowError(
      expect.objectContaining({ code: 'forbidden', userMessage: '您没有权限撤销角色：需要管理员角色。如需开通，请联系管理员。' }),
    );
    let thrown: unknown;
    try {
      authorize(actor(), 'test.close', { unitId: 'u1' });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(BotError);
    expect((thrown as BotError).userMessage).toBe('您没有权限销号：需要督查员或县（区）领导角色。如需开通，请联系管理员。');
  });

  it('lets a feature decide by the subject (scoped roles)', () => {
    const deputy = actor([{ role: 'leader', scope: 'unit:u1' }]);
    expect(can(deputy, 'test.close', { unitId: 'u1' }).ok).toBe(true);
    expect(can(deputy, 'test.close', { unitId: 'u2' }).ok).toBe(false);
    expect(can(actor([{ role: 'supervisor', scope: '' }]), 'test.close', { unitId: 'u2' }).ok).toBe(true);
  });

  it('fails closed: an action without a rule throws, a rule cannot be defined twice', () => {
    expect(() => can(actor(), 'nope.action' as 'org.import')).toThrow(/no policy defined/);
    expect(() => definePolicy('org.import', requireRole('editor'))).toThrow(/defined twice/);
    expect(definedActions()).toEqual(expect.arrayContaining(['org.import', 'org.grant', 'org.revoke', 'org.bind', 'test.close']));
  });

  it('reads role names in Chinese and English', () => {
    expect(['督查员', 'supervisor', 'Supervisor', ' 督查 '].map(parseRole)).toEqual(['supervisor', 'supervisor', 'supervisor', 'supervisor']);
    expect(['副县长', '县（区）领导', '县(区)领导', 'leader'].map(parseRole)).toEqual(['leader', 'leader', 'leader', 'leader']);
    expect(['办公室主任/副主任', '副主任', 'section-chief', '法制审查员', '信息联络员'].map(parseRole)).toEqual([
      'director',
      'director',
      'section_chief',
      'legal_reviewer',
      'liaison',
    ]);
    expect(parseRole('宣传员')).toBeUndefined();
    expect(roleName('editor')).toBe('信息编辑');
  });
});
