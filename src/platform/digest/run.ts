import { isUniqueViolation } from '../../db/receipts.js';
import type { CalendarService } from '../calendar/calendar-service.js';
import { enqueue } from '../outbox/outbox.js';
import { cardQueued, type DigestDb } from './repository.js';
import { beijingDate } from '../time.js';
import { presentMorningDigest } from './card.js';
import type { DigestDay, DigestPerson, DigestRegistry } from './registry.js';

export const DIGEST_JOB = 'digest.morning';
export const DIGEST_ORIGIN = `job:${DIGEST_JOB}`;

/** The outbox key of one person's card of one day: the claim that makes it once per person per day. */
export const digestKey = (date: string, openId: string) => `digest:${date}:${openId}`;

const CONCURRENCY = 8;

/** One person's card: queued, empty (nothing to see: no card), or already queued by an earlier run. */
async function cardFor(deps: DigestRunDeps, registry: DigestRegistry, person: DigestPerson, day: DigestDay): Promise<'queued' | 'empty' | 'already'> {
  const key = digestKey(day.date, person.openId);
  // A card queued already (an earlier run today, another instance): no need to work its sections out.
  if (await cardQueued(deps.prisma, key)) return 'already';
  const sections = await registry.sectionsFor(person, day);
  if (!sections.length) return 'empty';
  try {
    await enqueue(deps.prisma, {
      to: { openId: person.openId },
      content: { type: 'card', card: presentMorningDigest(person, day.date, sections) },
      key,
      origin: DIGEST_ORIGIN,
    });
    return 'queued';
  } catch (err) {
    // Another instance queued the same key between our look and our write: theirs stands.
    if (!isUniqueViolation(err)) throw err;
    return 'already';
  }
}

export interface DigestRunDeps {
  prisma: DigestDb;
  calendar: CalendarService;
  outbox: { kick(): void };
}

export interface DigestRunResult {
  working: boolean;
  people: number;
  /** Cards queued by this run (a second run, or a second instance, finds them queued and adds none). */
  queued: number;
  /** People with nothing to see today: no card. */
  empty: number;
}

/**
 * 今日汇要: for each person in the directory, asks every contributing feature for its section; a person
 * with at least one gets one card, keyed `digest:<date>:<openId>` — so a re-run the same day, or another
 * instance running it at the same time, queues nothing twice (the key is the outbox row's unique uuid).
 * Not a working day (weekends, holidays; 调休 Saturdays are working days): nothing.
 */
export async function runMorningDigest(deps: DigestRunDeps, registry: DigestRegistry, firedAt: Date): Promise<DigestRunResult> {
  const calendar = deps.calendar.current();
  const date = beijingDate(firedAt);
  const result: DigestRunResult = { working: calendar.isWorkingDay(date), people: 0, queued: 0, empty: 0 };
  if (!result.working) return result;
  const day = { date, previous: calendar.previousWorkingDay(date), at: firedAt, calendar };
  const people = await registry.people();
  result.people = people.length;
  // A few people at a time: each person's sections are a handful of small reads, and overlapping them
  // hides the per-query overhead.
  for (let i = 0; i < people.length; i += CONCURRENCY) {
    const outcomes = await Promise.all(people.slice(i, i + CONCURRENCY).map((person) => cardFor(deps, registry, person, day)));
    for (const o of outcomes) if (o !== 'already') result[o]++;
  }
  deps.outbox.kick();
  return result;
}
