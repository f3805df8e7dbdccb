import { describe, expect, it } from 'vitest';
import { inferUnitKind, normaliseMobile, validateRow, type RowResult } from './rows.js';
import type { RawRow } from './table.js';

const row = (values: RawRow['values'], rowNumber = 2): RowResult => validateRow({ rowNumber, values });
const reason = (r: RowResult) => (r.ok ? undefined : r.error.reason);

describe('validateRow', () => {
  it('normalises a good row and keeps absent columns absent', () => {
    const r = row({ name: ' 张　三 ', unit: '督查科', mobile: '+86 138-0013-8000', email: 'Zhang@Gov.CN', roles: '督查员、科长' });
    expect(r).toEqual({
      ok: true,
      row: { rowNumber: 2, name: '张三', unitName: '督查科', mobile: '13800138000', email: 'zhang@gov.cn', roles: ['supervisor', 'section_chief'] },
    });
  });

  it('drops alignment spaces inside Chinese names only', () => {
    expect([row({ name: '王　五' }), row({ name: ' John  Smith ' })].map((r) => r.ok && r.row.name)).toEqual(['王五', 'John Smith']);
  });

  it('treats a blank identifier as "not given" and a blank unit as "no unit"', () => {
    expect(row({ name: '李四', unit: '', mobile: '', email: ' ' })).toEqual({ ok: true, row: { rowNumber: 2, name: '李四', unitName: null } });
  });

  it('names the problem of a bad row', () => {
    expect(reason(row({ name: '' }))).toBe('姓名为空');
    expect(reason(row({ name: '张三', mobile: '1380013800' }))).toMatch(/^手机号码「1380013800」格式不正确/);
    expect(reason(row({ name: '张三', email: 'zhang@' }))).toBe('邮箱「zhang@」格式不正确');
    expect(reason(row({ name: '张三', roles: '督查员，宣传员' }))).toBe('角色「宣传员」无法识别');
    expect(reason(row({ name: '张三', unit: '城关镇', unitKind: '街办' }))).toMatch(/^单位类型「街办」无法识别/);
    expect(reason(row({ name: '张三', openId: 'u_123' }))).toMatch(/^飞书ID「u_123」格式不正确/);
  });

  it('checks that scoped columns go with their roles', () => {
    expect(reason(row({ name: '张三', unit: '信息科', roles: '联络员' }))).toBe('角色含「联络员」，请在「联络类型」列填写 信息 或 督查');
    expect(reason(row({ name: '张三', roles: '联络员', liaisonDuty: '信息' }))).toBe('「联络员」须填写所在单位');
    expect(reason(row({ name: '张三', roles: '科长', liaisonDuty: '信息' }))).toBe('填写了联络类型，但角色中没有「联络员」');
    expect(reason(row({ name: '张三', roles: '科长', unitsInCharge: '督查科' }))).toBe('填写了分管单位，但角色中没有「县（区）领导」或「办公室主任/副主任」');
    expect(reason(row({ name: '张三', roles: '科长', servesLeaders: '王县长' }))).toBe('填写了服务领导，但角色中没有「秘书」');
  });

  it('reads liaison duties from the role name or the column, several values per cell', () => {
    const r = row({ name: '张三', unit: '城关镇', roles: '督查联络员', liaisonDuty: '信息；督查' });
    expect(r.ok && r.row.liaisonDuties).toEqual(['supervision', 'info']);
    const leader = row({ name: '王县长', roles: '副县长', unitsInCharge: '发改局、财政局,发改局', areas: '发展改革' });
    expect(leader.ok && [leader.row.roles, leader.row.unitsInCharge, leader.row.areas]).toEqual([['leader'], ['发改局', '财政局'], '发展改革']);
  });
});

describe('helpers', () => {
  it('normalises mobiles as Lark matches them', () => {
    expect(['13800138000', '+8613800138000', '86 138 0013 8000', '(138)00138000', '+852 6123 4567', '010-12345678'].map(normaliseMobile)).toEqual([
      '13800138000',
      '13800138000',
      '13800138000',
      '13800138000',
      '+85261234567',
      undefined,
    ]);
  });

  it('infers a unit kind from its name', () => {
    expect(['督查科', '城关镇', '河口街道', '财政局', '县政府办公室', '东乡'].map(inferUnitKind)).toEqual([
      'office_section',
      'town',
      'town',
      'department',
      'department',
      'town',
    ]);
  });
});
