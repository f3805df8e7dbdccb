import { describe, expect, it } from 'vitest';
import { defineSeries } from './numbering.js';

// 督〔2026〕15号 is supervision's; the other three are the formats coming features will declare,
// declared here as examples only (no feature uses them yet).
const supervision = defineSeries({ key: 'supervision', prefix: '督', withYear: true, suffix: '号' });
const meeting = defineSeries({ key: 'example:meeting', prefix: '第', withYear: false, suffix: '次常务会议', yearly: true });
const minutes = defineSeries({ key: 'example:minutes', prefix: '', withYear: true, suffix: '号' });
const briefs = defineSeries({ key: 'example:briefs', prefix: '第', withYear: false, suffix: '期', yearly: true });

describe('office number series: format', () => {
  it.each([
    [supervision, '督〔2026〕15号'],
    [meeting, '第15次常务会议'],
    [minutes, '〔2026〕15号'],
    [briefs, '第15期'],
  ])('writes %#: %s', (series, expected) => {
    expect(series.format({ year: 2026, seq: 15 })).toBe(expected);
    expect(series.example(2026)).toBe(expected);
  });
});

describe('office number series: parse what people type', () => {
  // [series, typed, current year, expected]
  const cases: [string, ReturnType<typeof defineSeries>, string, { year: number; seq: number } | undefined][] = [
    ['supervision', supervision, '督〔2026〕15号', { year: 2026, seq: 15 }],
    ['supervision', supervision, '督[2026]15号', { year: 2026, seq: 15 }],
    ['supervision', supervision, '督（2026）15号', { year: 2026, seq: 15 }],
    ['supervision', supervision, '督(2026)15', { year: 2026, seq: 15 }],
    ['supervision', supervision, '督［2026］15号', { year: 2026, seq: 15 }],
    ['supervision', supervision, '督【2026】15号', { year: 2026, seq: 15 }],
    ['supervision', supervision, '督 〔2026〕 15 号', { year: 2026, seq: 15 }],
    ['supervision', supervision, '〔2026〕15号', { year: 2026, seq: 15 }],
    ['supervision', supervision, '2026-15', { year: 2026, seq: 15 }],
    ['supervision', supervision, '2026年15号', { year: 2026, seq: 15 }],
    ['supervision', supervision, '督〔２０２６〕１５号', { year: 2026, seq: 15 }],
    ['supervision', supervision, '15', { year: 2027, seq: 15 }],
    ['supervision', supervision, '15号', { year: 2027, seq: 15 }],
    ['supervision', supervision, '督15号', { year: 2027, seq: 15 }],
    ['supervision', supervision, '  15号 ', { year: 2027, seq: 15 }],
    ['supervision', supervision, '0', undefined],
    ['supervision', supervision, 'abc', undefined],
    ['supervision', supervision, '', undefined],
    ['supervision', supervision, '督〔2026〕', undefined],
    ['supervision', supervision, '第15期', undefined],
    ['supervision', supervision, '15号 已并入', undefined],
    ['meeting', meeting, '第3次常务会议', { year: 2027, seq: 3 }],
    ['meeting', meeting, '第3次', { year: 2027, seq: 3 }],
    ['meeting', meeting, '3', { year: 2027, seq: 3 }],
    ['meeting', meeting, '第三次常务会议', undefined],
    ['minutes', minutes, '〔2026〕7号', { year: 2026, seq: 7 }],
    ['minutes', minutes, '[2026]7号', { year: 2026, seq: 7 }],
    ['minutes', minutes, '7号', { year: 2027, seq: 7 }],
    ['briefs', briefs, '第12期', { year: 2027, seq: 12 }],
    ['briefs', briefs, '12期', { year: 2027, seq: 12 }],
    ['briefs', briefs, '12', { year: 2027, seq: 12 }],
    ['briefs', briefs, '第12次常务会议', undefined],
  ];
  it.each(cases)('%s: «%s»', (_, series, typed, expected) => {
    expect(series.parse(typed, 2027)).toEqual(expected);
  });

  it('reads back every number it writes', () => {
    for (const series of [supervision, meeting, minutes, briefs]) {
      for (const n of [
        { year: 2026, seq: 1 },
        { year: 2026, seq: 999 },
      ]) {
        expect(series.parse(series.format(n), 2026)).toEqual(n);
      }
    }
  });
});
