/**
 * Draft kinds and chain roles as people type and read them. The chain's own domain (reviews-core) owns
 * these words; the desk side keeps the few it reads until that domain is on main.
 */
export const KINDS = ['general', 'request', 'speech', 'minutes', 'info', 'normative'] as const;
export type Kind = (typeof KINDS)[number];

export const KIND_NAMES: Record<Kind, string> = {
  general: '普通文稿',
  request: '请示报告',
  speech: '讲话稿',
  minutes: '会议纪要',
  info: '政务信息',
  normative: '规范性文件',
};

export function kindName(code: string): string {
  return (KIND_NAMES as Record<string, string>)[code] ?? code;
}

export function parseKind(text: string): Kind | undefined {
  const t = text.normalize('NFKC').trim();
  return KINDS.find((k) => k === t || KIND_NAMES[k] === t || KIND_NAMES[k].replace(/稿|文件|报告$/, '') === t);
}

/** Chain roles (ReviewStep.role) and the level names cards show. */
export const STEP_ROLES = ['section_chief', 'deputy_director', 'legal', 'director', 'leader'] as const;
export type StepRole = (typeof STEP_ROLES)[number];

export const STEP_ROLE_NAMES: Record<StepRole, string> = {
  section_chief: '科长',
  deputy_director: '分管副主任',
  legal: '法制审查',
  director: '主任',
  leader: '领导审定',
};

const ROLE_ALIASES: Record<string, StepRole> = {
  科长: 'section_chief',
  科室负责人: 'section_chief',
  分管副主任: 'deputy_director',
  副主任: 'deputy_director',
  法制审查: 'legal',
  合法性审查: 'legal',
  法制审查员: 'legal',
  主任: 'director',
  办公室主任: 'director',
  领导审定: 'leader',
  领导签发: 'leader',
  签发: 'leader',
  分管领导: 'leader',
};

export function parseStepRole(text: string): StepRole | undefined {
  const t = text.normalize('NFKC').trim();
  return (STEP_ROLES as readonly string[]).includes(t) ? (t as StepRole) : ROLE_ALIASES[t];
}
