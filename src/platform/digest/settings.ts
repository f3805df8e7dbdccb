/** The features that contribute to 今日汇要 and can keep a separate morning message instead (DIGEST_SEPARATE). */
export const DIGEST_FEATURES = ['supervision', 'reviews', 'schedules', 'topics', 'briefs'] as const;
export type DigestFeature = (typeof DIGEST_FEATURES)[number];

/** 今日汇要's settings (config.ts reads them from DIGEST_AT and DIGEST_SEPARATE). */
export interface DigestSettings {
  /** Minute of the Beijing day the morning card goes out (DIGEST_AT; default half an hour before office hours). */
  minute: number;
  /** Features that keep their own morning message and contribute no section (DIGEST_SEPARATE; default none). */
  separate: readonly string[];
}

export const DEFAULT_DIGEST_SETTINGS: DigestSettings = { minute: 8 * 60, separate: [] };

/** Whether `feature` sends its own morning message instead of a section of 今日汇要. */
export function keepsSeparate(settings: DigestSettings | undefined, feature: DigestFeature): boolean {
  return (settings ?? DEFAULT_DIGEST_SETTINGS).separate.includes(feature);
}
