/**
 * The directory file's columns (CSV or the first .xlsx worksheet with a 姓名 header). Headers are
 * matched by name, in any order; a note in brackets after a header is ignored (`手机（选填）`).
 * A column left out of the file leaves that field untouched; a column present is authoritative,
 * except that a blank 手机/邮箱/飞书ID never erases a recorded one (they identify the person).
 * Documented for users in README § 人员名册导入 — keep the two in step.
 */
export const COLUMNS = {
  name: { header: '姓名', aliases: ['name', '名字'] },
  unit: { header: '单位', aliases: ['unit', '所在单位', '工作单位'] },
  unitKind: { header: '单位类型', aliases: ['unit_kind', 'unittype', '单位性质'] },
  title: { header: '职务', aliases: ['title', '职位'] },
  mobile: { header: '手机', aliases: ['mobile', '手机号', '手机号码', '移动电话'] },
  email: { header: '邮箱', aliases: ['email', '电子邮箱', '邮件'] },
  roles: { header: '角色', aliases: ['roles', 'role'] },
  unitsInCharge: { header: '分管单位', aliases: ['units_in_charge', '分管科室'] },
  areas: { header: '分管领域', aliases: ['areas', '分管工作'] },
  servesLeaders: { header: '服务领导', aliases: ['serves', '服务对象'] },
  liaisonDuty: { header: '联络类型', aliases: ['liaison_type', '联络员类型'] },
  openId: { header: '飞书ID', aliases: ['open_id', 'openid', '飞书open_id'] },
} as const;

export type ColumnKey = keyof typeof COLUMNS;

export const COLUMN_ORDER = Object.keys(COLUMNS) as ColumnKey[];

function foldHeader(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[（(][^）)]*[）)]\s*$/, '')
    .replace(/[\s*＊]/g, '')
    .toLowerCase();
}

const BY_HEADER = new Map<string, ColumnKey>();
for (const key of COLUMN_ORDER) {
  BY_HEADER.set(foldHeader(COLUMNS[key].header), key);
  for (const alias of COLUMNS[key].aliases) BY_HEADER.set(foldHeader(alias), key);
}

export function columnFor(header: string): ColumnKey | undefined {
  return BY_HEADER.get(foldHeader(header));
}

/** Several values in one cell: 、 ， , ； ; or line breaks (never `/`, which appears in 主任/副主任). */
export function splitList(cell: string): string[] {
  return cell
    .split(/[、,，;；\n\r]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}
