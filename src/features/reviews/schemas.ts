import { z } from 'zod';
import { BotError } from '../../errors.js';
import type { StepRef } from './use-cases/holding.js';

/**
 * What a reviews card may send back, parsed before anything reads it. A value that does not fit was not
 * drawn by one of our cards (tampered, or an older layout): a stale card, never an internal error.
 */
export const STALE_CARD_MESSAGE = '卡片内容已失效，请刷新后重试。';

const id = z.string().min(1).max(64);
const version = z.number().int().min(0).max(1_000_000);
const text = z.string().max(4000);
const choice = z.string().max(64);

export const stepValue = z.object({ d: id, s: id, v: version, r: version.optional() });
export const draftValue = z.object({ d: id, v: version });
/** 作为审〔…〕号的修改稿提交: the draft at its version and the revised file (presenters/revised-file.ts). */
export const revisedFileValue = z.object({
  d: id,
  v: version,
  m: z.string().min(1).max(100),
  f: z.string().min(1).max(200),
  n: z.string().max(300).default('文稿'),
});
export const fileValue = z.object({ m: z.string().max(100).optional(), f: z.string().max(200).optional(), n: z.string().max(300).optional() });

export const returnForm = z.object({ comment: text.optional().default('') });
export const transferForm = z.object({ to: choice.optional().default(''), reason: text.optional().default('') });
export const addForm = z.object({ person: z.string().max(200).optional().default(''), label: z.string().max(200).optional().default('') });
export const submitForm = z.object({
  title: text.optional().default(''),
  kind: choice.optional(),
  urgency: choice.optional(),
  link: z.string().max(2000).optional(),
  unit: choice.optional(),
  note: text.optional(),
});

export function parseCard<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) throw new BotError('stale_card', STALE_CARD_MESSAGE);
  return parsed.data;
}

export const stepRef = (value: unknown): StepRef => {
  const v = parseCard(stepValue, value);
  return { draftId: v.d, stepId: v.s, version: v.v, ...(v.r !== undefined ? { revision: v.r } : {}) };
};
