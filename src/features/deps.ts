import type { PrismaClient } from '../db/client.js';
import type { Sql } from '../db/sql.js';
import type { Logger } from '../logger.js';
import type { Clock } from '../ports/clock.js';
import type { Documents } from '../ports/documents.js';
import type { Messenger } from '../ports/messenger.js';
import type { OutboxItem } from '../ports/outbox.js';
import type { ReviewSettings, ScheduleCalendarSettings, ScheduleSettings, SupervisionSettings } from '../config.js';
import type { LarkCalendar } from '../ports/calendar.js';
import type { JobControl } from '../platform/scheduler/job-control.js';
import type { CalendarService } from '../platform/calendar/calendar-service.js';
import type { Timers } from '../platform/scheduler/timers.js';
import type { BriefSettings } from './briefs/settings.js';
import type { Drafter } from '../ports/drafter.js';
import type { DigestRegistry } from '../platform/digest/registry.js';
import type { DigestSettings } from '../platform/digest/settings.js';

/** What a feature may use besides the router: the edges, as ports, and the one database handle. */
export interface FeatureDeps {
  prisma: PrismaClient;
  /** Prepared statements for the hot paths (db/sql.ts); everything else uses `prisma`. */
  sql: Sql;
  clock: Clock;
  messenger: Messenger;
  /** Feishu documents and drive (docx revision, raw text, last editor, edit subscription). */
  documents: Documents;
  log: Logger;
  /**
   * Durable delivery. Inside a transaction, queue with `enqueue(tx, item)` (platform/outbox) and call
   * `kick()` after commit; outside one, `deliver(item)` queues and kicks.
   */
  outbox: { deliver(item: OutboxItem): Promise<void>; kick(): void };
  /** Working days (State Council schedule + admin overrides) and office hours. */
  calendar: CalendarService;
  /** Open ids treated as admins from configuration (ADMIN_OPEN_IDS). */
  bootstrapAdmins: readonly string[];
  /**
   * `leaderRanks`: titles highest first (LEADER_RANKS); empty means the org feature's default order.
   * `reviews`: 文稿审核's limits and schedules; `schedules`: 领导日程's day (broadcast, preview, reminders);
   * `scheduleCalendar`: 领导日程's Feishu calendar sync (SCHEDULE_CALENDAR_SYNC). Absent (a test's or bench's
   * deps), the defaults apply (the calendar sync is off).
   */
  settings: {
    supervision: SupervisionSettings;
    reviews?: ReviewSettings;
    leaderRanks?: readonly string[];
    schedules?: ScheduleSettings;
    scheduleCalendar?: ScheduleCalendarSettings;
    /** 政务信息: the nudge and close of the day, the periodical's names, the sensitive words (BRIEFS_*). */
    briefs?: BriefSettings;
    /** 今日汇要 (DIGEST_AT, DIGEST_SEPARATE); absent: the defaults (08:00, every feature merged). */
    digest?: DigestSettings;
  };
  /**
   * 今日汇要's registry: a feature contributes its section of each person's morning card here (its
   * index.ts wiring). registerFeatures provides one when the deps carry none.
   */
  digest?: DigestRegistry;
  /** The bot's shared Feishu calendar (calendar v4); absent without credentials. Distinct from `calendar`, the working days. */
  larkCalendar?: LarkCalendar;
  /** Admins' handle on scheduled jobs (任务 列表 / 任务 执行). */
  jobs: JobControl;
  /**
   * Durable one-off timers (platform/scheduler/timers.ts), fired by the per-minute job `timers.fire`: a
   * feature registers one handler per kind at start-up. Absent in a test's or bench's deps.
   */
  timers?: Timers;
  /** 政务信息 起草: the model drafter when LLM_BASE_URL is set, and the rules drafter; absent: the rules drafter alone. */
  drafters?: { model?: Drafter; rules: Drafter };
}
