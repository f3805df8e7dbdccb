import { describe, expect, it } from 'vitest';
import { resolveChain, type ChainPerson } from './chain.js';
import { DEFAULT_TEMPLATES } from './templates.js';

const p = (id: string, name: string, unitId: string | null, title: string, grants: [string, string?][]): ChainPerson => ({
  id,
  name,
  openId: `ou_${id}`,
  unitId,
  title,
  active: true,
  grants: grants.map(([role, scope]) => ({ role, scope: scope ?? '' })),
});

const people = [
  p('drafter', '李文', 'u_zh', '科员', []),
  p('chief', '周科长', 'u_zh', '科长', [['section_chief']]),
  p('vice', '卫副主任', 'u_office', '副主任', [['director', 'unit:u_zh']]),
  p('vice2', '褚副主任', 'u_office', '副主任', [['director', 'unit:u_ms']]),
  p('director', '陈主任', 'u_office', '办公室主任', [['director'], ['admin']]),
  p('legal', '秦审查', 'u_sf', '法制股股长', [['legal_reviewer']]),
  p('leader', '郑副县长', null, '副县长', [['leader', 'unit:u_zh']]),
];
const dir = (list: ChainPerson[] = people) => ({ people: list, unitName: (id: string) => ({ u_zh: '综合科', u_ms: '秘书科' })[id] ?? id });

describe('resolveChain', () => {
  it('resolves 规范性文件 to the drafter’s 科长, the deputy in charge, the legal reviewer and the director', () => {
    const r = resolveChain(DEFAULT_TEMPLATES.normative, dir(), 'drafter', 'u_zh');
    expect(r.ok && r.steps.map((s) => [s.label, s.personName, s.skipped])).toEqual([
      ['科长', '周科长', false],
      ['分管副主任', '卫副主任', false],
      ['法制审查', '秦审查', false],
      ['主任', '陈主任', false],
    ]);
    const speech = resolveChain(DEFAULT_TEMPLATES.speech, dir(), 'drafter', 'u_zh');
    expect(speech.ok && speech.steps.at(-1)?.personName).toBe('郑副县长');
  });

  it('skips the level the drafter holds', () => {
    const r = resolveChain(DEFAULT_TEMPLATES.general, dir(), 'chief', 'u_zh');
    expect(r.ok && r.steps.map((s) => s.skipped)).toEqual([true, false, false]);
  });

  it('prefers the 科长 over a 副科长', () => {
    const r = resolveChain(DEFAULT_TEMPLATES.general, dir([...people, p('deputy', '吴副科长', 'u_zh', '副科长', [['section_chief']])]), 'drafter', 'u_zh');
    expect(r.ok && r.steps[0]?.personName).toBe('周科长');
  });

  it('refuses a level nobody can take, naming it and why', () => {
    expect(resolveChain(DEFAULT_TEMPLATES.general, dir(), 'drafter', 'u_ms')).toEqual({
      ok: false,
      error: '第 1 级「科长」无人可审：秘书科没有登记科长（名册中「科长」角色、所在单位为秘书科）。请管理员在名册中登记，或在审核流程中为这一级指定人员。',
    });
    const noLegal = resolveChain(DEFAULT_TEMPLATES.normative, dir(people.filter((x) => x.id !== 'legal')), 'drafter', 'u_zh');
    expect(noLegal.ok === false && noLegal.error).toContain('第 3 级「法制审查」无人可审：没有登记法制审查员');
  });

  it('refuses a level two people could take', () => {
    const two = [...people, p('legal2', '孔审查', 'u_sf', '科员', [['legal_reviewer']])];
    const r = resolveChain(DEFAULT_TEMPLATES.normative, dir(two), 'drafter', 'u_zh');
    expect(r).toEqual({ ok: false, error: '第 3 级「法制审查」有 2 人可审（秦审查、孔审查），无法确定由谁审核。请管理员在审核流程中为这一级指定人员。' });
    const named = resolveChain(
      [...DEFAULT_TEMPLATES.general.slice(0, 2), { role: 'legal', label: '法制审查', personId: 'legal2' }],
      dir(two),
      'drafter',
      'u_zh',
    );
    expect(named.ok && named.steps[2]?.personName).toBe('孔审查');
  });

  it('refuses a person without a Feishu account and a named person who left', () => {
    const noAccount = people.map((x) => (x.id === 'vice' ? { ...x, openId: null } : x));
    const r = resolveChain(DEFAULT_TEMPLATES.general, dir(noAccount), 'drafter', 'u_zh');
    expect(r.ok === false && r.error).toBe('第 2 级「分管副主任」的审核人卫副主任尚未关联飞书账号，无法送达。请管理员补充其飞书账号。');
    const gone = resolveChain([{ role: 'person', label: '某人', personId: 'nobody' }], dir(), 'drafter', 'u_zh');
    expect(gone.ok).toBe(false);
  });
});
