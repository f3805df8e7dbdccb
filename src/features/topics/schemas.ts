import { z } from 'zod';
import { BotError } from '../../errors.js';

/**
 * What a topics card may send back, parsed before anything reads it. A value that does not fit was not
 * drawn by one of our cards (tampered, or an older layout): a stale card, never an internal error. Only
 * the topic and the version the card showed are read from it; who clicks is the event's, never the card's.
 */
export const STALE_CARD_MESSAGE = '卡片内容已失效，请刷新后重试。';

const id = z.string().min(1).max(64);
const version = z.number().int().min(0).max(1_000_000);
const text = z.string().max(4000);
const choice = z.string().max(64);

export const topicValue = z.object({ t: id, v: version });
export const leaderValue = topicValue.extend({ d: z.enum(['approve', 'return', 'defer']) });
export const legalValue = topicValue.extend({ d: z.enum(['pass', 'conditional', 'reject']) });
export const consentValue = topicValue.extend({ d: z.enum(['grant', 'refuse']) });

export const opinionForm = z.object({ opinion: text.optional().default(''), conditions: text.optional().default('') });

export const submitForm = z.object({
  title: text.optional().default(''),
  type: choice.optional(),
  unit: choice.optional(),
  presenter: z.string().max(200).optional(),
  leader: choice.optional(),
  materials: z.string().max(4000).optional(),
  attend: z.string().max(500).optional(),
  consulted: choice.optional(),
  consultedWith: z.string().max(500).optional(),
  legal: choice.optional(),
  minutes: z.string().max(20).optional(),
  reason: text.optional(),
});

export function parseCard<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) throw new BotError('stale_card', STALE_CARD_MESSAGE);
  return parsed.data;
}
