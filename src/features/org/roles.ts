/**
 * Role codes (stored in RoleGrant.role) and the Chinese names users see and type. Scope encoding in
 * RoleGrant.scope: `unit:<unitId>` for leaders and directors, `person:<personId>` for secretaries,
 * `info` / `supervision` for liaisons, "" when unscoped.
 */
export const ROLES = ['admin', 'leader', 'director', 'section_chief', 'secretary', 'supervisor', 'editor', 'legal_reviewer', 'liaison'] as const;

export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, string> = {
  admin: '管理员',
  leader: '县（区）领导',
  director: '办公室主任/副主任',
  section_chief: '科长',
  secretary: '秘书',
  supervisor: '督查员',
  editor: '信息编辑',
  legal_reviewer: '法制审查员',
  liaison: '联络员',
};

/** Everything a person may type for a role (besides the code and the Chinese name). */
const ALIASES: Record<Role, string[]> = {
  admin: ['管理员', '系统管理员'],
  leader: ['县（区）领导', '县区领导', '县领导', '区领导', '领导', '县长', '副县长', '区长', '副区长'],
  director: ['办公室主任/副主任', '办公室主任', '办公室副主任', '主任', '副主任'],
  section_chief: ['科长', '副科长'],
  secretary: ['秘书', '文字秘书', '跟班秘书'],
  supervisor: ['督查员', '督查'],
  editor: ['信息编辑', '编辑'],
  legal_reviewer: ['法制审查员', '法制审查', '合法性审查'],
  liaison: ['联络员', '信息联络员', '督查联络员'],
};

const BY_NAME = new Map<string, Role>();
for (const role of ROLES) {
  BY_NAME.set(role, role);
  BY_NAME.set(role.replace('_', '-'), role);
  for (const alias of ALIASES[role]) BY_NAME.set(foldName(alias), role);
}

function foldName(text: string): string {
  return text.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, '');
}

/** `督查员`, `supervisor`, `Supervisor`, `县长` → the role code; undefined when unknown. */
export function parseRole(text: string): Role | undefined {
  return BY_NAME.get(foldName(text));
}

export function roleName(role: string): string {
  return (ROLE_NAMES as Record<string, string>)[role] ?? role;
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Liaison duties (RoleGrant.scope of a liaison grant). */
export const LIAISON_DUTIES = { info: '信息', supervision: '督查' } as const;
export type LiaisonDuty = keyof typeof LIAISON_DUTIES;

export function parseLiaisonDuty(text: string): LiaisonDuty | undefined {
  const t = foldName(text);
  if (t === '信息' || t === 'info' || t === '信息联络员') return 'info';
  if (t === '督查' || t === 'supervision' || t === '督查联络员') return 'supervision';
  return undefined;
}

/** Role names as a user-facing list, e.g. for the 授权 usage hint. */
export function allRoleNames(): string {
  return ROLES.map((r) => ROLE_NAMES[r]).join('、');
}
