import type { AdoptionLevel } from '../../domain/states.js';

/** Points per adoption level (the office's scheme; not yet configurable from the environment). */
export const DEFAULT_ADOPTION_POINTS: Record<AdoptionLevel, number> = { own: 1, city_daily: 3, province_daily: 5, special: 5, instruction: 10 };

const WORDS: [RegExp, AdoptionLevel][] = [
  [/^(本级|本级采用|县)$/, 'own'],
  [/^(市|市每日要情|市级)$/, 'city_daily'],
  [/^(省|省每日要情|省级)$/, 'province_daily'],
  [/^(专报)$/, 'special'],
  [/^(批示|领导批示)$/, 'instruction'],
];

/** The level a word names (市每日要情, 省, 专报, 批示 …), or undefined. */
export function levelOf(word: string): AdoptionLevel | undefined {
  return WORDS.find(([re]) => re.test(word.trim()))?.[1];
}
