import { z } from 'zod';
import { badInput, BotError } from '../../errors.js';

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

// ------------------------------------------------------------- 督办 新建 <一行>

/** The one-line 立项 fields: what a person writes before the colon, what it is called, an example. */
export const ONE_LINE_FIELDS = {
  单位: { label: '承办单位', example: '单位:县住建局', max: 50 },
  领导: { label: '负责领导', example: '领导:吴副县长', max: 30 },
  期限: { label: '完成时限', example: '期限:12月18日（或 下周五、10个工作日）', max: 30 },
  责任人: { label: '责任人', example: '责任人:张伟', max: 30 },
  标准: { label: '工作标准', example: '标准:12月底前全部完工', max: 1000 },
  来源: { label: '事项来源', example: '来源:第8次常务会', max: 200 },
  文号: { label: '来源文号', example: '文号:县长批示〔2026〕12号', max: 200 },
  回访: { label: '办结后回访', example: '回访:10个工作日', max: 20 },
} as const;
export type OneLineKey = keyof typeof ONE_LINE_FIELDS;
const ONE_LINE_KEYS = Object.keys(ONE_LINE_FIELDS) as OneLineKey[];
const CONTENT_MAX = 1000;

export const ONE_LINE_EXAMPLE = '督办 新建 整治背街小巷环境 单位:县住建局 领导:吴副县长 期限:12月18日';

/** `<内容> 单位:<单位> 领导:<姓名> 期限:<…>` split at its keys (full-width colons welcome); a key written twice is kept twice. */
export function splitOneLine(text: string): { content: string; fields: [OneLineKey, string][] } {
  const marker = new RegExp(`(${ONE_LINE_KEYS.join('|')})[:：]`, 'g');
  const hits = [...text.matchAll(marker)];
  const content = (hits.length ? text.slice(0, hits[0]!.index) : text).trim();
  const fields = hits.map((h, i): [OneLineKey, string] => {
    const end = i + 1 < hits.length ? hits[i + 1]!.index : text.length;
    return [h[1] as OneLineKey, text.slice(h.index + h[0].length, end).trim()];
  });
  return { content, fields };
}

const fieldText = (key: OneLineKey, required: boolean) => {
  const { label, example, max } = ONE_LINE_FIELDS[key];
  return z
    .string({ error: `请填写${label}，如「${example}」。` })
    .min(1, { error: `「${key}:」后未填写${label}，如「${example}」${required ? '' : `，不需要时请删去「${key}:」`}。` })
    .max(max, { error: `${label}不超过 ${max} 字，如「${example}」。` });
};
function fieldValue(key: OneLineKey, required: true): z.ZodString;
function fieldValue(key: OneLineKey, required: false): z.ZodOptional<z.ZodString>;
function fieldValue(key: OneLineKey, required: boolean) {
  return required ? fieldText(key, true) : fieldText(key, false).optional();
}

const oneLineShape = z.object({
  content: z
    .string()
    .min(1, { error: `请在「督办 新建」后先写工作内容，再写各项，如「${ONE_LINE_EXAMPLE}」。` })
    .max(CONTENT_MAX, { error: `工作内容不超过 ${CONTENT_MAX} 字，请精简后重新发送，或使用「督办 新建」表单。` }),
  单位: fieldValue('单位', true),
  期限: fieldValue('期限', true),
  领导: fieldValue('领导', false),
  责任人: fieldValue('责任人', false),
  标准: fieldValue('标准', false),
  来源: fieldValue('来源', false),
  文号: fieldValue('文号', false),
  回访: fieldValue('回访', false),
});
export type OneLineCreate = z.output<typeof oneLineShape>;

/** The one-line command's arguments, validated: each problem named with its field and an example, all in one message. */
export function parseOneLineCreate(text: string): OneLineCreate {
  const { content, fields } = splitOneLine(text);
  const problems: string[] = [];
  const seen = new Set<OneLineKey>();
  for (const [k] of fields) {
    if (seen.has(k)) problems.push(`「${k}:」写了两次，${ONE_LINE_FIELDS[k].label}只能写一个。`);
    seen.add(k);
  }
  const parsed = oneLineShape.safeParse({ content, ...Object.fromEntries(fields) });
  if (!parsed.success) problems.push(...new Set(parsed.error.issues.map((i) => i.message)));
  if (problems.length) throw badInput([...new Set(problems)].join('\n'));
  return parsed.data!;
}

// ------------------------------------------------------------- 确认重复立项

/** What 确认重复立项 re-submits (CreateDraft): ids and dates already resolved. */
const createDraft = z.object({
  content: text,
  standard: text.optional(),
  unit: z.object({ id }),
  personId: id.optional(),
  leader: z.object({ id }).optional(),
  deadline: choice,
  sourceType: choice.optional(),
  sourceRef: z.string().max(200).optional(),
  urgent: z.boolean().optional(),
  progressCycle: choice.optional(),
  promised: z.boolean().optional(),
  milestones: text.optional(),
  followUp: z.string().max(200).optional(),
});

export const duplicateConfirmValue = z.object({
  once: z.string().min(1).max(200),
  draft: z
    .string()
    .max(12_000)
    .transform((s, ctx) => {
      try {
        return JSON.parse(s) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'draft is not JSON' });
        return z.NEVER;
      }
    })
    .pipe(createDraft),
});
export const duplicateCancelValue = z.object({ n: z.string().max(64) });
