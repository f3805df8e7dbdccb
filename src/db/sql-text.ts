/** Statement texts shared by the SQLite and PostgreSQL runners (sql-sqlite.ts, sql-pg.ts). */
export const MAX_CACHED_STATEMENTS = 500;

/** The parts of a plain template literal are the same array at every call: joined once, not per statement. */
const joinedTemplates = new WeakMap<readonly string[], string>();
export function textOf(parts: readonly string[], placeholder: string): string {
  if (!Object.isFrozen(parts)) return parts.join(placeholder); // composed from fragments: built per call
  let text = joinedTemplates.get(parts);
  if (text === undefined) joinedTemplates.set(parts, (text = parts.join(placeholder)));
  return text;
}
