/** "Did you mean" suggestions for misspelt keys and names: the closest candidate by edit distance. */

/** Levenshtein distance between `a` and `b` (case-insensitive). */
export function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[y.length]!;
}

/**
 * The candidate closest to `value`, when it is close enough to be a slip (at most a third of its length in
 * edits, at least 2): `retentionDay` → `retentionDays`, `disable` → `disabled`, `ap-northest-1` → `ap-northeast-1`.
 */
export function closest(value: string, candidates: readonly string[]): string | undefined {
  const limit = Math.max(2, Math.floor(value.length / 3));
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(value, candidate);
    if (distance <= limit && (best === undefined || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}

/** `; did you mean "x"?` or nothing. */
export function didYouMean(value: string, candidates: readonly string[]): string {
  const match = closest(value, candidates);
  return match === undefined ? "" : `; did you mean ${JSON.stringify(match)}?`;
}
