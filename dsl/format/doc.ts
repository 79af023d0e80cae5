// The layout engine behind line wrapping: a small Wadler/Prettier-style document algebra. The
// printers describe each logical line as a Doc — text, concatenation, `line` (a space, or a line
// break when its group does not fit), `group`, `indent` — and `layout` decides where to break so
// that lines stay within the width, measured in display columns (width.ts: CJK counts two).
//
// - A group is printed flat if everything up to the next possible break after it fits; otherwise
//   its own `line`s break and its inner groups are decided again, each on its own. Outer groups
//   therefore break first (`a + b * c` breaks before `+` before it breaks before `*`).
// - `choice(a, b, …, z)` takes the first option that fits entirely flat (its `hardline`s excepted,
//   each starting a new line that must fit too), else the last option with its groups decided as
//   usual. It is meant for a whole logical line: `x = value` on one line, else `x =` with the value
//   flat on the next line, else the value broken where it stands.
// - `fill(items)` breaks a separator only where the next item would not fit: several items a line.
// - Continuation lines are indented one level (two spaces) per enclosing `indent`, relative to the
//   logical line's own indentation.
// The layout depends only on the Doc and the width, so formatting stays idempotent. It is iterative
// (explicit stacks, no recursion over the Doc), and a fit test reads at most the room left on the
// line, so deep trees neither overflow the stack nor take quadratic time.

import { displayWidth } from './width.js';

export type Doc = string | readonly Doc[] | Group | Indent | Line | Choice | Fill;
export interface Group { readonly kind: 'group'; readonly doc: Doc }
export interface Indent { readonly kind: 'indent'; readonly doc: Doc }
/** `flat` is what the line prints when not broken; `hard` lines always break. */
export interface Line { readonly kind: 'line'; readonly flat: string; readonly hard?: boolean }
export interface Choice { readonly kind: 'choice'; readonly options: readonly Doc[] }
/** Items and separators alternating (`a, line, b, line, c`): each separator breaks only if the item
 * after it does not fit on the line — a paragraph of items (lists of numbers). */
export interface Fill { readonly kind: 'fill'; readonly parts: readonly Doc[] }

/** A space, or a line break. */
export const line: Line = { kind: 'line', flat: ' ' };
/** Nothing, or a line break. */
export const softline: Line = { kind: 'line', flat: '' };
/** Always a line break (only inside `choice` options: see the header). */
export const hardline: Line = { kind: 'line', flat: '', hard: true };

export const group = (...docs: Doc[]): Group => ({ kind: 'group', doc: docs });
export const indent = (...docs: Doc[]): Indent => ({ kind: 'indent', doc: docs });
export const choice = (...options: Doc[]): Choice => ({ kind: 'choice', options });
export const fill = (parts: readonly Doc[]): Fill => ({ kind: 'fill', parts });

/** `docs` with `sep` between each two. */
export function join(sep: Doc, docs: readonly Doc[]): Doc[] {
  const out: Doc[] = [];
  docs.forEach((d, i) => { if (i > 0) out.push(sep); out.push(d); });
  return out;
}

/** The first text the Doc prints ('' if none), e.g. to know whether it starts with `-`. */
export function firstText(doc: Doc): string {
  const todo: Doc[] = [doc];
  while (todo.length > 0) {
    const d = todo.pop()!;
    if (typeof d === 'string') { if (d) return d; continue; }
    if (isArray(d)) { for (let i = d.length - 1; i >= 0; i--) todo.push(d[i]); continue; }
    switch (d.kind) {
      case 'group': case 'indent': todo.push(d.doc); break;
      case 'choice': todo.push(d.options[0]); break;
      case 'fill': for (let i = d.parts.length - 1; i >= 0; i--) todo.push(d.parts[i]); break;
      case 'line': if (d.flat) return d.flat; break;
    }
  }
  return '';
}

export const INDENT = '  ';

const FLAT = 0, BREAK = 1;
type Mode = typeof FLAT | typeof BREAK;
/** A pending piece of work: indentation level, mode, the Doc, and for arrays the next index. */
interface Cmd { ind: number; mode: Mode; doc: Doc; at: number }

const isArray = (d: Doc): d is readonly Doc[] => Array.isArray(d);

/** Lays `doc` out within `width` columns; continuation lines carry their relative indentation. */
export function layout(doc: Doc, width: number): string {
  return layoutLines(doc, width).join('\n');
}

