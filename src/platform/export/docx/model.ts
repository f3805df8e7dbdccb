import { z } from 'zod';

/**
 * What a 公文-format document says (纪要, 简报, 通知…); the page and the typography are GB/T 9704's
 * (gbt9704.ts), so a feature supplies only words. Checked where the document is built, so that a
 * feature's mistake fails the build with a clear message rather than producing a malformed file.
 */

const text = z.string().trim().min(1);

export const docBlockSchema = z.object({
  /**
   * 0: a body paragraph. 1–4: headings numbered by the document, in order: 一、 (黑体), （一） (楷体),
   * 1. (仿宋, bold), （1） (仿宋); a lower level restarts under each higher one.
   */
  level: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).default(0),
  text,
  /** Body text run in after a heading on the same line (usual for （一） and 1.): 仿宋, regular. */
  body: z.string().optional(),
  /** A label in 黑体 before a body paragraph, e.g. 出席： in a 纪要. */
  lead: z.string().optional(),
});

export const gongwenSchema = z.object({
  /** 发文机关标志 (版头), e.g. ××县人民政府文件: red 小标宋, with the red rule below the 发文字号. */
  issuerMark: text.optional(),
  /** 发文字号: structured (the year goes in 〔〕) or written out (its year's brackets are put right). */
  docNumber: z.union([z.object({ prefix: text, year: z.number().int().min(1949).max(9999), seq: z.number().int().positive() }), text]).optional(),
  /**
   * 简报's line under the 报头: 编印单位 on the left, the date on the right, the red rule below it (in
   * place of the rule under the 发文字号).
   */
  imprint: z.object({ left: text, right: text }).optional(),
  /** 标题, 2号小标宋; a "\n" breaks it where the meaning allows (GB/T 9704 wants balanced lines). */
  title: text.optional(),
  /** 简报's 报尾: lines (报：… 送：… 发：…) between two rules after the body. */
  closing: z.array(text).optional(),
  /** 主送机关, e.g. 各镇人民政府，县直各部门 (the colon is added). */
  addressee: text.optional(),
  blocks: z.array(docBlockSchema).min(1),
  /** 发文机关署名. */
  signature: text.optional(),
  /** 成文日期, YYYY-MM-DD. */
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  /** How the 成文日期 is written: arabic (GB/T 9704-2012, 2026年12月1日) or chinese (二〇二六年十二月一日). */
  dateNumerals: z.enum(['arabic', 'chinese']).default('arabic'),
});

export type DocBlock = z.input<typeof docBlockSchema>;
export type GongwenInput = z.input<typeof gongwenSchema>;
export type Gongwen = z.output<typeof gongwenSchema>;
