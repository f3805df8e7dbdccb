import { parseLiaisonDuty, parseRole, ROLE_NAMES, type LiaisonDuty, type Role } from '../roles.js';
import { openIdProblem, OPEN_ID_PROBLEM_ZH } from '../../../platform/open-id.js';
import { splitList } from './columns.js';
import type { RawRow } from './table.js';

export const UNIT_KINDS = ['office_section', 'town', 'department', 'other'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
export const UNIT_KIND_NAMES: Record<UnitKind, string> = { office_section: '科室', town: '镇街', department: '部门', other: '其他' };

/**
 * A row that passed the checks that need nothing but the row itself. `undefined` means the file has no
 * such column (leave the field as it is); identifiers are also undefined when blank (never erased).
 */
export interface ImportRow {
  rowNumber: number;
  name: string;
  /** null: the column is there and blank (the person has no unit). */
  unitName?: string | null;
  unitKind?: UnitKind;
  title?: string;
  mobile?: string;
  email?: string;
  openId?: string;
  roles?: Role[];
  unitsInCharge?: string[];
  areas?: string;
  servesLeaders?: string[];
  liaisonDuties?: LiaisonDuty[];
}

export interface RowError {
  row: number;
  reason: string;
}

export type RowResult = { ok: true; row: ImportRow } | { ok: false; error: RowError };

const MAX_NAME = 50;
const MAX_TEXT = 200;

export function parseUnitKind(text: string): UnitKind | undefined {
  const t = text.normalize('NFKC').trim().toLowerCase();
  if (['科室', '科', '办公室科室', 'office_section', 'section'].includes(t)) return 'office_section';
  if (['镇街', '镇', '街道', '乡镇', '乡', '镇（街道）', 'town'].includes(t)) return 'town';
  if (['部门', '县直部门', '区直部门', 'department'].includes(t)) return 'department';
  if (['其他', '其它', 'other'].includes(t)) return 'other';
  return undefined;
}

/** A unit's kind from its name, for units the file does not type: 督查科 → 科室, 城关镇 → 镇街. */
export function inferUnitKind(name: string): UnitKind {
  if (/(镇|乡|街道|街道办事处|街道办)$/.test(name)) return 'town';
  if (/(科|室)$/.test(name) && !/(局|委|办)/.test(name)) return 'office_section';
  return 'department';
}

/** Mainland numbers are stored as 11 digits (as Lark matches them); others keep their +country code. */
export function normaliseMobile(text: string): string | undefined {
  const compact = text.normalize('NFKC').replace(/[\s\-()（）]/g, '');
  const mainland = /^(?:\+?86)?(1\d{10})$/.exec(compact);
  if (mainland) return mainland[1];
  if (/^\+\d{6,15}$/.test(compact)) return compact;
  return undefined;
}

export function normaliseEmail(text: string): string | undefined {
  const t = text.normalize('NFKC').trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(t) && t.length <= MAX_TEXT ? t : undefined;
}

function clean(text: string | undefined): string | undefined {
  return text === undefined ? undefined : text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** 「张　三」 (padded to align with three-character names) is 张三; Latin names keep single spaces. */
export function cleanName(text: string): string {
  const t = clean(text)!;
  return /\p{Script=Han}/u.test(t) ? t.replace(/ /g, '') : t;
}

export function validateRow(raw: RawRow): RowResult {
  const fail = (reason: string): RowResult => ({ ok: false, error: { row: raw.rowNumber, reason } });
  const v = raw.values;
  const name = cleanName(v.name ?? '');
  if (!name) return fail('姓名为空');
  if (name.length > MAX_NAME) return fail(`姓名超过 ${MAX_NAME} 个字`);
  const row: ImportRow = { rowNumber: raw.rowNumber, name };

  if (v.unit !== undefined) {
    const unit = clean(v.unit)!;
    if (unit.length > MAX_TEXT) return fail('单位名称过长');
    row.unitName = unit || null;
  }
  const kindText = clean(v.unitKind);
  if (kindText) {
    const kind = parseUnitKind(kindText);
    if (!kind) return fail(`单位类型「${kindText}」无法识别（可填：科室、镇街、部门、其他）`);
    if (!row.unitName) return fail('填写了单位类型，但单位为空');
    row.unitKind = kind;
  }
  if (v.title !== undefined) row.title = clean(v.title)!.slice(0, MAX_TEXT);
  if (v.areas !== undefined) row.areas = clean(v.areas)!.slice(0, MAX_TEXT);

  const mobileText = clean(v.mobile);
  if (mobileText) {
    const mobile = normaliseMobile(mobileText);
    if (!mobile) return fail(`手机号码「${mobileText}」格式不正确（应为 11 位手机号，境外号码以 + 和国家码开头）`);
    row.mobile = mobile;
  }
  const emailText = clean(v.email);
  if (emailText) {
    const email = normaliseEmail(emailText);
    if (!email) return fail(`邮箱「${emailText}」格式不正确`);
    row.email = email;
  }
  const openIdText = clean(v.openId);
  if (openIdText) {
    const problem = openIdProblem(openIdText);
    if (problem) return fail(`飞书ID「${openIdText.slice(0, 40)}」格式不正确：${OPEN_ID_PROBLEM_ZH[problem]}`);
    row.openId = openIdText;
  }

  const duties = new Set<LiaisonDuty>();
  if (v.roles !== undefined) {
    const roles = new Set<Role>();
    for (const token of splitList(v.roles)) {
      const role = parseRole(token);
      if (!role) return fail(`角色「${token}」无法识别`);
      roles.add(role);
      // 信息联络员 / 督查联络员 name the duty themselves.
      const duty = role === 'liaison' ? parseLiaisonDuty(token) : undefined;
      if (duty) duties.add(duty);
    }
    row.roles = [...roles];
  }
  if (v.liaisonDuty !== undefined) {
    for (const token of splitList(v.liaisonDuty)) {
      const duty = parseLiaisonDuty(token);
      if (!duty) return fail(`联络类型「${token}」无法识别（可填：信息、督查）`);
      duties.add(duty);
    }
  }
  const holds = (r: Role) => row.roles?.includes(r) ?? false;
  if (duties.size) {
    if (!holds('liaison')) return fail(`填写了联络类型，但角色中没有「${ROLE_NAMES.liaison}」`);
    row.liaisonDuties = [...duties];
  }
  if (holds('liaison')) {
    if (!duties.size) return fail(`角色含「${ROLE_NAMES.liaison}」，请在「联络类型」列填写 信息 或 督查`);
    if (!row.unitName) return fail(`「${ROLE_NAMES.liaison}」须填写所在单位`);
  }

  if (v.unitsInCharge !== undefined) {
    const units = [...new Set(splitList(v.unitsInCharge).map((u) => clean(u)!))];
    if (units.length && !holds('leader') && !holds('director')) {
      return fail(`填写了分管单位，但角色中没有「${ROLE_NAMES.leader}」或「${ROLE_NAMES.director}」`);
    }
    if (units.some((u) => u.length > MAX_TEXT)) return fail('分管单位名称过长');
    row.unitsInCharge = units;
  }
  if (v.servesLeaders !== undefined) {
    const leaders = [...new Set(splitList(v.servesLeaders).map(cleanName))];
    if (leaders.length && !holds('secretary')) return fail(`填写了服务领导，但角色中没有「${ROLE_NAMES.secretary}」`);
    row.servesLeaders = leaders;
  }
  return { ok: true, row };
}