function layoutLines(doc: Doc, width: number): string[] {
  const lines: string[] = [];
  let cur = '';
  let pos = 0;
  const cmds: Cmd[] = [{ ind: 0, mode: BREAK, doc, at: 0 }];
  while (cmds.length > 0) {
    const c = cmds.pop()!;
    const d = c.doc;
    if (typeof d === 'string') { cur += d; pos += displayWidth(d); continue; }
    if (isArray(d)) {
      for (let i = d.length - 1; i >= 0; i--) cmds.push({ ind: c.ind, mode: c.mode, doc: d[i], at: 0 });
      continue;
    }
    switch (d.kind) {
      case 'indent': cmds.push({ ind: c.ind + 1, mode: c.mode, doc: d.doc, at: 0 }); break;
      case 'group': {
        const mode = c.mode === FLAT || fits({ ind: c.ind, mode: FLAT, doc: d.doc, at: 0 }, cmds, width - pos, width) ? FLAT : BREAK;
        cmds.push({ ind: c.ind, mode, doc: d.doc, at: 0 });
        break;
      }
      case 'choice': {
        let pick = d.options.length - 1;
        if (c.mode === FLAT) pick = 0;
        else {
          for (let i = 0; i < d.options.length - 1; i++) {
            if (fits({ ind: c.ind, mode: FLAT, doc: d.options[i], at: 0 }, cmds, width - pos, width)) { pick = i; break; }
          }
        }
        cmds.push({ ind: c.ind, mode: pick === d.options.length - 1 ? c.mode : FLAT, doc: d.options[pick], at: 0 });
        break;
      }
      case 'fill': {
        // Item `at`, flat if it fits; then its separator, flat if the next item fits after it.
        const parts = d.parts;
        if (c.at >= parts.length) break;
        const item = parts[c.at];
        const itemMode = c.mode === FLAT || fits({ ind: c.ind, mode: FLAT, doc: item, at: 0 }, [], width - pos, width) ? FLAT : BREAK;
        if (c.at + 1 < parts.length) {
          const pair = [item, parts[c.at + 1], parts[c.at + 2] ?? ''];
          const sepMode = c.mode === FLAT || fits({ ind: c.ind, mode: FLAT, doc: pair, at: 0 }, [], width - pos, width) ? FLAT : BREAK;
          cmds.push({ ind: c.ind, mode: c.mode, doc: d, at: c.at + 2 });
          cmds.push({ ind: c.ind, mode: sepMode, doc: parts[c.at + 1], at: 0 });
        }
        cmds.push({ ind: c.ind, mode: itemMode, doc: item, at: 0 });
        break;
      }
      case 'line':
        if (c.mode === FLAT && !d.hard) { cur += d.flat; pos += d.flat.length; break; }
        lines.push(cur.trimEnd());
        cur = INDENT.repeat(c.ind);
        pos = cur.length;
        break;
    }
  }
  lines.push(cur.trimEnd());
  return lines;
}

/** Whether `next`, then the pending commands up to their first line break, fit in `room` columns.
 * Hard lines inside `next` start a new line of `width` columns (less its indentation). Arrays are
 * walked with an index, so a test costs at most the room it reads, not the size of the Doc. */
function fits(next: Cmd, rest: readonly Cmd[], room: number, width: number): boolean {
  let restIdx = rest.length;
  let inRest = false;
  const todo: Cmd[] = [next];
  while (room >= 0) {
    if (todo.length === 0) {
      if (restIdx === 0) return true;
      const r = rest[--restIdx];
      todo.push({ ...r });
      inRest = true;
      continue;
    }
    const c = todo[todo.length - 1];
    const d = c.doc;
    if (typeof d === 'string') { todo.pop(); room -= displayWidth(d); continue; }
    if (isArray(d) || d.kind === 'fill') {
      const parts = isArray(d) ? d : d.parts;
      if (c.at >= parts.length) todo.pop();
      else todo.push({ ind: c.ind, mode: c.mode, doc: parts[c.at++], at: 0 });
      continue;
    }
    todo.pop();
    switch (d.kind) {
      case 'indent': todo.push({ ind: c.ind + 1, mode: c.mode, doc: d.doc, at: 0 }); break;
      case 'group': todo.push({ ind: c.ind, mode: c.mode, doc: d.doc, at: 0 }); break;
      case 'choice': todo.push({ ind: c.ind, mode: c.mode, doc: c.mode === FLAT ? d.options[0] : d.options[d.options.length - 1], at: 0 }); break;
      case 'line':
        if (d.hard && !inRest) { room = width - INDENT.length * c.ind; break; }
        if (c.mode === BREAK || d.hard) return true;
        room -= d.flat.length;
        break;
    }
  }
  return false;
}
