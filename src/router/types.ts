import type { Logger } from '../logger.js';
import type { Clock } from '../ports/clock.js';
import type { Messenger } from '../ports/messenger.js';
import type { OutboxItem } from '../ports/outbox.js';
import type { ActionContext, ActionResponse, CommandContext, JobContext } from './context.js';
import type { ReceiptStore } from './dedup.js';
import type { InboundMessage } from './events.js';
import type { RetryPolicy } from './retry.js';

/** The registry's public shapes: what features register and what the router needs. */
export type Middleware<C> = (ctx: C, next: () => Promise<void>) => Promise<void>;
export type CommandHandler = (ctx: CommandContext) => Promise<void>;
export type ActionHandler = (ctx: ActionContext) => Promise<ActionResponse | void>;

export interface CommandSpec {
  /** Chinese name first, then aliases (English, abbreviations). Matched after NFKC + lower-casing. */
  names: string[];
  /** Heading under which help lists the command (e.g. 督查督办). */
  feature: string;
  usage: string;
  summary: string;
  /** Complete commands that work as typed: the help card shows them and the page suggests them. */
  examples?: readonly string[];
}

export interface JobSpec {
  name: string;
  /** A short Chinese name people read and type (任务 列表, 任务 执行, the local page); `name` is the code's. */
  label?: string;
  description: string;
  /** Cron expression in Asia/Shanghai. */
  cron: string;
  /** Skip runs on days that are not working days (holidays; make-up Saturdays run). */
  workingDaysOnly?: boolean;
  /** How long after its scheduled time a missed run is still worth running on start. */
  catchUpWithinMinutes?: number;
  /**
   * The job sends to people, so a run it did not make on time (start-up catch-up, a late live tick)
   * waits for office hours like any reminder: outside them the period is left unclaimed, and the
   * catch-up window counts working minutes only, so the first working minute still covers it.
   * Housekeeping (no sends) leaves it unset and keeps running at night.
   */
  officeHoursOnly?: boolean;
  /**
   * For a frequent job that has nothing to do most minutes (timers.fire): the scheduler asks it before
   * claiming a period (live ticks, catch-up, time travel), and a minute with nothing pending is passed
   * over, not run and not recorded — so the run table does not grow by a row a minute, and moving the
   * clock a week does not run it 10,080 times. A manual run (任务 执行) always runs.
   */
  pending?: (at: Date) => Promise<boolean>;
  handler: (ctx: JobContext) => Promise<void>;
}

export interface RegisteredCommand extends CommandSpec {
  middleware: Middleware<CommandContext>[];
  handler: CommandHandler;
}

/** Which files a file handler takes (direct messages only), e.g. by extension. */
export interface FileSpec {
  feature: string;
  /** Whether the handler takes this file; may look at who sent it (and ask the database). */
  accepts(file: { key: string; name: string }, message: InboundMessage): boolean | Promise<boolean>;
}

export interface RegisteredFile extends FileSpec {
  middleware: Middleware<CommandContext>[];
  handler: CommandHandler;
}

export interface RegisteredAction {
  key: string;
  middleware: Middleware<ActionContext>[];
  handler: ActionHandler;
}

export interface RouterDeps {
  messenger: Messenger;
  clock: Clock;
  log: Logger;
  receipts: ReceiptStore;
  /**
   * Durable delivery (the outbox). Without it replies go straight to the messenger (router unit tests).
   */
  deliver?: (item: OutboxItem) => Promise<void>;
  /** Card clicks must be answered within 3 s; after this the click gets a "处理中" toast and the card is patched later. */
  actionDeadlineMs?: number;
  /** How long and how often work that failed on the infrastructure is retried (default: up to 2 minutes). */
  retry?: Partial<RetryPolicy>;
}
