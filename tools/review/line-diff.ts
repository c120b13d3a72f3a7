/**
 * Bounded unified line diff of two texts, for the change review's report: a dashboard's JSON or a rule file
 * that changed is shown as the lines that changed with a little context, not as two long values cut at the
 * same prefix. JSON documents are pretty-printed first (a dashboard's `config_json` is one line), so the diff
 * names the panel field that changed.
 *
 * The common head and tail are trimmed first, then the middle is compared with a longest-common-subsequence
 * table; a middle larger than {@link MAX_TABLE_CELLS} is shown as removed-then-added, which is still correct,
 * only less compact. The output is cut at a line budget and says how much it left out.
 */

/** Largest LCS table (lines before × lines after of the differing middle) compared line by line. */
export const MAX_TABLE_CELLS = 4_000_000;

export interface LineDiffOptions {
  /** Unchanged lines shown around each change. @default 2 */
  readonly context?: number;
  /** Lines of output at most (hunk headers included). @default 60 */
  readonly maxLines?: number;
}

type Op = { readonly sign: " " | "-" | "+"; readonly text: string; readonly a: number; readonly b: number };

/** Pretty-prints a JSON document so a one-line document diffs by field; other texts are returned as they are. */
export function normalizeForDiff(text: string): string {
  const trimmed = text.trim();
  if (!/^[[{]/.test(trimmed)) return text;
  try {
    return `${JSON.stringify(JSON.parse(trimmed), null, 2)}\n`;
  } catch {
    return text;
  }
}

function middleOps(a: readonly string[], b: readonly string[], aStart: number, bStart: number): Op[] {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0 || n * m > MAX_TABLE_CELLS) {
    return [...a.map((text, i): Op => ({ sign: "-", text, a: aStart + i, b: bStart })), ...b.map((text, j): Op => ({ sign: "+", text, a: aStart + n, b: bStart + j }))];
  }
  // lcs[i][j]: length of the LCS of a[i..] and b[j..], in one flat array. The larger of the two neighbours is taken
  // without Math.max: in a vm context (jest runs every suite in one) each read of a global such as `Math` goes through
  // the context's interceptor, which made this loop some 30 times slower there than under plain node.
  const lcs = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const down = lcs[(i + 1) * (m + 1) + j]!;
      const right = lcs[i * (m + 1) + j + 1]!;
      lcs[i * (m + 1) + j] = a[i] === b[j] ? lcs[(i + 1) * (m + 1) + j + 1]! + 1 : down > right ? down : right;
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      ops.push({ sign: " ", text: a[i]!, a: aStart + i, b: bStart + j });
      i++;
      j++;
    } else if (i < n && (j === m || lcs[(i + 1) * (m + 1) + j]! >= lcs[i * (m + 1) + j + 1]!)) {
      // Removals before additions, as `diff -u` shows a changed line.
      ops.push({ sign: "-", text: a[i]!, a: aStart + i, b: bStart + j });
      i++;
    } else {
      ops.push({ sign: "+", text: b[j]!, a: aStart + i, b: bStart + j });
      j++;
    }
  }
  return ops;
}

/**
 * Unified diff (`@@ -a,n +b,m @@` hunks, ` `/`-`/`+` lines) of `before` → `after`, bounded by
 * `maxLines`; empty when the texts are equal. A cut diff ends with `… N more changed lines not shown`.
 */
export function lineDiff(before: string, after: string, options: LineDiffOptions = {}): string[] {
  const context = options.context ?? 2;
  const maxLines = options.maxLines ?? 60;
  if (before === after) return [];
  const a = before.split("\n");
  const b = after.split("\n");
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const ops: Op[] = [
    ...a.slice(0, head).map((text, i): Op => ({ sign: " ", text, a: i, b: i })),
    ...middleOps(a.slice(head, a.length - tail), b.slice(head, b.length - tail), head, head),
    ...a.slice(a.length - tail).map((text, k): Op => ({ sign: " ", text, a: a.length - tail + k, b: b.length - tail + k })),
  ];
  // Group changed lines with their context into hunks.
  const hunks: Array<[number, number]> = [];
  ops.forEach((op, index) => {
    if (op.sign === " ") return;
    const from = Math.max(0, index - context);
    const to = Math.min(ops.length - 1, index + context);
    const last = hunks.at(-1);
    if (last !== undefined && from <= last[1] + 1) last[1] = Math.max(last[1], to);
    else hunks.push([from, to]);
  });
  const out: string[] = [];
  let shownChanges = 0;
  const totalChanges = ops.filter((op) => op.sign !== " ").length;
  for (const [from, to] of hunks) {
    if (out.length >= maxLines) break;
    const slice = ops.slice(from, to + 1);
    const aCount = slice.filter((op) => op.sign !== "+").length;
    const bCount = slice.filter((op) => op.sign !== "-").length;
    out.push(`@@ -${slice[0]!.a + 1},${aCount} +${slice[0]!.b + 1},${bCount} @@`);
    for (const op of slice) {
      if (out.length >= maxLines) break;
      out.push(`${op.sign}${op.text}`);
      if (op.sign !== " ") shownChanges++;
    }
  }
  if (shownChanges < totalChanges) out.push(`… ${totalChanges - shownChanges} more changed lines not shown`);
  return out;
}
