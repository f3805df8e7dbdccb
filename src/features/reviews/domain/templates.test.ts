import { describe, expect, it } from 'vitest';
import { parseKind, parseUrgency } from './kinds.js';
import { DEFAULT_TEMPLATES, decodeTemplate, encodeTemplate, formatTemplate, parseTemplate, validateTemplate } from './templates.js';

const people = [
  { id: 'p_qin', name: '秦审查' },
  { id: 'p_zhang1', name: '张伟' },
  { id: 'p_zhang2', name: '张伟' },
];

describe('kinds and urgency', () => {
  it('reads the names people type', () => {
    expect(parseKind('规范性文件')).toBe('normative');
    expect(parseKind('讲话稿')).toBe('speech');
    expect(parseKind('纪要')).toBe('minutes');
    expect(parseKind('公告')).toBeUndefined();
    expect(parseUrgency('特急')).toBe('extra_urgent');
    expect(parseUrgency('加急')).toBe('urgent');
    expect(parseUrgency('平件')).toBe('normal');
  });
});

describe('default chains', () => {
  it('普通文稿 科长 → 分管副主任 → 主任; 讲话稿 adds 领导审定; 规范性文件 puts 法制审查 before 主任', () => {
    expect(formatTemplate(DEFAULT_TEMPLATES.general)).toBe('科长 → 分管副主任 → 主任');
    expect(formatTemplate(DEFAULT_TEMPLATES.speech)).toBe('科长 → 分管副主任 → 主任 → 领导审定');
    expect(formatTemplate(DEFAULT_TEMPLATES.normative)).toBe('科长 → 分管副主任 → 法制审查 → 主任');
    for (const [kind, steps] of Object.entries(DEFAULT_TEMPLATES)) expect(validateTemplate(steps, kind as 'general')).toBeUndefined();
  });
});

describe('parseTemplate', () => {
  it('reads arrows, ASCII arrows and commas alike', () => {
    for (const text of ['科长 → 分管副主任 → 法制审查 → 主任', '科长->副主任->法审->主任', '科长，分管副主任、法制审查员 > 办公室主任']) {
      const r = parseTemplate(text, 'normative');
      expect(r.ok && r.steps.map((s) => s.role)).toEqual(['section_chief', 'deputy_director', 'legal', 'director']);
    }
  });

  it('names a person for a level, or a level of its own', () => {
    const r = parseTemplate('科长 → 法制审查（秦审查） → 主任', 'general', people);
    expect(r).toEqual({
      ok: true,
      steps: [
        { role: 'section_chief', label: '科长' },
        { role: 'legal', label: '法制审查', personId: 'p_qin' },
        { role: 'director', label: '主任' },
      ],
    });
    const bare = parseTemplate('科长 → 秦审查', 'general', people);
    expect(bare.ok && bare.steps[1]).toEqual({ role: 'person', label: '秦审查', personId: 'p_qin' });
    expect(formatTemplate(r.ok ? r.steps : [], (id) => (id === 'p_qin' ? '秦审查' : undefined))).toBe('科长 → 法制审查（秦审查） → 主任');
  });

  it('refuses in Chinese, naming the level at fault', () => {
    expect(parseTemplate('科长 → 秘书长 → 主任', 'general')).toEqual({
      ok: false,
      error: '第 2 级「秘书长」无法识别。可用的级别：科长、分管副主任、法制审查、主任、领导审定；也可写名册中的人员姓名，如「法制审查（张三）」。',
    });
    expect(parseTemplate('科长 → 主任', 'normative')).toEqual({ ok: false, error: '规范性文件须经法制审查，流程中须有「法制审查」一级。' });
    expect(parseTemplate('科长 → 科长', 'general')).toEqual({ ok: false, error: '第 2 级「科长」与前面的某一级重复。' });
    expect(parseTemplate('  ', 'general').ok).toBe(false);
    const twins = parseTemplate('科长 → 法制审查（张伟）', 'general', people);
    expect(twins).toEqual({ ok: false, error: '第 2 级「法制审查（张伟）」：名册中有 2 位「张伟」，无法确定是哪一位。' });
    expect(parseTemplate('科长 → 法制审查（李四）', 'general', people)).toEqual({ ok: false, error: '第 2 级「法制审查（李四）」：名册中没有「李四」。' });
    expect(parseTemplate(Array(9).fill('科长').join('→'), 'general').ok).toBe(false);
  });
});

describe('stored form', () => {
  it('round-trips and refuses a malformed row', () => {
    const steps = [{ role: 'legal' as const, label: '法制审查', personId: 'p_qin' }];
    expect(decodeTemplate(encodeTemplate(steps))).toEqual(steps);
    expect(decodeTemplate('{')).toBeUndefined();
    expect(decodeTemplate('[{"role":"boss","label":"x"}]')).toBeUndefined();
  });
});
