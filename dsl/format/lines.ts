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

export interface Line {
  indent: number;
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
  add(indent: number, text: string, start: number, end: number, flags: { open?: boolean; close?: boolean } = {}): void {
    this.lines.push({ indent, text, start, end, ...flags, leading: [], inner: [], trailing: [] });
  }
}

const INDENT = '  ';

function attach(lines: Line[], comments: readonly Comment[], file: SourceFile): Comment[] {
  const orphans: Comment[] = [];
  // A line after which a same-line comment went elsewhere takes no further trailing comments, so
  // comments never change order (`{ /* a */ given // b` keeps a before b).
  const blocked = new Set<Line>();
  for (const c of [...comments].sort((a, b) => a.span.start - b.span.start)) {
    const inside = lines.find((l) => l.start <= c.span.start && c.span.start < l.end);
    if (inside) { inside.inner.push(c); continue; }
    let before: Line | undefined;
    for (const l of lines) if (l.end <= c.span.start && (!before || l.end >= before.end)) before = l;
    if (before && !file.text.slice(before.end, c.span.start).includes('\n')) {
      if (!blocked.has(before) && endsLine(file, c)) { before.trailing.push(c); continue; }
      blocked.add(before);
    }
    let next: Line | undefined;
    for (const l of lines) if (l.start >= c.span.end && (!next || l.start < next.start)) next = l;
    if (next) next.leading.push(c); else orphans.push(c);
  }
  return orphans;
}

/** Nothing but closing punctuation and other comments follows `c` on its line. */
function endsLine(file: SourceFile, c: Comment): boolean {
  const nl = file.text.indexOf('\n', c.span.end);
  const rest = file.text.slice(c.span.end, nl < 0 ? file.text.length : nl);
  return /^[\s,)\]}，）】]*$/.test(rest.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/g, ''));
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
    emit(codeIndent + l.text + trailing, l.start, end, !l.close && l.inner.length === 0);
    afterOpen = !!l.open;
  }
  for (const c of orphans) emit(commentText(c), c.span.start, c.span.end, true);
  return text.join('\n') + '\n';
}
