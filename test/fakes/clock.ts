import type { Clock } from '../../src/ports/clock.js';

/** A clock tests move by hand. Starts at the given instant (ISO with offset, e.g. 2026-11-23T09:00:00+08:00). */
export class FixedClock implements Clock {
  private t: number;
  constructor(start: string | Date = '2026-11-23T09:00:00+08:00') {
    this.t = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.t);
  }
  set(to: string | Date): void {
    this.t = new Date(to).getTime();
  }
  advance(ms: number): void {
    this.t += ms;
  }
}
