import type { Clock } from '../ports/clock.js';

/**
 * The office clock in local mode: real time plus an offset a trainer moves forward (time travel). It
 * never moves back, so that nothing scheduled runs twice.
 */
export class MovableClock implements Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Jump to `target` (ignored if it is in the clock's past). */
  moveTo(target: Date): void {
    const delta = target.getTime() - this.now().getTime();
    if (delta > 0) this.offsetMs += delta;
  }
}
