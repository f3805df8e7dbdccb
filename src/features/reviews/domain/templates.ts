import { KIND_LABEL, type Kind } from './kinds.js';

/**
 * Chains as data: the ordered levels a kind of draft passes. A level names a role scoped to the
 * drafter's unit (resolved from the directory at submission, domain/chain.ts) or one named person.
 * Pure: parsing what an admin typed, validating it, and writing it back the way it is typed.
 */

/** The roles a template level may name (ReviewStep.role). `person`: a named person, whatever their role. */
export const STEP_ROLES = ['section_chief', 'deputy_director', 'legal', 'director', 'leader', 'person'] as const;
export type StepRole = (typeof STEP_ROLES)[number];

export interface TemplateStep {
  role: StepRole;
  /** What the cards call the level (科长, 分管副主任, 法制审查, 主任, 领导审定, or as the admin named it). */
  label: string;
  /** A named person takes the level (the directory's Person.id); otherwise the role is resolved. */
  personId?: string;
}

export const ROLE_LABEL: Record<StepRole, string> = {
  section_chief: '科长',
  deputy_director: '分管副主任',
  legal: '法制审查',
  director: '主任',
  leader: '领导审定',
  person: '指定审核人',
};

/** The words an admin may type for a level, by role. */
const ROLE_WORDS: Record<Exclude<StepRole, 'person'>, readonly string[]> = {
  section_chief: ['科长', '处室负责人', '科室负责人'],
  deputy_director: ['分管副主任', '副主任', '分管主任'],
  legal: ['法制审查', '法制审查员', '合法性审查', '法审'],
  director: ['主任', '办公室主任'],
  leader: ['领导审定', '领导签发', '分管领导', '领导', '签发'],
};

const step = (role: Exclude<StepRole, 'person'>): TemplateStep => ({ role, label: ROLE_LABEL[role] });

/** The office's 四级审核把关 as it stands without an admin's edit. */
export const DEFAULT_TEMPLATES: Record<Kind, readonly TemplateStep[]> = {
  general: [step('section_chief'), step('deputy_director'), step('director')],
  // A 请示 or 报告 goes out under a leader's name: the leader in charge signs it off.
  request: [step('section_chief'), step('deputy_director'), step('director'), step('leader')],
  speech: [step('section_chief'), step('deputy_director'), step('director'), step('leader')],
  // Minutes are checked by the office and approved by the leader who chaired the meeting.
  minutes: [step('section_chief'), step('deputy_director'), step('director'), step('leader')],
  // 政务信息 is signed off (签发) by the office's leadership; no county leader in the loop.
  info: [step('section_chief'), step('deputy_director'), step('director')],
  normative: [step('section_chief'), step('deputy_director'), step('legal'), step('director')],
};

/** A chain is short: more levels than this is a typing mistake, not an office rule. */
export const MAX_STEPS = 8;

/** Whom a typed name may point at (the directory's people, as the parser sees them). */
export interface NamedPerson {
  id: string;
  name: string;
}

export type ParseResult = { ok: true; steps: TemplateStep[] } | { ok: false; error: string };

const fold = (text: string) => text.normalize('NFKC').replace(/[\s\u3000]+/g, '');
// Arrows people type between levels; commas and 、 work as well.
const SEPARATORS = /\s*(?:->|=>|—>|－>|→|＞|>|,|，|、|;|；)\s*/;

function roleOf(word: string): Exclude<StepRole, 'person'> | undefined {
  const t = fold(word);
  for (const [role, words] of Object.entries(ROLE_WORDS) as [Exclude<StepRole, 'person'>, readonly string[]][]) {
    if (role === t || words.includes(t)) return role;
  }
  return undefined;
}

const knownWords = () => Object.values(ROLE_LABEL).slice(0, 5).join('、');

/**
 * `科长 → 分管副主任 → 法制审查 → 主任`. A level may name its person: `法制审查（秦审查）` or
 * `法制审查:秦审查`; a bare name (`秦审查`) is a level of its own taken by that person. Errors are the
 * sentence the admin reads, naming the level at fault.
 */
