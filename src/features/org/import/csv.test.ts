import { describe, expect, it } from 'vitest';
import { decodeText, guessDelimiter, parseCsv } from './csv.js';

describe('parseCsv', () => {
  it('reads plain rows with CRLF, LF and CR line endings', () => {
    expect(parseCsv('a,b\r\nc,d\ne,f\rg,h')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
      ['g', 'h'],
    ]);
  });

  it('does not add a record for a final line break, but keeps blank lines (row numbers as in Excel)', () => {
    expect(parseCsv('a\r\n\r\nb\r\n')).toEqual([['a'], [''], ['b']]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    expect(parseCsv('"张三","分管：发改, 财政","他说""好"""\r\n"多行\r\n文字",x')).toEqual([
      ['张三', '分管：发改, 财政', '他说"好"'],
      ['多行\r\n文字', 'x'],
    ]);
  });

  it('keeps empty fields and a trailing empty field', () => {
    expect(parseCsv(',a,,\n""')).toEqual([['', 'a', '', ''], ['']]);
  });

  it('strips a UTF-8 byte-order mark and keeps stray quotes inside unquoted fields', () => {
    expect(parseCsv('\ufeff姓名,备注\n王"五,5"寸')).toEqual([
      ['姓名', '备注'],
      ['王"五', '5"寸'],
    ]);
  });

  it('takes an unterminated quoted field to the end of the text', () => {
    expect(parseCsv('a,"b\nc')).toEqual([['a', 'b\nc']]);
  });

  it('reads tab-separated text when the header has tabs and no commas', () => {
    expect(guessDelimiter('姓名\t单位\n')).toBe('\t');
    expect(guessDelimiter('姓名,单位\t备注')).toBe(',');
    expect(parseCsv('姓名\t单位\n张三\t督查科', '\t')).toEqual([
      ['姓名', '单位'],
      ['张三', '督查科'],
    ]);
  });
});

describe('decodeText', () => {
  it('reads UTF-8 (with or without BOM) and falls back to GB18030 as Excel on Chinese Windows writes', () => {
    expect(decodeText(Buffer.from('\ufeff姓名', 'utf8'))).toBe('姓名');
    expect(decodeText(Buffer.from('姓名', 'utf8'))).toBe('姓名');
    expect(decodeText(Buffer.from([0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xd5, 0xc5, 0xc8, 0xfd]))).toBe('姓名,张三');
  });
});
