import type { DraftNote, SensitiveMark } from '../../../ports/drafter.js';

/**
 * Guardrails: what may go to a model, and which notes try to instruct one. A note's text is data: the model
 * is told so, its output is validated as data, and nothing in a draft is ever executed or turned into an
 * action. Notes that read like instructions are marked for the editor.
 */

/** Notes cleared to go to a model, and the ones that must stay with the rules drafter. */
export function partitionSensitive(notes: readonly DraftNote[]): { open: DraftNote[]; sensitive: DraftNote[] } {
  const open: DraftNote[] = [];
  const sensitive: DraftNote[] = [];
  for (const note of notes) (note.sensitive || note.sensitiveMark ? sensitive : open).push(note);
  return { open, sensitive };
}

/** The mark a note's text earns: 涉密 / 内部 written in it, or a word of the office's sensitive list; none: undefined. */
export function sensitiveMarkOf(text: string, sensitiveWords: readonly string[] = []): SensitiveMark | undefined {
  if (/涉密|秘密|机密|绝密/.test(text)) return '涉密';
  if (/【内部】|\[内部\]|（内部）|\(内部\)|^内部[：:\s]|内部资料|内部信息|不宜公开/.test(text)) return '内部';
  if (sensitiveWords.some((w) => w && text.includes(w))) return '敏感词';
  return undefined;
}

const INSTRUCTION_LIKE: readonly RegExp[] = [
  /忽略(?:以上|上述|之前|前面|所有)?(?:的)?(?:要求|指令|提示|规则|设定)/,
  /无视.{0,6}(?:要求|指令|提示|规则)/,
  /(?:立即|马上|直接|自动)(?:发布|印发|签发|推送|群发|转发|采用|录用)/,
  /@(?:所有人|全体(?:成员)?|all)/i,
  /(?:修改|更改|调整|提高|增加|加)\S{0,6}(?:分数|得分|积分|评分|计分|名次|排名)/,
  // 「将城关镇本月积分改为100分」: the imperative, not a report that a ranking rose.
  /(?:把|将)\S{0,8}(?:分数|得分|积分|评分|计分|名次|排名)\S{0,4}(?:改为|改成|调为|设为)/,
  /(?:系统提示|提示词|system prompt|ignore (?:all |the )?(?:previous|above)|you are now|developer mode)/i,
  /你(?:现在)?(?:是|扮演|充当)/,
];

/** Does the note read like an instruction to the model or the bot (publish, @所有人, change a score…)? */
export function isInstructionLike(text: string): boolean {
  return INSTRUCTION_LIKE.some((re) => re.test(text));
}