export function parseTemplate(text: string, kind: Kind, people: readonly NamedPerson[] = []): ParseResult {
  const parts = text
    .trim()
    .split(SEPARATORS)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0) return { ok: false, error: `请写出审核流程，各级之间用「→」分隔，如：科长 → 分管副主任 → 主任。` };
  if (parts.length > MAX_STEPS) return { ok: false, error: `审核流程最多 ${MAX_STEPS} 级，您写了 ${parts.length} 级。` };
  const steps: TemplateStep[] = [];
  for (const [i, part] of parts.entries()) {
    const at = `第 ${i + 1} 级「${part}」`;
    const m = /^(.+?)\s*(?:[（(]\s*(.+?)\s*[)）]|[:：]\s*(.+))$/.exec(part);
    const word = m ? m[1]! : part;
    const named = m ? (m[2] ?? m[3])! : undefined;
    const role = roleOf(word);
    if (named !== undefined) {
      if (!role) return { ok: false, error: `${at}无法识别：「${word}」不是审核级别。可用的级别：${knownWords()}。` };
      const who = findNamed(people, named);
      if (typeof who === 'string') return { ok: false, error: `${at}：${who}` };
      steps.push({ role, label: ROLE_LABEL[role], personId: who.id });
      continue;
    }
    if (role) {
      steps.push(step(role));
      continue;
    }
    const who = findNamed(people, part);
    if (typeof who === 'string') {
      return { ok: false, error: `${at}无法识别。可用的级别：${knownWords()}；也可写名册中的人员姓名，如「法制审查（张三）」。` };
    }
    steps.push({ role: 'person', label: who.name, personId: who.id });
  }
  const invalid = validateTemplate(steps, kind);
  return invalid ? { ok: false, error: invalid } : { ok: true, steps };
}

function findNamed(people: readonly NamedPerson[], name: string): NamedPerson | string {
  const hits = people.filter((p) => fold(p.name) === fold(name));
  if (hits.length === 1) return hits[0]!;
  if (hits.length > 1) return `名册中有 ${hits.length} 位「${name}」，无法确定是哪一位。`;
  return `名册中没有「${name}」。`;
}

/** A chain that breaks the office's rules, in words; undefined when it is fine. */
export function validateTemplate(steps: readonly TemplateStep[], kind: Kind): string | undefined {
  if (steps.length === 0) return '审核流程至少要有一级。';
  if (steps.length > MAX_STEPS) return `审核流程最多 ${MAX_STEPS} 级。`;
  const seen = new Set<string>();
  for (const [i, s] of steps.entries()) {
    // The same role twice resolves to the same person twice: one of the two levels is a mistake.
    const key = s.personId ? `person:${s.personId}` : s.role;
    if (seen.has(key)) return `第 ${i + 1} 级「${s.label}」与前面的某一级重复。`;
    seen.add(key);
    if (s.role === 'person' && !s.personId) return `第 ${i + 1} 级「${s.label}」未指定人员。`;
  }
  if (kind === 'normative' && !steps.some((s) => s.role === 'legal')) {
    return `${KIND_LABEL.normative}须经法制审查，流程中须有「法制审查」一级。`;
  }
  return undefined;
}

/** The chain as an admin would type it back (with named people written in brackets). */
export function formatTemplate(steps: readonly TemplateStep[], nameOf: (personId: string) => string | undefined = () => undefined): string {
  return steps
    .map((s) => {
      if (!s.personId) return s.label;
      const name = nameOf(s.personId) ?? '（已不在名册）';
      return s.role === 'person' ? name : `${s.label}（${name}）`;
    })
    .join(' → ');
}

/** Stored JSON (ReviewTemplate.steps) read back; anything malformed is reported, never half-used. */
export function decodeTemplate(json: string): TemplateStep[] | undefined {
  try {
    const value: unknown = JSON.parse(json);
    if (!Array.isArray(value)) return undefined;
    const steps: TemplateStep[] = [];
    for (const v of value as unknown[]) {
      if (typeof v !== 'object' || v === null) return undefined;
      const { role, label, personId } = v as Record<string, unknown>;
      if (typeof role !== 'string' || !(STEP_ROLES as readonly string[]).includes(role) || typeof label !== 'string') return undefined;
      if (personId !== undefined && typeof personId !== 'string') return undefined;
      steps.push({ role: role as StepRole, label, ...(personId ? { personId } : {}) });
    }
    return steps;
  } catch {
    return undefined;
  }
}

export const encodeTemplate = (steps: readonly TemplateStep[]): string =>
  JSON.stringify(steps.map((s) => ({ role: s.role, label: s.label, ...(s.personId ? { personId: s.personId } : {}) })));
