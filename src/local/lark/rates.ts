/** Sliding one-second windows per key (per chat, per app, per message), in real time as Lark counts. */
export class RateWindows {
  private readonly times = new Map<string, number[]>();

  /** True when this call would be over `perSecond` for `key` (it is then not counted). 0 disables. */
  over(key: string, perSecond: number): boolean {
    if (perSecond <= 0) return false;
    const now = Date.now();
    const times = (this.times.get(key) ?? []).filter((t) => now - t < 1000);
    if (times.length >= perSecond) {
      this.times.set(key, times);
      return true;
    }
    times.push(now);
    this.times.set(key, times);
    return false;
  }
}
