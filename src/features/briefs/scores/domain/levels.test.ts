import { describe, expect, it } from 'vitest';
import { DEFAULT_ADOPTION_POINTS, levelOf } from './levels.js';

describe('adoption levels', () => {
  it('reads the words editors use, and refuses others', () => {
    expect(['市', '市每日要情', '省每日要情', '专报', '批示', '领导批示', '本级'].map(levelOf)).toEqual([
      'city_daily',
      'city_daily',
      'province_daily',
      'special',
      'instruction',
      'instruction',
      'own',
    ]);
    expect(levelOf('年鉴')).toBeUndefined();
    expect(DEFAULT_ADOPTION_POINTS.instruction).toBeGreaterThan(DEFAULT_ADOPTION_POINTS.city_daily);
  });
});
