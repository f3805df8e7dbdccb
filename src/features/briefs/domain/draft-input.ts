/**
 * A note as the drafting engine takes it (structurally the Drafter port's DraftNote, src/ports/drafter.ts on
 * t15-llm): its id, unit and text, the declared kind, and whether it may leave the bot at all. A note marked
 * 涉密 or 内部, or matching a sensitive word, is `sensitive` — the rules drafter is used and the card says why.
 */
export interface DraftInputNote {
  id: string;
  unit: string;
  text: string;
  kind?: string;
  sensitive: boolean;
  sensitiveMark?: '内部' | '涉密' | '敏感词';
  reportedAt?: Date;
}

export function draftInputOf(
  note: { id: string; body: string; declaredKind: string; internal: boolean; secret: boolean; sensitive: boolean; reportedAt: Date },
  unit: string,
): DraftInputNote {
  const mark = note.secret ? '涉密' : note.internal ? '内部' : note.sensitive ? '敏感词' : undefined;
  return {
    id: note.id,
    unit,
    text: note.body,
    ...(note.declaredKind ? { kind: note.declaredKind } : {}),
    sensitive: mark !== undefined,
    ...(mark ? { sensitiveMark: mark } : {}),
    reportedAt: note.reportedAt,
  };
}
