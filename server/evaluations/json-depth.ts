// How deeply a JSON text nests, found by scanning its characters (no recursion, no allocation).
// Evaluate bodies are refused above MAX_BODY_DEPTH before anything walks them: JSON.parse copes with
// 10,000 nested arrays, but JSON.stringify (the idempotency hash, stored results) and recursive
// walks overflow the stack on them, which answered 500. Real bodies nest about 6 levels.

export const MAX_BODY_DEPTH = 64;

/** Whether `text`, valid JSON, has more than `limit` arrays and objects nested in one another. */
export function nestsDeeper(text: string, limit = MAX_BODY_DEPTH): boolean {
  // No more than `limit` opening brackets in all (strings' included) cannot nest deeper: a single
  // subject's body has ≈ 15, counted by indexOf in a fraction of the scan below (issue 16).
  if (!opensMoreThan(text, '{', '[', limit)) return false;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // skip a string: its brackets are text (valid JSON: every string is closed)
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22) break;
      }
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return false;
}

/** Whether `text` holds more than `limit` of the characters `a` and `b` together. */
function opensMoreThan(text: string, a: string, b: string, limit: number): boolean {
  let n = 0;
  for (let i = text.indexOf(a); i >= 0; i = text.indexOf(a, i + 1)) if (++n > limit) return true;
  for (let i = text.indexOf(b); i >= 0; i = text.indexOf(b, i + 1)) if (++n > limit) return true;
  return false;
}
