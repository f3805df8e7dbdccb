import type { Tx } from '../db/client.js';

/**
 * Office numbers (督〔2026〕15号, 第3次常务会议, 〔2026〕7号, 第12期): each series is declared once, with
 * how it is written and how what people type is read back, and numbers are allocated from one counter
 * per series (per year where the number carries one).
 */
export interface SeriesSpec {
  /** The counter's name; a yearly series counts in `<key>:<year>`. */
  key: string;
  /** What comes before the number (督, 第, or nothing). */
  prefix: string;
  /** Whether the year is part of the number, written 〔2026〕 after the prefix. */
  withYear: boolean;
  /** What follows the number (号, 次常务会议, 期). */
  suffix: string;
  /** Whether the counter starts again each year (always, when the year is part of the number). */
  yearly?: boolean;
}

export interface OfficeNumber {
  year: number;
  seq: number;
}

export interface Series extends Readonly<SeriesSpec> {
  format(n: OfficeNumber): string;
  /** What a person typed: the full form with any brackets, 2026-15, or just 15 / 15号 (this year). */
  parse(text: string, currentYear: number): OfficeNumber | undefined;
  /** The next number, inside the caller's transaction (one atomic counter bump: never given twice). */
  allocate(tx: Tx, year: number): Promise<OfficeNumber & { number: string }>;
  /** An example for messages (督〔2026〕15号). */
  example(year: number): string;
}

// The brackets people use for 〔〕 when they cannot type it: [], (), （）, 【】, ［］ (NFKC folds the full-width ones).
const OPEN = '〔[(【';
const CLOSE = '〕\\])】';
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Declare a series. Its format and its parse are made from the same parts, so they cannot drift apart. */
export function defineSeries(spec: SeriesSpec): Series {
  const yearly = spec.withYear || !!spec.yearly;
  const prefix = spec.prefix ? `(?:${escape(spec.prefix.normalize('NFKC'))})?` : '';
  // The suffix may be typed in part (第3次 for 第3次常务会议) or as a plain 号.
  const suffixParts = [...spec.suffix.normalize('NFKC')].map((_, i, all) => escape(all.slice(0, i + 1).join(''))).reverse();
  const suffix = `(?:${[...suffixParts, '号'].join('|')})?`;
  const year = `(?:[${OPEN}]\\s*(\\d{4})\\s*[${CLOSE}]|(\\d{4})\\s*(?:-|年|/))`;
  const full = new RegExp(`^${prefix}\\s*${year}\\s*(?:第\\s*)?(\\d{1,6})\\s*${suffix}$`);
  const short = new RegExp(`^${prefix}\\s*(\\d{1,6})\\s*${suffix}$`);
  const format = (n: OfficeNumber) => `${spec.prefix}${spec.withYear ? `〔${n.year}〕` : ''}${n.seq}${spec.suffix}`;
  return {
    ...spec,
    format,
    parse(text, currentYear) {
      const t = text.normalize('NFKC').trim();
      const f = spec.withYear ? full.exec(t) : null;
      if (f) return valid({ year: Number(f[1] ?? f[2]), seq: Number(f[3]) });
      const s = short.exec(t);
      return s ? valid({ year: currentYear, seq: Number(s[1]) }) : undefined;
    },
    async allocate(tx, y) {
      const name = yearly ? `${spec.key}:${y}` : spec.key;
      // One statement: the row is created at 1 or bumped, under its lock, so two callers never share a number.
      const counter = await tx.counter.upsert({ where: { name }, create: { name, value: 1 }, update: { value: { increment: 1 } } });
      const n = { year: y, seq: counter.value };
      return { ...n, number: format(n) };
    },
    example: (y) => format({ year: y, seq: 15 }),
  };
}

const valid = (n: OfficeNumber) => (n.seq >= 1 ? n : undefined);
