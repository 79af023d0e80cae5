// Edit distance for "did you mean" fixes: Levenshtein over UTF-16 code units (every Chinese
// character of a name is one unit), stopping early once the distance exceeds the limit.

export function levenshtein(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < best) best = v;
    }
    if (best > limit) return limit + 1;
    prev = cur;
  }
  return prev[b.length];
}

/** How far a name may be from a suggestion: one edit for names of up to 3 characters, two beyond
 * (two edits on a two-character Chinese name would replace all of it). */
export function maxDistance(name: string): number {
  return name.length <= 3 ? 1 : 2;
}

/** The candidates within reach of `name`, nearest first, at most `n`. */
export function nearest(name: string, candidates: Iterable<string>, n = 3): string[] {
  const limit = maxDistance(name);
  const scored: [string, number][] = [];
  for (const c of new Set(candidates)) {
    if (c === name) continue;
    const d = levenshtein(name, c, limit);
    if (d <= limit) scored.push([c, d]);
  }
  return scored.sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0])).slice(0, n).map(([c]) => c);
}

/** The declared field an unknown field name was probably meant as (`实绩分` → 实绩得分), if one is near —
 * none for a one-character name, where one slip is all of it (`c` is not `a` mistyped). The engine's
 * KH-E001 and the round routes' unknown inputs both name it. */
export function meantField(name: string, declared: Iterable<string>): string | undefined {
  return name.length > 1 ? nearest(name, declared, 1)[0] : undefined;
}
