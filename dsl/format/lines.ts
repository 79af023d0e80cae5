// The formatter's output model: a list of lines, each remembering which source range it prints, and
// the pass that places comments and blank lines around them.
//
// Comment placement, by the comment's source position (never lost, source order kept per line):
//   1. inside the range a line prints (e.g. in the middle of an expression or a header) → moved to
//      its own line just before that line;
//   2. after the code of a line, with no line break in between, and ending its source line (only
//      closing punctuation or comments after it) → trailing comment of that line;
//   3. otherwise → leading comment of the first line that starts after it (a closing `}` counts,
//      the comment is then indented as a member of that block); after everything → end of file.
// Blank lines: one blank line is kept wherever the source has at least one between two items
// (comments or lines), except right after a line that opens a block and right before one that
// closes it.

import type { Comment } from '../ast.js';
import type { SourceFile } from '../source.js';
import { INDENT, layout, type Doc } from './doc.js';

/** The widest a formatted line may be, in display columns (width.ts), unless one token is wider. */
export const MAX_WIDTH = 100;

export interface Line {
  indent: number;
  /** The laid-out code, its continuation lines after `\n` indented relative to `indent`. */
  text: string;
  /** Source range this line prints. Headers end just after their `{`, closers cover their `}`. */
  start: number;
  end: number;
  open?: boolean;
  close?: boolean;
  leading: Comment[];
  inner: Comment[];
  trailing: Comment[];
}

export class Lines {
  readonly lines: Line[] = [];
  /** Adds a logical line, laid out within MAX_WIDTH at its indentation (trailing comments are not
   * counted: they follow the code wherever it ends). */
  add(indent: number, doc: Doc, start: number, end: number, flags: { open?: boolean; close?: boolean } = {}): void {
    const text = typeof doc === 'string' ? doc : layout(doc, MAX_WIDTH - INDENT.length * indent);
    this.lines.push({ indent, text, start, end, ...flags, leading: [], inner: [], trailing: [] });
  }
}

/** Places every comment (rules 1–3 of the header); the comments no line takes are returned. Each
 * question is answered by a sweep over lines sorted once, so a file with many lines and many comments
 * formats in O((lines + comments) log lines) — a search over all lines per comment took 20 s on a
 * 900 KB scheme. `lines` is in print order, which rules 1 and 3 use to break ties. */
function attach(lines: Line[], comments: readonly Comment[], file: SourceFile): Comment[] {
  const orphans: Comment[] = [];
  // A line after which a same-line comment went elsewhere takes no further trailing comments, so
  // comments never change order (`{ /* a */ given // b` keeps a before b).
  const blocked = new Set<Line>();
  const sorted = [...comments].sort((a, b) => a.span.start - b.span.start);
  const endsLine = lineEnders(file, sorted);
  const newlines = newlineOffsets(file.text);
  // (A line of a tree recovered from a syntax error may have a NaN offset: it then meets no condition.)
  const order = lines.map((_, i) => i);
  const byStart = order.filter((i) => !Number.isNaN(lines[i].start)).sort((a, b) => lines[a].start - lines[b].start || a - b);
  const byEnd = order.filter((i) => !Number.isNaN(lines[i].end)).sort((a, b) => lines[a].end - lines[b].end || a - b);
  const open = new MinHeap(); // print indices of lines that start at or before the comment
  let s = 0, e = 0, n = 0;
  let before = -1; // the line that ends last at or before the comment (the last printed, on ties)
  for (const [k, c] of sorted.entries()) {
    const at = c.span.start;
    // 1. inside: the first line in print order whose range contains the comment's start
    while (s < byStart.length && lines[byStart[s]].start <= at) open.push(byStart[s++]);
    while (open.size > 0 && !(lines[open.peek()].end > at)) open.pop(); // ended before: never again
    if (open.size > 0) { lines[open.peek()].inner.push(c); continue; }
    // 2. trailing comment of the line just before, on the same source line
    for (; e < byEnd.length && lines[byEnd[e]].end <= at; e++) {
      if (before < 0 || lines[byEnd[e]].end >= lines[before].end) before = byEnd[e];
    }
    if (before >= 0 && !hasNewline(newlines, lines[before].end, at)) {
      const b = lines[before];
      if (!blocked.has(b) && endsLine[k]) { b.trailing.push(c); continue; }
      blocked.add(b);
    }
    // 3. leading comment of the first line that starts after it
    while (n < byStart.length && lines[byStart[n]].start < c.span.end) n++;
    if (n < byStart.length) lines[byStart[n]].leading.push(c); else orphans.push(c);
  }
  return orphans;
}

