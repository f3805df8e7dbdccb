import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatOf, parseCalendarFile } from './calendar-file.js';

describe('parseCalendarFile: CSV', () => {
  it('reads Chinese or English headers in any order, a BOM, CRLF, comments and Excel-style dates', () => {
    const csv = '\uFEFF# 测试\r\n名称,日期,类型\r\n元旦,2027/1/1,节假日\r\n"春节, 调休",2027-02-06,调休上班\r\n\r\n,,\r\n';
    expect(parseCalendarFile(csv, 'csv')).toEqual({
      rows: [
        { date: '2027-01-01', kind: 'holiday', name: '元旦' },
        { date: '2027-02-06', kind: 'workday', name: '春节, 调休' },
      ],
      errors: [],
    });
    const english = 'date,kind,name\n2027-10-01,holiday,National Day\n2027-10-09,workday,\n';
    expect(parseCalendarFile(english, 'csv').rows).toEqual([
      { date: '2027-10-01', kind: 'holiday', name: 'National Day' },
      { date: '2027-10-09', kind: 'workday', name: '' },
    ]);
  });

  it('takes the columns in order 日期,类型,名称 when there is no header', () => {
    expect(parseCalendarFile('2027-05-01,放假,劳动节\n2027-05-08,补班\n', 'csv').rows).toEqual([
      { date: '2027-05-01', kind: 'holiday', name: '劳动节' },
      { date: '2027-05-08', kind: 'workday', name: '' },
    ]);
  });

  it('expands a range of days off', () => {
    const { rows, errors } = parseCalendarFile('日期,类型,名称\n2027-02-06~2027-02-08,节假日,春节\n2027-10-01至2027-10-02,节假日,国庆节\n', 'csv');
    expect(errors).toEqual([]);
    expect(rows.map((r) => `${r.date} ${r.name}`)).toEqual(['2027-02-06 春节', '2027-02-07 春节', '2027-02-08 春节', '2027-10-01 国庆节', '2027-10-02 国庆节']);
  });

  it('reports each bad row by its line number with a reason, and keeps the good rows', () => {
    const csv = [
      '日期,类型,名称', // line 1
      '2027-01-01,节假日,元旦',
      '2027-02-30,节假日,春节', // 3: no such date
      '2027-02-10,休假,春节', // 4: unknown kind
      '# a comment', // 5
      ',节假日,清明', // 6: no date
      '2027-01-01,调休上班,元旦', // 7: repeated
      '2027-04-05,,清明', // 8: no kind
      '2027-05-03~2027-05-01,节假日,劳动节', // 9: reversed range
      '2027-06-01~2027-07-15,节假日,端午', // 10: too long
      `2027-06-14,节假日,${'端'.repeat(51)}`, // 11: name too long
      '2027-10-01,节假日,国庆节', // 12
    ].join('\n');
    const { rows, errors } = parseCalendarFile(csv, 'csv');
    expect(rows.map((r) => r.date)).toEqual(['2027-01-01', '2027-10-01']);
    expect(errors).toEqual([
      { row: 3, message: '日期「2027-02-30」不是有效日期，应为 YYYY-MM-DD，如 2027-01-01。' },
      { row: 4, message: '类型「休假」无法识别，应为“节假日”或“调休上班”。' },
      { row: 6, message: '缺少日期。' },
      { row: 7, message: '日期 2027-01-01 与第 2 行重复。' },
      { row: 8, message: '缺少类型（节假日 或 调休上班）。' },
      { row: 9, message: '日期范围「2027-05-03~2027-05-01」的结束日期早于开始日期。' },
      { row: 10, message: '日期范围「2027-06-01~2027-07-15」超过 31 天，请核对。' },
      { row: 11, message: '名称过长（不超过 50 个字）。' },
    ]);
  });

  it('imports nothing from the shipped template', () => {
    const template = readFileSync(new URL('../../../prisma/calendar/2027.sample.csv', import.meta.url), 'utf8');
    expect(template).toMatch(/模板.*不是 2027 年的官方安排/);
    expect(parseCalendarFile(template, 'csv')).toEqual({ rows: [], errors: [] });
    // Its commented example rows are valid once uncommented.
    const uncommented = template.replace(/^# (\d{4}-)/gm, '$1');
    const { rows, errors } = parseCalendarFile(uncommented, 'csv');
    expect(errors).toEqual([]);
    expect(rows).toHaveLength(33 + 6);
  });
});

describe('parseCalendarFile: JSON', () => {
  it('reads an array or { days } with Chinese or English keys', () => {
    const rows = [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }];
    expect(parseCalendarFile(JSON.stringify(rows), 'json').rows).toEqual(rows);
    expect(parseCalendarFile(JSON.stringify({ days: [{ 日期: '2027-01-01', 类型: '节假日', 名称: '元旦' }] }), 'json').rows).toEqual(rows);
  });

  it('numbers bad entries from 1 and reports an unreadable file as a whole', () => {
    const json = JSON.stringify([{ date: '2027-01-01', kind: 'holiday' }, 'x', { date: '2027-13-01', kind: 'holiday' }]);
    expect(parseCalendarFile(json, 'json').errors).toEqual([
      { row: 2, message: '应为包含 日期、类型、名称 的对象。' },
      { row: 3, message: '日期「2027-13-01」不是有效日期，应为 YYYY-MM-DD，如 2027-01-01。' },
    ]);
    expect(parseCalendarFile('{oops', 'json').errors[0]).toMatchObject({ row: 0, message: expect.stringContaining('不是有效的 JSON') });
    expect(parseCalendarFile('{"a":1}', 'json').errors[0]?.row).toBe(0);
  });

  it('picks the format from the file name', () => {
    expect(formatOf('2027.JSON')).toBe('json');
    expect(formatOf('2027.csv')).toBe('csv');
    expect(formatOf('2027.txt')).toBe('csv');
  });
});
