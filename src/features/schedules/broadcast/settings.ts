import type { ScheduleSettings } from '../../../config.js';
import type { FeatureDeps } from '../../deps.js';

/** The defaults of config.ts, for deps built without a config (tests of other features, benches). */
export const DEFAULT_SCHEDULE_SETTINGS: ScheduleSettings = { broadcastMinute: 7 * 60 + 30, previewMinute: 17 * 60, remindMinutes: 30, dutyOn: 'holidays' };

export const scheduleSettings = (deps: Pick<FeatureDeps, 'settings'>): ScheduleSettings => deps.settings.schedules ?? DEFAULT_SCHEDULE_SETTINGS;

/** A missed broadcast is still worth sending before noon (marked 补发), and not at all after. */
export const CATCH_UP_UNTIL_MINUTE = 12 * 60;

/** A run this late after its scheduled minute is a catch-up (a live tick runs within the scheduler's grace). */
export const LATE_AFTER_MS = 15 * 60_000;

export const HHmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
