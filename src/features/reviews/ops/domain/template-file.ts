import { parseKind, kindList, type Kind } from '../../domain/kinds.js';
import { parseTemplate, type NamedPerson, type TemplateStep } from '../../domain/templates.js';

/**
 * An imported chain file: one row per kind, columns 种类 and 流程 (or kind / chain). Every row is checked
 * before anything is written; the problems are listed by row number, in Chinese.
 */
export interface TemplateFileRow {
  rowNumber: number;
  kind: string;
  chain: string;
}

export type TemplateFileResult = { ok: true; changes: { kind: Kind; steps: TemplateStep[] }[] } | { ok: false; problems: string[] };

const KIND_HEADERS = ['种类', '文稿种类', '类别', 'kind'];
const CHAIN_HEADERS = ['流程', '审核流程', 'chain', 'steps'];

/** Finds the header row (within the first rows) and reads the rows under it. */
export function tableRows(grid: readonly { rowNumber: number; cells: readonly string[] }[]): TemplateFileRow[] | string {
  for (const [i, row] of grid.slice(0, 10).entries()) {
    const cells = row.cells.map((c) => c.normalize('NFKC').trim().toLowerCase());
    const k = cells.findIndex((c) => KIND_HEADERS.includes(c));
    const c = cells.findIndex((c) => CHAIN_HEADERS.includes(c));
    if (k < 0 || c < 0) continue;
    return grid
      .slice(i + 1)
      .map((r) => ({ rowNumber: r.rowNumber, kind: (r.cells[k] ?? '').trim(), chain: (r.cells[c] ?? '').trim() }))
      .filter((r) => r.kind || r.chain);
  }
  return '未找到表头「种类」「流程」：请在第一行写列名，每行一个文稿种类，如「规范性文件 | 科长 → 分管副主任 → 法制审查 → 主任」。';
}

export function planTemplateFile(rows: readonly TemplateFileRow[], people: readonly NamedPerson[]): TemplateFileResult {
  const problems: string[] = [];
  const changes: { kind: Kind; steps: TemplateStep[] }[] = [];
  const seen = new Map<Kind, number>();
  if (!rows.length) return { ok: false, problems: ['文件中没有数据行。'] };
  for (const r of rows) {
    const at = `第 ${r.rowNumber} 行`;
    const kind = parseKind(r.kind);
    if (!kind) {
      problems.push(`${at}：无法识别种类「${r.kind.slice(0, 20)}」，可用：${kindList()}。`);
      continue;
    }
    if (seen.has(kind)) {
      problems.push(`${at}：「${r.kind}」与第 ${seen.get(kind)} 行重复。`);
      continue;
    }
    seen.set(kind, r.rowNumber);
    const parsed = parseTemplate(r.chain, kind, people);
    if (!parsed.ok) problems.push(`${at}（${r.kind}）：${parsed.error}`);
    else changes.push({ kind, steps: parsed.steps });
  }
  return problems.length ? { ok: false, problems } : { ok: true, changes };
}
