import { z } from 'zod';

/**
 * The model's output, validated as data: items with a title, body, one of the office's kinds, cited note ids,
 * facts to verify and risky phrases. Nothing else is read from it (unknown keys are refused by the JSON schema
 * and stripped by zod), so a note that tells the model to publish or @所有人 can only change draft text.
 */
export function briefOutputSchema(kinds: readonly string[], noteIds: readonly string[]) {
  const kind = z.enum(kinds as [string, ...string[]]);
  const id = noteIds.length ? z.enum(noteIds as [string, ...string[]]) : z.string();
  return z.object({
    items: z
      .array(
        z.object({
          title: z.string().trim().min(4).max(60),
          body: z.string().trim().min(20).max(2000),
          kind,
          sourceNoteIds: z.array(id).min(1).max(50),
          facts: z.array(z.string().max(200)).max(60),
          riskyPhrases: z.array(z.string().max(60)).max(30),
        }),
      )
      .min(1)
      .max(50),
  });
}

export type BriefOutput = z.infer<ReturnType<typeof briefOutputSchema>>;

/** The shape in words, for modes without a JSON schema (json_object, text): the prompt must say "JSON". */
export const OUTPUT_SHAPE_HINT =
  '{"items":[{"title":"标题","body":"正文","kind":"类别","sourceNoteIds":["来源信息编号"],"facts":["需核实的事实"],"riskyPhrases":["可能拔高或绝对化的表述"]}]}';

/** Model text → the JSON it holds: without <think>…</think>, a Markdown fence or chatter around the object. */
export function extractJson(content: string): string {
  let text = content.replace(/<think>[\s\S]*?<\/think>/gi, '');
  // A reasoning model cut before it closed its thinking leaves an open tag: nothing after it is an answer.
  text = text.replace(/<think>[\s\S]*$/i, '').trim();
  const fence = /```(?:json)?\s*([\s\S]*?)```/i.exec(text);
  if (fence?.[1]) text = fence[1].trim();
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  return start >= 0 && end > start ? text.slice(start, end + 1) : text;
}
