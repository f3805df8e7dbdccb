import { z } from 'zod';
import { BotError } from '../../../errors.js';

/**
 * What the meetings part's cards may send back, parsed before anything reads it. Values name a meeting,
 * a topic and the version shown; who may act is always decided from the person who clicked.
 */
const id = z.string().min(1).max(64);

export const newMeetingValue = z.object({ t: id, d: z.string().max(10), n: z.number().int().min(0).max(1439), p: z.string().min(1).max(100) });
export const newMeetingForm = z.object({
  type: z.string().max(100).optional().default(''),
  when: z.string().max(100).optional().default(''),
  place: z.string().max(100).optional().default(''),
});
export const agendaValue = z.object({ m: id, v: z.number().int().min(0), t: id.optional() });
export const topicAgendaValue = agendaValue.extend({ t: id });

export function parseCard<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) throw new BotError('stale_card', '卡片内容已失效，请重新发送指令。');
  return parsed.data;
}
