import { z } from 'zod';
import { BotError } from '../../errors.js';

/**
 * What a supervision card may send back. A click's value and form come from the client, so each is
 * parsed here before anything reads it: a value that does not fit was not made by one of our cards
 * (tampered, or from an older card layout) and is answered as a stale card, never as an internal error.
 */
export const STALE_CARD_MESSAGE = '卡片内容已失效，请刷新后重试。';

/** Object ids are cuids/uuids; 64 leaves room without letting a 20,000-character id reach a query. */
const id = z.string().min(1).max(64);
/**
 * Typed text. The cap sits well above the forms' own limits (200 / 1000 characters), so the use cases
 * still answer a long text with their own message; only an absurd value is refused here.
 */
const text = z.string().max(4000);
const optionalText = text.optional().default('');
/** A select or date-picker value: short, never a list. */
const choice = z.string().max(64);

export const itemValue = z.object({ id });
export const extensionValue = z.object({ id, ext: id });
export const followUpValue = z.object({ id, holds: z.boolean() });

export const progressForm = z.object({
  done: optionalText,
  // The select offers 10…100; the use case clamps, so any 1–3 digit number is taken as before.
  percent: z
    .string()
    .regex(/^\d{1,3}$/)
    .transform(Number),
  next: optionalText,
});
export const extensionForm = z.object({ reason: optionalText, date: choice.optional().default('') });
export const closureForm = z.object({ result: optionalText });
export const refuseForm = z.object({ reason: optionalText });

/** 立项: missing fields stay missing, so createItem answers them with its own bad-input messages. */
export const createForm = z.object({
  content: text.optional(),
  standard: text.optional(),
  unit: choice.optional(),
  person: z.string().max(200).optional(),
  leader: choice.optional(),
  deadline: choice.optional(),
  source: choice.optional(),
  ref: z.string().max(200).optional(),
  urgency: choice.optional(),
  cycle: choice.optional(),
  promised: choice.optional(),
  milestones: text.optional(),
  followup: z.string().max(200).optional(),
});

/** Parses a click's value or form, or throws the stale-card answer. */
export function parseCard<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) throw new BotError('stale_card', STALE_CARD_MESSAGE);
  return parsed.data;
}
