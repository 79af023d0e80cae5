// The words of quota decisions from templates (issue 16): a decision's message is rendered once
// with marker characters in place of what differs from member to member (its rank, its key values,
// the grade it is demoted to) and from race to race (the limit, how it was computed, how many ran),
// cut at the markers, and filled in per member — the text dsl/i18n `render` gives for the member's
// own message, at the cost of a few string joins instead of rendering a tree of messages for each
// of a large cohort's competitors. A part the words do not use (a tie's words name no rank) is left
// out; a template whose rendering shows a marker more than once (a text of the scheme holding a
// marker character) is rendered per member, as before. quota.ts keeps each decision's message too
// (the closures write results from it, outcome.ts; tests compare the two paths' texts).

import { render, type Locale, type Msg } from '../dsl/i18n/index.js';

/** Control characters 1…30 as markers: none is in the words of a message (a scheme's texts may
 * hold one only on purpose, and then the template is not used). */
const MAX_PARTS = 30;
const mark = (i: number): string => String.fromCharCode(1 + i);

/** `make(parts)` in words, for texts `parts` filled in per member. */
export function template(lang: Locale, n: number, make: (parts: string[]) => Msg): (parts: string[]) => string {
  const slow = (parts: string[]) => render(make(parts), lang);
  if (n > MAX_PARTS) return slow;
  const marks = Array.from({ length: n }, (_, i) => mark(i));
  const text = render(make(marks), lang);
  const at = marks.map((m) => text.indexOf(m));
  if (at.some((a, i) => a >= 0 && text.indexOf(marks[i], a + 1) >= 0)) return slow;
  // the parts the words use (a tie's words have no rank), in the order they use them
  const order = at.map((_, i) => i).filter((i) => at[i] >= 0).sort((x, y) => at[x] - at[y]);
  if (!order.length) return () => text;
  const pieces = [text.slice(0, at[order[0]])];
  order.forEach((p, k) => pieces.push(text.slice(at[p] + 1, k + 1 < order.length ? at[order[k + 1]] : text.length)));
  // joined, not added up: `+=` makes a tree of string pieces (≈ 8 a decision), and a million-subject
  // cohort keeps its ≈ 180,000 competitors' words until pass 2 writes them
  const out: string[] = new Array(2 * order.length + 1);
  out[0] = pieces[0];
  return (parts) => {
    for (let k = 0; k < order.length; k++) { out[2 * k + 1] = parts[order[k]]; out[2 * k + 2] = pieces[k + 1]; }
    return out.join('');
  };
}
