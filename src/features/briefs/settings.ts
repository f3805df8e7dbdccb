import type { FeatureDeps } from '../deps.js';
import type { AdoptionLevel } from './domain/states.js';
import type { Distribution } from './domain/json.js';

/** The monthly scoring scheme (BRIEFS_SCORE_*): points per adoption level, deductions per 漏报 and 迟报 day. */
export interface ScoreScheme {
  points: Record<AdoptionLevel, number>;
  /** Deducted per 漏报 day (BRIEFS_SCORE_MISSED). */
  missed: number;
  /** Deducted per 迟报 day (BRIEFS_SCORE_LATE). */
  late: number;
}

export const DEFAULT_SCORE_SCHEME: ScoreScheme = {
  points: { own: 1, city_daily: 3, province_daily: 5, special: 5, instruction: 10 },
  missed: 2,
  late: 1,
};

/** 政务信息's settings (src/config/briefs.ts reads them from BRIEFS_*; deps built without a config get the defaults). */
export interface BriefSettings {
  /** Minute of the Beijing day the liaisons of units not yet reported are nudged (BRIEFS_NUDGE_AT, 16:00). */
  nudgeMinute: number;
  /** Minute of the Beijing day the working day closes and 漏报 are recorded (BRIEFS_CLOSE_AT, 17:30). */
  closeMinute: number;
  /** The periodical's name on the 报头 (BRIEFS_PERIODICAL). */
  periodical: string;
  /** 编印单位 (BRIEFS_PUBLISHER). */
  publisher: string;
  /** The longest note accepted, in characters. */
  maxNoteChars: number;
  /** Sensitive words flagged on a note besides the office's editable list (BRIEFS_SENSITIVE_WORDS, 、-separated). */
  sensitiveWords: readonly string[];
  scores: ScoreScheme;
  /** Minute of the Beijing day the monthly 通报 goes out on the month's first working day (BRIEFS_BULLETIN_AT, 09:00). */
  bulletinMinute: number;
  /**
   * Who gets an urgent matter when the day's 值班表 names no 带班领导 (BRIEFS_URGENT_LEADERS): open_ids,
   * names or titles (常务副县长) of people in the directory.
   */
  urgentLeaders: readonly string[];
  /** The 简报's 报尾 (报/送/发 lines); omitted: the defaults of issues/domain/document.ts. */
  distribution?: Distribution;
}

export const DEFAULT_SENSITIVE_WORDS = ['涉密', '秘密', '机密', '绝密', '内部资料', '内部传阅', '不宜公开', '国家秘密'] as const;

export const DEFAULT_BRIEF_SETTINGS: BriefSettings = {
  nudgeMinute: 16 * 60,
  closeMinute: 17 * 60 + 30,
  periodical: '政务信息',
  publisher: '县人民政府办公室',
  maxNoteChars: 3000,
  sensitiveWords: DEFAULT_SENSITIVE_WORDS,
  scores: DEFAULT_SCORE_SCHEME,
  bulletinMinute: 9 * 60,
  urgentLeaders: [],
};

export const briefSettings = (deps: Pick<FeatureDeps, 'settings'>): BriefSettings => deps.settings.briefs ?? DEFAULT_BRIEF_SETTINGS;
