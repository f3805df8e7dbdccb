import { describe, expect, it } from 'vitest';
import { revokeValue } from './schemas.js';

describe('org card schemas: the 撤销 button', () => {
  const good = { personId: 'p1', role: 'supervisor', requestedBy: 'ou_admin', shown: 'p1,p2' };

  it('accepts what the member card sends, with or without the record keys', () => {
    expect(revokeValue.parse(good)).toEqual(good);
    expect(revokeValue.parse({ personId: 'p1', role: 'liaison' })).toEqual({ personId: 'p1', role: 'liaison' });
  });

  it.each<[string, unknown]>([
    ['missing personId', { role: 'supervisor' }],
    ['missing role', { personId: 'p1' }],
    ['unknown role', { ...good, role: 'superuser' }],
    ['role array', { ...good, role: ['supervisor'] }],
    ['personId number', { ...good, personId: 1 }],
    ['personId array', { ...good, personId: ['p1'] }],
    ['overlong personId', { ...good, personId: 'p'.repeat(65) }],
    ['overlong shown', { ...good, shown: 'p,'.repeat(1001) }],
    ['role on the prototype only', JSON.parse('{"personId":"p1","__proto__":{"role":"admin"}}')],
    ['not an object', 'revoke'],
  ])('refuses %s', (_label, value) => {
    expect(revokeValue.safeParse(value).success).toBe(false);
  });
});
