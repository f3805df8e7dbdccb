import ExcelJS from 'exceljs';
import type { PrismaClient } from '../../src/db/client.js';

/** Directory file rows as a person would fill them in (Chinese headers). */
export type SheetRow = Record<string, string | number>;

export const HEADERS = ['姓名', '单位', '单位类型', '职务', '手机', '邮箱', '角色', '分管单位', '分管领域', '服务领导', '联络类型'];

export async function xlsxOf(rows: SheetRow[], headers = HEADERS): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('人员名册');
  sheet.addRow(headers);
  for (const r of rows) sheet.addRow(headers.map((h) => r[h] ?? ''));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function csvOf(rows: SheetRow[], headers = HEADERS): Buffer {
  const quote = (v: string | number) => {
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [headers.join(','), ...rows.map((r) => headers.map((h) => quote(r[h] ?? '')).join(','))];
  return Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
}

const SECTIONS = ['秘书科', '督查科', '信息科', '综合科', '应急科', '行政科'];
const TOWNS = ['城关镇', '东坝镇', '西河镇', '南山镇', '北岭镇', '清水镇', '河口街道', '新城街道', '桥东街道', '桥西街道'];
const DEPARTMENTS = [
  '发改局',
  '财政局',
  '教育局',
  '公安局',
  '民政局',
  '司法局',
  '人社局',
  '自然资源局',
  '住建局',
  '交通局',
  '水利局',
  '农业农村局',
  '商务局',
  '文旅局',
  '卫健局',
  '应急管理局',
  '市场监管局',
  '统计局',
  '医保局',
  '信访局',
];
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏飞宇浩然晨阳欣怡嘉琪子涵梓轩思远雨婷佳慧建国志强海燕';

/** `n` distinct people over 36 units with every role the directory knows; deterministic. */
export function directoryRows(n = 500): SheetRow[] {
  const units = [...SECTIONS.map((u) => [u, '科室']), ...TOWNS.map((u) => [u, '镇街']), ...DEPARTMENTS.map((u) => [u, '部门'])] as [string, string][];
  const rows: SheetRow[] = [];
  const name = (i: number) => `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}${GIVEN[(i * 13 + 3) % GIVEN.length]}${i}`;
  const leaders = ['县长', '常务副县长', '副县长', '副县长', '副县长', '副县长'];
  leaders.forEach((title, i) => {
    const inCharge = DEPARTMENTS.slice(i * 3, i * 3 + 3).join('、');
    rows.push({
      姓名: name(rows.length),
      单位: '县政府',
      单位类型: '其他',
      职务: title,
      手机: 13900000000 + rows.length,
      角色: '县（区）领导',
      分管单位: inCharge,
      分管领域: `领域${i}`,
    });
  });
  rows.push({
    姓名: name(rows.length),
    单位: '县政府办公室',
    单位类型: '部门',
    职务: '办公室主任',
    手机: 13900000000 + rows.length,
    角色: '办公室主任, 管理员',
    分管单位: SECTIONS.join('、'),
  });
  for (let i = 0; i < 3; i++) {
    rows.push({
      姓名: name(rows.length),
      单位: '县政府办公室',
      职务: '副主任',
      手机: 13900000000 + rows.length,
      角色: '副主任',
      分管单位: SECTIONS.slice(i * 2, i * 2 + 2).join('、'),
    });
  }
  for (let i = 0; i < 6; i++) {
    rows.push({
      姓名: name(rows.length),
      单位: '县政府办公室',
      职务: '秘书',
      手机: 13900000000 + rows.length,
      角色: '秘书',
      服务领导: String(rows[i]!['姓名']),
    });
  }
  while (rows.length < n) {
    const i = rows.length;
    const [unit, kind] = units[i % units.length]!;
    const row: SheetRow = { 姓名: name(i), 单位: unit, 单位类型: kind, 职务: i % 9 === 0 ? '科长' : '科员' };
    if (i % 5 !== 0) row['手机'] = `1380000${String(i).padStart(4, '0')}`;
    if (i % 3 === 0) row['邮箱'] = `user${i}@gov.example.cn`;
    const roles: string[] = [];
    if (i % 9 === 0) roles.push('科长');
    if (unit === '督查科' && i % 2 === 0) roles.push('督查员');
    if (unit === '信息科' && i % 2 === 0) roles.push('信息编辑');
    if (unit === '司法局' && i % 4 === 0) roles.push('法制审查员');
    if (i % 36 === 7 || i % 36 === 20) {
      roles.push('联络员');
      row['联络类型'] = i % 2 ? '信息' : '信息、督查';
    }
    if (roles.length) row['角色'] = roles.join('、');
    rows.push(row);
  }
  return rows;
}

/** The directory, with ids replaced by names, sorted: two imports of one file must give equal dumps. */
export async function dumpDirectory(prisma: PrismaClient) {
  const units = await prisma.unit.findMany();
  const people = await prisma.person.findMany({ include: { roles: true } });
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const personName = new Map(people.map((p) => [p.id, p.name]));
  const scopeLabel = (scope: string) =>
    scope.startsWith('unit:') ? `unit:${unitName.get(scope.slice(5))}` : scope.startsWith('person:') ? `person:${personName.get(scope.slice(7))}` : scope;
  return {
    units: units.map((u) => `${u.name}|${u.kind}|${u.code}`).sort(),
    people: people
      .map((p) =>
        [
          p.name,
          p.unitId ? unitName.get(p.unitId) : '',
          p.title,
          p.mobile ?? '',
          p.email ?? '',
          p.openId ?? '',
          p.areas,
          p.active,
          p.roles
            .map((g) => `${g.role}@${scopeLabel(g.scope)}`)
            .sort()
            .join(','),
        ].join('|'),
      )
      .sort(),
  };
}
