import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Clock } from '../ports/clock.js';

/**
 * The office clock in local mode: real time plus an offset a trainer moves forward (time travel). It
 * never moves back, so that nothing scheduled runs twice.
 */
export class MovableClock implements Clock {
  private offsetMs: number;

  constructor(
    offsetMs = 0,
    /** Told of every move (local mode saves the offset, so a restart keeps the moved clock). */
    private readonly onMove?: (offsetMs: number) => void,
  ) {
    this.offsetMs = Math.max(0, offsetMs);
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** How far ahead of real time the clock runs. */
  get offset(): number {
    return this.offsetMs;
  }

  /** Jump to `target` (ignored if it is in the clock's past). */
  moveTo(target: Date): void {
    const delta = target.getTime() - this.now().getTime();
    if (delta <= 0) return;
    this.offsetMs += delta;
    this.onMove?.(this.offsetMs);
  }
}

/** Where the moved clock is kept: beside the chat history (data/local-lark.json → data/local-lark.clock.json). */
export function clockPathFor(statePath: string): string {
  return statePath.replace(/(\.json)?$/, '.clock.json');
}

/**
 * The clock's offset on disk. Without it a restart put the clock back to real time while the data (job
 * runs, deadlines) stayed in the future: time travel then found every due run already claimed and sent
 * nothing. An unreadable file counts as no offset (real time), never as a reason not to start.
 */
export function loadClockOffset(path: string): number {
  if (!existsSync(path)) return 0;
  try {
    const offset = Number((JSON.parse(readFileSync(path, 'utf8')) as { offsetMs?: unknown }).offsetMs);
    return Number.isFinite(offset) && offset > 0 ? offset : 0;
  } catch {
    return 0;
  }
}

/** Saves the offset atomically (temporary file renamed over the old one). */
export function saveClockOffset(path: string, offsetMs: number): void {
  const temp = `${path}.${process.pid}.tmp`;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(temp, JSON.stringify({ offsetMs }));
  renameSync(temp, path);
}
