/**
 * What changed between the text a reviewer signed on and the text now, line by line, for the short
 * re-confirm card. Pure. Common lines at both ends are set aside first (an edit usually touches a few
 * lines of a long document); the middle is diffed by longest common subsequence when small enough, and
 * otherwise shown as removed-then-added.
 */
export interface LineDiff {
  lines: string[];
  truncated: boolean;
}

const MAX_CELLS = 2_000_000;

export function lineDiff(before: string, after: string, maxLines = 30): LineDiff {
  const a = split(before);
  const b = split(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const out = midA.length * midB.length <= MAX_CELLS ? lcsDiff(midA, midB) : [...midA.map((l) => `- ${l}`), ...midB.map((l) => `+ ${l}`)];
  return { lines: out.slice(0, maxLines), truncated: out.length > maxLines };
}

function split(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l !== '');
}

function lcsDiff(a: string[], b: string[]): string[] {
  const n = a.length;
  const m = b.length;
  // table[i][j]: LCS length of a[i..] and b[j..], one flat array.
  const table = new Uint32Array((n + 1) * (m + 1));
  const at = (i: number, j: number) => i * (m + 1) + j;
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[at(i, j)] = a[i] === b[j] ? table[at(i + 1, j + 1)]! + 1 : Math.max(table[at(i + 1, j)]!, table[at(i, j + 1)]!);
    }
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      i++;
      j++;
    } else if (i < n && (j === m || table[at(i + 1, j)]! >= table[at(i, j + 1)]!)) {
      out.push(`- ${a[i++]}`);
    } else {
      out.push(`+ ${b[j++]}`);
    }
  }
  return out;
}
