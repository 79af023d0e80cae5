// Where the cursor is, for completion: read from the tokens before it, not from the tree, because
// the text being completed is by definition unfinished. The braces, brackets and parentheses before
// the cursor form a stack of blocks; each `{` is classified by the keyword that opened it
// (`group … {`, `bands x {`, `given {`, `x in {` …). Inside `given`, blocks remember the path of keys
// that leads to them, so `工作任务: [ { 难度: |` knows it wants a member of the element's 难度 field.

import type { KeywordId } from '../keywords.js';
import { tokenBefore, type Tok } from './scan.js';

export type BlockKind =
  | 'top' | 'scheme' | 'enum' | 'table' | 'panel' | 'input' | 'record' | 'group' | 'when' | 'rules'
  | 'grades' | 'outcomes' | 'bonus' | 'example' | 'given' | 'object' | 'list' | 'set' | 'bands'
  | 'levels' | 'linear' | 'paren' | 'index' | 'other' | 'quotaTable';

export interface Block {
  kind: BlockKind;
  /** Index of the opening token (-1 for the top level). */
  open: number;
  /** In `given`: the keys (and `[]` for list elements) from the input down to this block. */
  path?: string[];
}

export interface CursorContext {
  /** The word being typed (before the cursor) and the range a completion replaces. */
  prefix: string;
  from: number;
  to: number;
  blocks: Block[];
  block: Block;
  /** Significant tokens before the word: prev is the nearest. */
  prev?: Tok;
  prev2?: Tok;
  /** Index of `prev` in the token list. */
  prevIndex: number;
  /** The word is the first thing on its line (a new statement, in practice). */
  lineStart: boolean;
  /** Inside a string or comment: nothing to complete. */
  inert: boolean;
}

const OPENERS: Partial<Record<KeywordId, BlockKind>> = {
  scheme: 'scheme', enum: 'enum', table: 'table', panel: 'panel', input: 'input', group: 'group',
  when: 'when', negative: 'rules', reward: 'rules', grades: 'grades', outcomes: 'outcomes',
  bonusByGrade: 'bonus', example: 'example', given: 'given', bands: 'bands', levels: 'levels', linear: 'linear',
};
const GIVEN_AREA = new Set<BlockKind>(['given', 'object', 'list']);
const WORD_BEFORE = /[\p{L}\p{N}_]*$/u;
const WORD_AFTER = /^[\p{L}\p{N}_]*/u;

export function cursorContext(text: string, toks: readonly Tok[], offset: number): CursorContext {
  const prefix = WORD_BEFORE.exec(text.slice(Math.max(0, offset - 64), offset))![0];
  const from = offset - prefix.length;
  const to = offset + WORD_AFTER.exec(text.slice(offset, offset + 64))![0].length;
  let last = tokenBefore(toks, from);
  const blocks = blockStack(toks, last);
  while (last >= 0 && toks[last].kind === 'comment') last--;
  const prevIndex = last;
  let p2 = last - 1;
  while (p2 >= 0 && toks[p2].kind === 'comment') p2--;
  const prev = toks[last];
  const lineStart = !prev || text.slice(prev.end, from).includes('\n');
  return {
    prefix, from, to, blocks, block: blocks[blocks.length - 1], prev, prev2: toks[p2], prevIndex, lineStart,
    inert: isInert(toks, offset),
  };
}

