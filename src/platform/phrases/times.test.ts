import { describe, expect, it } from 'vitest';
import { PhraseError, TIME_FORMS, parseCount, parseTimePhrase, type UnderstoodTime } from './index.js';

const numerals: [string, number | undefined][] = [
  ['3', 3],
  ['三', 3],
  ['两', 2],
  ['十', 10],
  ['十五', 15],
  ['二十', 20],
  ['二十三', 23],
  ['九十九', 99],
  ['一百', 100],
  ['一百零五', 105],
  ['一百二十', 120],
  ['二〇二六', 2026],
  ['零', 0],
  ['十十', undefined],
  ['百', undefined],
  ['一百十', undefined],
  ['三五', undefined],
  ['abc', undefined],
  ['', undefined],
];

describe('numerals', () => {
  it.each(numerals)('「%s」 → %s', (text, value) => expect(parseCount(text)).toBe(value));
});

const h = (hh: number, mm = 0) => hh * 60 + mm;
const times: [string, UnderstoodTime][] = [
  ['上午9点', { kind: 'at', start: h(9), understood: '09:00' }],
  ['9:30', { kind: 'at', start: h(9, 30), understood: '09:30' }],
  ['9：30', { kind: 'at', start: h(9, 30), understood: '09:30' }],
  ['下午3点半', { kind: 'at', start: h(15, 30), understood: '15:30' }],
  ['下午三点半', { kind: 'at', start: h(15, 30), understood: '15:30' }],
  ['晚上8点', { kind: 'at', start: h(20), understood: '20:00' }],
  ['中午12点', { kind: 'at', start: h(12), understood: '12:00' }],
  ['中午1点', { kind: 'at', start: h(13), understood: '13:00' }],
  ['8点一刻', { kind: 'at', start: h(8, 15), understood: '08:15' }],
  ['上午10点三刻', { kind: 'at', start: h(10, 45), understood: '10:45' }],
  ['下午3点45', { kind: 'at', start: h(15, 45), understood: '15:45' }],
  ['下午15:00', { kind: 'at', start: h(15), understood: '15:00' }],
  ['3点', { kind: 'at', start: h(15), understood: '15:00', basis: '3点按下午3点' }],
  ['9点', { kind: 'at', start: h(9), understood: '09:00' }],
  ['14:00-16:00', { kind: 'span', start: h(14), end: h(16), understood: '14:00至16:00' }],
  ['14:00～16:00', { kind: 'span', start: h(14), end: h(16), understood: '14:00至16:00' }],
  ['14:00 至 16:00', { kind: 'span', start: h(14), end: h(16), understood: '14:00至16:00' }],
  ['上午9点至11点', { kind: 'span', start: h(9), end: h(11), understood: '09:00至11:00' }],
  ['下午3点-5点', { kind: 'span', start: h(15), end: h(17), understood: '15:00至17:00' }],
  ['上午', { kind: 'part', part: '上午', understood: '上午' }],
  ['下午', { kind: 'part', part: '下午', understood: '下午' }],
  ['晚上', { kind: 'part', part: '晚上', understood: '晚上' }],
  ['全天', { kind: 'part', part: '全天', understood: '全天' }],
];

describe('time phrases', () => {
  it.each(times)('「%s」', (text, expected) => expect(parseTimePhrase(text)).toEqual(expected));
});

const refusedTimes: [string, PhraseError['reason'], RegExp][] = [
  ['25:00', 'invalid_time', /小时应为 0 至 24/],
  ['9:75', 'invalid_time', /分钟应为 0 至 59/],
  ['上午13点', 'invalid_time', /上午没有13点/],
  ['16:00-14:00', 'invalid_time', /结束时间应晚于开始时间/],
  ['下雨', 'unrecognised', /无法识别时间「下雨」/],
  ['9点-10点-11点', 'unrecognised', /无法识别/],
];

describe('refused time phrases', () => {
  it.each(refusedTimes)('「%s」 → %s', (text, reason, message) => {
    let error: unknown;
    try {
      parseTimePhrase(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PhraseError);
    expect((error as PhraseError).reason).toBe(reason);
    expect((error as PhraseError).userMessage).toMatch(message);
    for (const form of TIME_FORMS) expect((error as PhraseError).userMessage).toContain(form);
  });
});
