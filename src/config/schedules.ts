import { z } from 'zod';
import { clockMinute, emptyToUndefined, type ConfigContext } from './shared.js';

/** 领导日程: the Feishu calendar mirror, the morning broadcast, the evening preview, reminders, 今日值班. */
export const schedulesShape = {
  // 领导日程 → Feishu calendar (schedules/exchange/calendar): off unless set; the bot's shared calendar's name.
  SCHEDULE_CALENDAR_SYNC: z.preprocess(emptyToUndefined, z.enum(['on', 'off']).default('off')),
  SCHEDULE_CALENDAR_NAME: z.preprocess(emptyToUndefined, z.string().trim().min(1).max(50).default('县领导日程')),
  SCHEDULE_BROADCAST_AT: z.preprocess(emptyToUndefined, z.string().trim().default('07:30')),
  SCHEDULE_PREVIEW_AT: z.preprocess(emptyToUndefined, z.string().trim().default('17:00')),
  SCHEDULE_REMIND_MINUTES: z.preprocess(emptyToUndefined, z.string().trim().default('30')),
  SCHEDULE_DUTY_ON: z.preprocess(emptyToUndefined, z.enum(['holidays', 'days_off', 'off']).default('holidays')),
};
type SchedulesRaw = z.infer<z.ZodObject<typeof schedulesShape>>;

export interface ScheduleCalendarSettings {
  sync: boolean;
  /** The shared calendar's name (SCHEDULE_CALENDAR_NAME, default 县领导日程). */
  name: string;
}

/** 领导日程's day: the evening preview, the morning broadcast, reminders and 今日值班. */
export interface ScheduleSettings {
  /** Minute of the Beijing day of the morning broadcast (SCHEDULE_BROADCAST_AT); before office hours. */
  broadcastMinute: number;
  /** Minute of the evening preview to secretaries, on the working day before (SCHEDULE_PREVIEW_AT). */
  previewMinute: number;
  /** Default minutes before an entry to remind the leader and the secretary (an entry may override). */
  remindMinutes: number;
  /** Which days off get 今日值班 instead: statutory holidays only, every day off, or none. */
  dutyOn: 'holidays' | 'days_off' | 'off';
}

export function readSchedules(c: SchedulesRaw, ctx: ConfigContext): { schedules: ScheduleSettings; scheduleCalendar: ScheduleCalendarSettings } {
  const broadcastMinute = clockMinute(ctx, 'SCHEDULE_BROADCAST_AT', c.SCHEDULE_BROADCAST_AT);
  const previewMinute = clockMinute(ctx, 'SCHEDULE_PREVIEW_AT', c.SCHEDULE_PREVIEW_AT);
  const officeStart = ctx.workingHours?.periods[0]?.start;
  if (officeStart !== undefined && broadcastMinute >= officeStart) {
    // The broadcast exists so that people know the day before they start it: at or after the start of
    // office hours it would arrive too late to be of use.
    const hh = `${String(Math.floor(officeStart / 60)).padStart(2, '0')}:${String(officeStart % 60).padStart(2, '0')}`;
    ctx.problems.push(`SCHEDULE_BROADCAST_AT: must be before office hours start (${hh}, WORKING_HOURS); got "${c.SCHEDULE_BROADCAST_AT}"`);
  }
  const remindMinutes = Number(c.SCHEDULE_REMIND_MINUTES);
  if (!Number.isInteger(remindMinutes) || remindMinutes < 0 || remindMinutes > 24 * 60)
    ctx.problems.push(`SCHEDULE_REMIND_MINUTES: expected whole minutes between 0 and 1440 (got "${c.SCHEDULE_REMIND_MINUTES}")`);
  return {
    schedules: { broadcastMinute, previewMinute, remindMinutes, dutyOn: c.SCHEDULE_DUTY_ON },
    scheduleCalendar: { sync: c.SCHEDULE_CALENDAR_SYNC === 'on', name: c.SCHEDULE_CALENDAR_NAME },
  };
}
