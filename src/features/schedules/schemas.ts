import { z } from 'zod';
import { BotError } from '../../errors.js';
import type { EntryFields } from './domain/entry.js';

/**
 * What a 日程 card may send back, parsed before anything reads it. A value that does not fit was not made
 * by one of our cards and is answered as a stale card. Values name a proposal or an entry (and the version
 * shown); who may act is always decided from the person who clicked.
 */
export const STALE_CARD_MESSAGE = '卡片内容已失效，请重新发送指令。';

const id = z.string().min(1).max(64);
const text = (max: number) => z.string().max(max).optional().default('');

export const proposalValue = z.object({ p: id, force: z.boolean().optional() });
export const entryValue = z.object({ e: id, v: z.number().int().min(0) });
export const formSubmitValue = z.object({ e: id.optional(), v: z.number().int().min(0).optional() });

export const entryForm = z.object({
  leader: text(64),
  date: text(40),
  time: text(60),
  activity: text(1000),
  place: text(1000),
  accompany: text(1000),
  attendees: text(1000),
  contact: text(1000),
  visibility: text(20),
  status: text(20),
  remind: text(20),
  backfill: text(10),
});
export type EntryForm = z.output<typeof entryForm>;

export function parseCard<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) throw new BotError('stale_card', STALE_CARD_MESSAGE);
  return parsed.data;
}

/** A proposal's stored payload: the entry as understood, and the version a modification was read at. */
const fields = z.object({
  leaderId: z.string(),
  date: z.string(),
  dayPart: z.enum(['exact', 'morning', 'afternoon', 'evening', 'all_day']),
  startMinute: z.number().nullable(),
  endMinute: z.number().nullable(),
  activity: z.string(),
  place: z.string(),
  accompany: z.string(),
  attendees: z.string(),
  contact: z.string(),
  visibility: z.enum(['public', 'internal', 'private']),
  status: z.enum(['draft', 'confirmed', 'cancelled']),
  source: z.enum(['manual', 'meeting', 'import', 'calendar']),
  backfilled: z.boolean(),
  remindMinutes: z.number().nullable(),
}) satisfies z.ZodType<EntryFields>;

export const proposalPayload = z.object({
  fields,
  dateText: z.string(),
  notes: z.array(z.string()),
  entryVersion: z.number().optional(),
});
export type ProposalPayload = z.output<typeof proposalPayload>;

export function readPayload(json: string): ProposalPayload {
  return proposalPayload.parse(JSON.parse(json));
}