/** Inside a string or comment, or right at the end of one that is still open. */
function isInert(toks: readonly Tok[], offset: number): boolean {
  const i = tokenBefore(toks, offset);
  const inside = toks[i + 1];
  if (inside && inside.start < offset && (inside.kind === 'comment' || inside.kind === 'string')) return true;
  const t = toks[i];
  if (!t || t.end !== offset) return false;
  if (t.kind === 'comment') return t.text.startsWith('//') || !t.text.endsWith('*/');
  return t.kind === 'string' && (t.text.length === 1 || !/["”]$/.test(t.text));
}

/** The open blocks after tokens 0..last. */
export function blockStack(toks: readonly Tok[], last: number): Block[] {
  const stack: Block[] = [{ kind: 'top', open: -1 }];
  for (let i = 0; i <= last; i++) {
    const t = toks[i];
    if (t.kind !== 'punct') continue;
    if (t.p === '{') stack.push(classifyBrace(toks, i, stack[stack.length - 1]));
    else if (t.p === '(') stack.push({ kind: 'paren', open: i });
    else if (t.p === '[') {
      const top = stack[stack.length - 1];
      stack.push(GIVEN_AREA.has(top.kind) ? { kind: 'list', open: i, path: [...(top.path ?? []), ...keyBefore(toks, i, top)] } : { kind: 'index', open: i });
    } else if (t.p === '}' || t.p === ')' || t.p === ']') {
      // Pop to the matching opener; an unmatched closer is ignored (the parser reports it).
      const want = t.p === '}' ? '{' : t.p === ')' ? '(' : '[';
      for (let k = stack.length - 1; k > 0; k--) {
        if (toks[stack[k].open]?.p === want) { stack.length = k; break; }
      }
    }
  }
  return stack;
}

function prevSignificant(toks: readonly Tok[], i: number): number {
  let j = i - 1;
  while (j >= 0 && toks[j].kind === 'comment') j--;
  return j;
}

/** In a given-area block: the key a `{`/`[` at token i belongs to (`[]` for a list element). */
function keyBefore(toks: readonly Tok[], i: number, top: Block): string[] {
  const p = prevSignificant(toks, i);
  if (toks[p]?.p === ':') {
    const k = toks[prevSignificant(toks, p)];
    return k ? [k.text] : [];
  }
  return top.kind === 'list' ? ['[]'] : [];
}

function classifyBrace(toks: readonly Tok[], i: number, top: Block): Block {
  const p = prevSignificant(toks, i);
  const prev = toks[p];
  if (prev?.kw === 'in') return { kind: 'set', open: i };
  if (prev?.kind === 'ident' && toks[prevSignificant(toks, p)]?.kw === 'quota') return { kind: 'quotaTable', open: i }; // issue 13
  if (GIVEN_AREA.has(top.kind)) return { kind: 'object', open: i, path: [...(top.path ?? []), ...keyBefore(toks, i, top)] };
  if (prev?.kw === 'listOf' || ((top.kind === 'input' || top.kind === 'record') && (prev?.p === ':' || prev?.p === ','))) {
    return { kind: 'record', open: i };
  }
  for (let j = p; j >= 0; j--) {
    const t = toks[j];
    if (t.p === '{' || t.p === '}') break;
    const kind = t.kw && OPENERS[t.kw];
    if (kind) return kind === 'given' ? { kind, open: i, path: [] } : { kind, open: i };
  }
  return { kind: 'other', open: i };
}

/** Tokens of the current statement before the cursor: from the innermost block's opener (or the
 * first token on the cursor's line that starts a statement) up to `prevIndex`. */
export function statementTokens(toks: readonly Tok[], ctx: CursorContext, text: string): Tok[] {
  const out: Tok[] = [];
  if (ctx.prev && ctx.lineStart && !continues(ctx.prev)) return out; // the cursor starts a new statement
  for (let j = ctx.prevIndex; j > ctx.block.open; j--) {
    const t = toks[j];
    if (t.kind === 'comment') continue;
    out.unshift(t);
    const before = toks[prevSignificant(toks, j)];
    // A statement starts on a new line unless the line before ends in something that continues it.
    if (before && text.slice(before.end, t.start).includes('\n') && !continues(before)) break;
  }
  return out;
}

/** A token after which an expression or declaration must go on. */
function continues(t: Tok): boolean {
  if (t.kind === 'punct') return t.p !== '}' && t.p !== ')' && t.p !== ']';
  return t.kind === 'keyword' && !['else', 'otherwise', 'veto', 'nograde', 'true', 'false', 'asc', 'desc', 'ordered', 'normalize'].includes(t.kw!);
}
