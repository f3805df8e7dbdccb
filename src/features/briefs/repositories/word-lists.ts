import type { Db, Tx } from './db.js';

/** The office-editable lists (InfoWordList): sensitive words, urgent keywords, risky phrases, kinds. */
export type WordListName = 'sensitive' | 'urgent' | 'risky' | 'kinds';

/** The list's entries, one a line; undefined when the office has not set it (the defaults apply). */
export async function loadWordList(db: Db, name: WordListName): Promise<string[] | undefined> {
  const row = await db.infoWordList.findUnique({ where: { name } });
  if (!row) return undefined;
  return row.words
    .split('\n')
    .map((w) => w.trim())
    .filter(Boolean);
}

export async function saveWordList(tx: Tx, name: WordListName, words: readonly string[], updatedBy: string): Promise<void> {
  const text = [...new Set(words.map((w) => w.trim()).filter(Boolean))].join('\n');
  await tx.infoWordList.upsert({ where: { name }, create: { name, words: text, updatedBy }, update: { words: text, updatedBy } });
}
