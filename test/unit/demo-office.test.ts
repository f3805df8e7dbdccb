import { describe, expect, it } from 'vitest';
import { demoPeople, demoUnits } from '../../src/local/demo-office.js';

// A real Chinese name: two to four Han characters, nothing left over from a template.
const REAL_NAME = /^[\u4e00-\u9fff]{2,4}$/;

describe('demo office data', () => {
  it.each(demoPeople().map((p) => [p.key, p.name] as const))('%s has a real Chinese name (%s)', (_key, name) => {
    expect(name).toMatch(REAL_NAME);
    expect(name).not.toMatch(/undefined|null/);
  });

  it('every town and department has a named liaison', () => {
    const people = demoPeople();
    const receiving = demoUnits().filter((u) => u.kind === 'town' || u.kind === 'department');
    expect(receiving.length).toBeGreaterThan(10);
    for (const unit of receiving) {
      const liaisons = people.filter((p) => p.unit === unit.name && p.roles.some(([role]) => role === 'liaison'));
      expect(liaisons, unit.name).not.toHaveLength(0);
      for (const l of liaisons) expect(l.name, unit.name).toMatch(REAL_NAME);
    }
  });

  it('gives each person a distinct name and open id key', () => {
    const people = demoPeople();
    expect(new Set(people.map((p) => p.name)).size).toBe(people.length);
    expect(new Set(people.map((p) => p.key)).size).toBe(people.length);
  });
});
