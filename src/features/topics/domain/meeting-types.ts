/**
 * Meeting types as configuration (MeetingType rows). The defaults are seeded on first use; admins change
 * presiding leader, attendees, fixed 列席 units, the due days and the meeting group (会议类型 命令).
 */
export interface MeetingTypeDefault {
  code: string;
  name: string;
  aliases: string[];
  numberPrefix: string;
  numberSuffix: string;
  minutesTitle: string;
  dueWorkingDays: number;
  /** Unit names of the fixed 列席 (resolved against the directory when seeded; absent ones are skipped). */
  fixedUnitNames: string[];
}

export const DEFAULT_DUE_WORKING_DAYS = 2;

export const DEFAULT_MEETING_TYPES: readonly MeetingTypeDefault[] = [
  {
    code: '常务会',
    name: '县政府常务会议',
    aliases: ['常务会议', '政府常务会', '政府常务会议', '县政府常务会议'],
    numberPrefix: '县政府第',
    numberSuffix: '次常务会议',
    minutesTitle: '县政府常务会议纪要',
    dueWorkingDays: DEFAULT_DUE_WORKING_DAYS,
    fixedUnitNames: ['司法局', '发改局', '财政局', '审计局'],
  },
  {
    code: '县长办公会',
    name: '县长办公会议',
    aliases: ['县长办公会议', '办公会'],
    numberPrefix: '第',
    numberSuffix: '次县长办公会议',
    minutesTitle: '县长办公会议纪要',
    dueWorkingDays: DEFAULT_DUE_WORKING_DAYS,
    fixedUnitNames: ['司法局'],
  },
  {
    code: '专题会',
    name: '专题会议',
    aliases: ['专题会议'],
    numberPrefix: '第',
    numberSuffix: '次专题会议',
    minutesTitle: '专题会议纪要',
    dueWorkingDays: DEFAULT_DUE_WORKING_DAYS,
    fixedUnitNames: [],
  },
  {
    code: '党组会',
    name: '县政府党组会议',
    aliases: ['党组会议', '县政府党组会'],
    numberPrefix: '县政府党组第',
    numberSuffix: '次会议',
    minutesTitle: '县政府党组会议纪要',
    dueWorkingDays: DEFAULT_DUE_WORKING_DAYS,
    fixedUnitNames: [],
  },
];

const fold = (s: string) => s.normalize('NFKC').trim().replace(/\s+/g, '');

/** The type a person typed (code, name or alias), among the configured ones; undefined when none fits. */
export function matchMeetingType<T extends { code: string; name: string; aliases: string; active: boolean }>(
  types: readonly T[],
  typed: string,
): T | undefined {
  const t = fold(typed);
  if (!t) return undefined;
  return types.find((m) => m.active && (fold(m.code) === t || fold(m.name) === t || aliasesOf(m).some((a) => fold(a) === t)));
}

export function aliasesOf(m: { aliases: string }): string[] {
  try {
    const v = JSON.parse(m.aliases) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}
