import type { AdoptionLevel } from '../../domain/states.js';
import { DEFAULT_SCORE_SCHEME } from '../../settings.js';

/** Points per adoption level by default (the office sets its own with BRIEFS_SCORE_*; settings.scores). */
export const DEFAULT_ADOPTION_POINTS: Record<AdoptionLevel, number> = DEFAULT_SCORE_SCHEME.points;

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