/** Offsets of the line breaks of `text`, ascending. */
function newlineOffsets(text: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) out.push(i);
  return out;
}

/** Whether `text` has a line break in [from, to), by binary search in its offsets. */
function hasNewline(newlines: readonly number[], from: number, to: number): boolean {
  let lo = 0, hi = newlines.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (newlines[mid] < from) lo = mid + 1; else hi = mid; }
  return lo < newlines.length && newlines[lo] < to;
}

/** Closing punctuation and white space, other than a line break, that may follow a trailing comment. */
const TRAILING = /[\s,)\]}，）】]/;

/** For each of the comments (sorted), whether only closing punctuation and other comments follow it
 * on its line. Computed from the last comment back: what follows a comment up to the next comment
 * on the same line is read once, and the rest is that comment's answer. */
function lineEnders(file: SourceFile, sorted: readonly Comment[]): boolean[] {
  const text = file.text;
  const out: boolean[] = new Array(sorted.length).fill(false);
  for (let k = sorted.length - 1; k >= 0; k--) {
    let i = sorted[k].span.end;
    while (i < text.length && text[i] !== '\n' && TRAILING.test(text[i])) i++;
    if (i >= text.length || text[i] === '\n') { out[k] = true; continue; }
    const next = sorted[k + 1];
    if (!next || next.span.start !== i) continue; // code follows
    // A line comment ends the line; a block comment counts only if it closes on this line.
    out[k] = !next.block || (next.text.endsWith('*/') && !next.text.includes('\n') && out[k + 1]);
  }
  return out;
}

/** A binary min-heap of numbers. */
class MinHeap {
  private readonly a: number[] = [];
  get size(): number { return this.a.length; }
  peek(): number { return this.a[0]; }
  push(x: number): void {
    const a = this.a;
    let i = a.push(x) - 1;
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (a[up] <= x) break;
      a[i] = a[up];
      i = up;
    }
    a[i] = x;
  }
  pop(): number {
    const a = this.a;
    const top = a[0];
    const last = a.pop()!;
    if (a.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i, v = last;
        if (l < a.length && a[l] < v) { m = l; v = a[l]; }
        if (r < a.length && a[r] < v) m = r;
        if (m === i) break;
        a[i] = a[m];
        i = m;
      }
      a[i] = last;
    }
    return top;
  }
}

function hasBlankLine(file: SourceFile, from: number, to: number): boolean {
  return from < to && /\n[ \t\r\u3000]*\n/.test(file.text.slice(from, to));
}

function commentText(c: Comment): string {
  return c.text.trimEnd();
}

/** Renders the lines with every comment placed; always ends with one newline. */
export function render(out: Lines, comments: readonly Comment[], file: SourceFile): string {
  const orphans = attach(out.lines, comments, file);
  const text: string[] = [];
  let prevEnd = -1;          // source offset after the last emitted item; -1 at the start of the file
  let afterOpen = true;      // no blank line at the start of the file or of a block
  const emit = (s: string, start: number, end: number, blankOk: boolean) => {
    if (blankOk && !afterOpen && prevEnd >= 0 && hasBlankLine(file, prevEnd, start)) text.push('');
    text.push(s);
    prevEnd = Math.max(prevEnd, end);
    afterOpen = false;
  };
  for (const l of out.lines) {
    const commentIndent = INDENT.repeat(l.close ? l.indent + 1 : l.indent);
    for (const c of l.leading) emit(commentIndent + commentText(c), c.span.start, c.span.end, true);
    const codeIndent = INDENT.repeat(l.indent);
    // Moved comments: a blank line before the first one stands for a blank line before the code line.
    for (const c of l.inner) emit(codeIndent + commentText(c), l.start, l.start, l.inner[0] === c && !l.close);
    const trailing = l.trailing.map((c) => ' ' + commentText(c)).join('');
    const end = Math.max(l.end, ...l.trailing.map((c) => c.span.end));
    const code = codeIndent + l.text.replaceAll('\n', '\n' + codeIndent);
    emit(code + trailing, l.start, end, !l.close && l.inner.length === 0);
    afterOpen = !!l.open;
  }
  for (const c of orphans) emit(commentText(c), c.span.start, c.span.end, true);
  return text.join('\n') + '\n';
}
