// The canonical printer: AST → source text, comments preserved, keywords in either language.
//
// Canonical layout (every rule depends only on the tree, so format(format(x)) == format(x)):
// - 2-space indentation; one declaration, member, panel category, input field, rule item, grade,
//   outcome entry or `expect` per line; blocks open with `header {` and close with `}` on its own line.
// - Inline on one line when it fits in 100 display columns (a CJK character counts two; trailing
//   comments are not counted): enums, tables, `bonus by grade`, records in input types, scoring forms
//   (`bands x { >= 98%: 100, else: 60 }`), `in` sets, and every expression. A longer line wraps
//   (doc.ts lays it out; expr.ts and decls.ts say where it may break): before binary operators and
//   `else`, after the `,` of lists, arguments and entries, before `=>` and `quota`, or after `=`.
// - `given { … }`: one top-level entry per line; lists of records/lists one item per line (given.ts).
// - Spacing: binary operators, `=`, `=>` surrounded by one space; `, ` in lists; `key: value`;
//   `{ a, b }` with inner spaces (`{}` when empty), `[a, b]` and `f(a, b)` without.
// - ASCII punctuation only; labels and strings in `"…"` with `\"` and `\\`; numbers as written.
// - Minimal parentheses from the precedence of LANGUAGE.md §4 (expr.ts); never a change of meaning.
// - Comments and blank lines: see lines.ts (at most one blank line, none after `{` or before `}`).
// - Keywords in `opts.keywords`, else in the file's own language; built-in functions and result
//   names follow it (`max(a, b)` → `最大(a, b)`, but a list cap `max 5` → `上限 5`).
// A file without a tree (nothing recovered) is returned unchanged.

import type { Expr, ParsedFile } from '../ast.js';
import type { Lang } from '../keywords.js';
import type { SourceFile } from '../source.js';
import { printScheme, type FindOpen } from './decls.js';
import { layout } from './doc.js';
import { expr, makeCtx } from './expr.js';
import { Lines, render } from './lines.js';

export interface FormatOptions { keywords?: Lang }

export function format(parsed: ParsedFile, file: SourceFile, opts: FormatOptions = {}): string {
  if (!parsed.scheme) return file.text;
  const out = new Lines();
  printScheme(parsed.scheme, { c: makeCtx(opts.keywords ?? parsed.keywordLang), out, findOpen: openFinder(parsed, file) });
  return render(out, parsed.comments, file);
}

/** One expression on one line, keywords and built-in names in `lang`, declared names as written:
 * how a result quotes a condition (engine/describe.ts). */
export function formatExpr(e: Expr, lang: Lang): string {
  return layout(expr(e, makeCtx(lang)), Infinity).replace(/\s*\n\s*/g, ' ');
}

/** Finds a header's `{` by scanning the source, skipping comments (which may hold braces). The first
 * comment that may matter is found by binary search, not by a walk from the first. */
function openFinder(parsed: ParsedFile, file: SourceFile): FindOpen {
  const comments = [...parsed.comments].sort((a, b) => a.span.start - b.span.start);
  return (from, to) => {
    let k = 0, hi = comments.length; // the first comment ending after `from`
    while (k < hi) { const mid = (k + hi) >> 1; if (comments[mid].span.end <= from) k = mid + 1; else hi = mid; }
    for (let i = from; i < Math.min(to, file.text.length); ) {
      while (k < comments.length && comments[k].span.end <= i) k++;
      if (k < comments.length && comments[k].span.start <= i) { i = comments[k].span.end; continue; }
      if (file.text[i] === '{') return i;
      i++;
    }
    return from;
  };
}
