import { readFileSync } from 'node:fs';

/** Resident set size of a process in MB, from /proc (Linux); 0 once it is gone. */
export function rssMb(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : 0;
  } catch {
    return 0;
  }
}

export interface RssSampler {
  /** Highest sample so far (MB). */
  peak(): number;
  stop(): { peakMb: number; lastMb: number; samples: number };
}

/** Samples a process's RSS every `everyMs` until stopped: the peak is what a bound is checked against. */
export function sampleRss(pid: number, everyMs = 200): RssSampler {
  let peak = rssMb(pid);
  let last = peak;
  let samples = 1;
  const timer = setInterval(() => {
    last = rssMb(pid);
    samples++;
    if (last > peak) peak = last;
  }, everyMs);
  return {
    peak: () => peak,
    stop() {
      clearInterval(timer);
      return { peakMb: peak, lastMb: last, samples };
    },
  };
}
