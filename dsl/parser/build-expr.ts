// CST → AST for expressions. Works on partial trees: where the parser recovered from an error a
// child may be missing, and the builder yields an `Error` expression rather than throwing.

import type { CstNode, IToken } from 'chevrotain';
import type { AggregateFn, BinaryOp, CompareOp, Expr, Label, Name, NumberLit, ObjectLit, Span } from '../ast.js';
import { canonicalBuiltin } from '../keywords.js';

export type Children = Record<string, (CstNode | IToken)[] | undefined>;

export const kids = (n: CstNode | undefined): Children => (n?.children ?? {}) as Children;
export const tok = (c: Children, k: string): IToken | undefined => {
  const t = c[k]?.[0] as IToken | undefined;
  return t && !t.isInsertedInRecovery && Number.isFinite(t.startOffset) ? t : undefined;
};
export const toks = (c: Children, k: string): IToken[] =>
  ((c[k] ?? []) as IToken[]).filter((t) => !t.isInsertedInRecovery && Number.isFinite(t.startOffset));
export const node = (c: Children, k: string): CstNode | undefined => c[k]?.[0] as CstNode | undefined;
export const nodes = (c: Children, k: string): CstNode[] => (c[k] ?? []) as CstNode[];

export const tokSpan = (t: IToken): Span => ({ start: t.startOffset, end: t.endOffset! + 1 });

/** The span of a CST node: its tracked location, or the extent of the tokens under it. */
export function nodeSpan(n: CstNode | undefined, fallback: Span = { start: 0, end: 0 }): Span {
  const loc = n?.location;
  if (loc && Number.isFinite(loc.startOffset) && Number.isFinite(loc.endOffset)) {
    return { start: loc.startOffset, end: loc.endOffset! + 1 };
  }
  let start = Infinity, end = -Infinity;
  const visit = (x: CstNode) => {
    for (const list of Object.values(x.children)) for (const c of list ?? []) {
      if ('tokenType' in c) {
        if (Number.isFinite(c.startOffset) && !c.isInsertedInRecovery) {
          start = Math.min(start, c.startOffset); end = Math.max(end, c.endOffset! + 1);
        }
      } else visit(c);
    }
  };
  if (n) visit(n);
  return Number.isFinite(start) ? { start, end } : fallback;
}

export const cover = (a: Span, b: Span): Span => ({ start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) });

export function nameOf(t: IToken | undefined, fallback: Span): Name {
  return t ? { name: t.image, span: tokSpan(t) } : { name: '', span: fallback };
}

export function labelOf(c: Children): Label | undefined {
  const t = tok(c, 'label');
  return t ? { value: (t as IToken & { value: string }).value, span: tokSpan(t) } : undefined;
}

export function numberOf(t: IToken): NumberLit {
  return { kind: 'Number', text: t.image, percent: t.tokenType.name === 'PercentLiteral', span: tokSpan(t) };
}

const error = (span: Span): Expr => ({ kind: 'Error', span });

export function buildExpr(n: CstNode | undefined, fallback: Span): Expr {
  if (!n) return error(fallback);
  const c = kids(n);
  const span = nodeSpan(n, fallback);
  switch (n.name) {
    case 'expression': {
      const body = node(c, 'body');
      if (body) return buildExpr(body, span);
      return {
        kind: 'If', cond: buildExpr(node(c, 'cond'), span), then: buildExpr(node(c, 'then'), span),
        else: buildExpr(node(c, 'else'), span), span,
      };
    }
    case 'opExpr': return buildOperators(c, span);
    case 'operand': return buildOperand(c, span, 0);
    case 'objectLit': return buildObject(n, span);
    default: return error(span);
  }
}

// Binding power of binary operators (LANGUAGE.md §4, loosest first); prefix `not` sits between
// `and` and the comparisons, prefix `-` above `* /`.
const BINARY: Record<string, number> = {
  or: 1, and: 2, '==': 4, '!=': 4, '<': 4, '<=': 4, '>': 4, '>=': 4, in: 4, '+': 5, '-': 5, '*': 6, '/': 6,
};
const NOT_POWER = 3, NEG_POWER = 7;

type Item =
  | { kind: 'prefix'; op: 'not' | '-'; at: number }
  | { kind: 'atom'; node: CstNode; skip: number }
  | { kind: 'binary'; op: string; tok: IToken }
  | { kind: 'in'; node: CstNode };

/** Precedence climbing over the flat operand/operator sequence of an `opExpr`. */
function buildOperators(c: Children, span: Span): Expr {
  const operands = nodes(c, 'operand');
  const ops: ({ at: number; tok: IToken } | { at: number; node: CstNode })[] = [
    ...toks(c, 'op').map((t) => ({ at: t.startOffset, tok: t })),
    ...nodes(c, 'inSet').map((n) => ({ at: nodeSpan(n).start, node: n })),
  ].sort((a, b) => a.at - b.at);
  if (ops.length === 0) return buildExpr(operands[0], span);
  const items: Item[] = [];
  const pushOperand = (n: CstNode | undefined) => {
    if (!n) { items.push({ kind: 'atom', node: { name: 'missing', children: {} }, skip: 0 }); return; }
    const prefixes = toks(kids(n), 'prefix');
    for (const p of prefixes) items.push({ kind: 'prefix', op: p.tokenType.name === 'Kw_not' ? 'not' : '-', at: p.startOffset });
    items.push({ kind: 'atom', node: n, skip: prefixes.length });
  };
  let next = 0;
  pushOperand(operands[next++]);
  for (const op of ops) {
    if ('tok' in op) {
      const name = op.tok.tokenType.name;
      items.push({ kind: 'binary', op: name === 'Kw_or' ? 'or' : name === 'Kw_and' ? 'and' : op.tok.image, tok: op.tok });
      pushOperand(operands[next++]);
    } else items.push({ kind: 'in', node: op.node });
  }
  let pos = 0;
  const parse = (min: number): Expr => {
    const item = items[pos++];
    let left: Expr;
    if (!item) return error(span);
    if (item.kind === 'prefix') {
      const operand = parse(item.op === 'not' ? NOT_POWER : NEG_POWER);
      left = { kind: 'Unary', op: item.op, operand, span: { start: item.at, end: operand.span.end } };
    } else if (item.kind === 'atom') left = item.node.name === 'missing' ? error(span) : buildOperand(kids(item.node), nodeSpan(item.node, span), item.skip);
    else return error(span);
    for (;;) {
      const op = items[pos];
      if (!op || (op.kind !== 'binary' && op.kind !== 'in')) break;
      const power = BINARY[op.kind === 'in' ? 'in' : op.op];
      if (power < min) break;
      pos++;
      if (op.kind === 'in') {
        const set = nodes(kids(op.node), 'item').map((i) => buildExpr(i, span));
        left = { kind: 'In', value: left, set, span: cover(left.span, nodeSpan(op.node, span)) };
      } else {
        const right = parse(power + 1);
        left = { kind: 'Binary', op: op.op as BinaryOp, left, right, span: cover(left.span, right.span) };
      }
    }
    return left;
  };
  return parse(0);
}

/** An operand's primary and suffixes; `skip` prefixes were already applied by the caller. */
function buildOperand(c: Children, span: Span, skip: number): Expr {
  const prefixes = toks(c, 'prefix').slice(skip);
  let acc = buildPostfix(c, span);
  for (let i = prefixes.length - 1; i >= 0; i--) {
    const p = prefixes[i];
    acc = { kind: 'Unary', op: p.tokenType.name === 'Kw_not' ? 'not' : '-', operand: acc, span: { start: p.startOffset, end: acc.span.end } };
  }
  return acc;
}

function buildPostfix(c: Children, fullSpan: Span): Expr {
  const prefixes = toks(c, 'prefix');
  const start = prefixes.length ? prefixes[prefixes.length - 1].endOffset! + 1 : fullSpan.start;
  let acc = buildPrimary(c, fullSpan);
  if (prefixes.length && acc.kind !== 'Error') acc.span = { start: Math.max(start, acc.span.start), end: acc.span.end };
  // Dots and brackets interleave; order them by position.
  const ops: { at: number; field?: IToken; index?: CstNode; end: number }[] = [];
  const fields = toks(c, 'field');
  toks(c, 'dot').forEach((d, i) => { if (fields[i]) ops.push({ at: d.startOffset, field: fields[i], end: fields[i].endOffset! + 1 }); });
  const idx = nodes(c, 'indexExpr');
  toks(c, 'index').forEach((b, i) => { if (idx[i]) ops.push({ at: b.startOffset, index: idx[i], end: nodeSpan(idx[i]).end + 1 }); });
  ops.sort((a, b) => a.at - b.at);
  for (const op of ops) {
    const s = { start: acc.span.start, end: Math.max(op.end, acc.span.end) };
    acc = op.field
      ? { kind: 'Field', object: acc, field: { name: op.field.image, span: tokSpan(op.field) }, span: s }
      : { kind: 'Index', object: acc, index: buildExpr(op.index, s), span: s };
  }
  return acc;
}

function buildPrimary(c: Children, span: Span): Expr {
  const num = tok(c, 'number');
  if (num) return numberOf(num);
  const str = tok(c, 'string');
  if (str) return { kind: 'String', value: (str as IToken & { value: string }).value, span: tokSpan(str) };
  const b = tok(c, 'bool');
  if (b) return { kind: 'Bool', value: b.tokenType.name === 'Kw_true', span: tokSpan(b) };
  const paren = node(c, 'paren');
  if (paren) return buildExpr(paren, span);
  const call = node(c, 'call');
  if (call) return buildCall(call, span);
  const form = node(c, 'scoringForm');
  if (form) return buildForm(form, span);
  const obj = node(c, 'objectLit');
  if (obj) return buildObject(obj, span);
  const list = node(c, 'listLit');
  if (list) return { kind: 'List', items: nodes(kids(list), 'item').map((i) => buildExpr(i, span)), span: nodeSpan(list, span) };
  return error(span);
}

const AGGREGATES = new Set(['avg', 'sum', 'count', 'min', 'max', 'any', 'all']);

function buildCall(n: CstNode, fallback: Span): Expr {
  const c = kids(n);
  const span = nodeSpan(n, fallback);
  const calleeTok = tok(c, 'callee');
  const callee = nameOf(calleeTok, span);
  // `min`/`max` lex as keywords (they are also caps and counts); as callees they are the functions.
  const canonical = calleeTok?.tokenType.name === 'Kw_min' ? 'min'
    : calleeTok?.tokenType.name === 'Kw_max' ? 'max' : canonicalBuiltin(callee.name);
  if (!c.args) {
    const ref: Expr = { kind: 'Name', name: callee.name, span };
    if (isResult(canonical)) ref.builtin = canonical;
    return ref;
  }
  const agg = node(c, 'aggregate');
  if (agg) {
    const a = kids(agg);
    return {
      kind: 'Aggregate', fn: (canonical ?? callee.name) as AggregateFn, callee, span,
      binder: nameOf(tok(a, 'binder'), span), list: buildExpr(node(a, 'list'), span),
      where: optExpr(a, 'where', span), weight: optExpr(a, 'weight', span), body: optExpr(a, 'body', span),
    };
  }
  return { kind: 'Call', callee, fn: canonical ?? '', args: nodes(c, 'arg').map((x) => buildExpr(x, span)), span };
}

const RESULT = new Set(['score', 'base', 'rewards', 'deductions', 'grade', 'bonus']);
const isResult = (c: string | undefined) => c !== undefined && RESULT.has(c);

export function optExpr(c: Children, k: string, span: Span): Expr | undefined {
  const n = node(c, k);
  return n ? buildExpr(n, span) : undefined;
}

function buildForm(n: CstNode, fallback: Span): Expr {
  const c = kids(n);
  const span = nodeSpan(n, fallback);
  const form = tok(c, 'form')?.tokenType.name;
  const subject = buildExpr(node(c, 'subject'), span);
  if (form === 'Kw_rate') return { kind: 'Rate', subject, span };
  if (form === 'Kw_linear') {
    return {
      kind: 'Linear', subject, span,
      points: nodes(c, 'linearPoint').map((p) => {
        const pc = kids(p), ps = nodeSpan(p, span);
        return { x: buildExpr(node(pc, 'x'), ps), y: buildExpr(node(pc, 'y'), ps), span: ps };
      }),
    };
  }
  if (form === 'Kw_levels') {
    const entries = [];
    let otherwise: Expr | undefined;
    for (const e of nodes(c, 'levelEntry')) {
      const ec = kids(e), es = nodeSpan(e, span);
      const score = buildExpr(node(ec, 'score'), es);
      if (ec.else) otherwise = score;
      else entries.push({ member: nameOf(tok(ec, 'member'), es), score, span: es });
    }
    return { kind: 'Levels', subject, entries, else: otherwise, span };
  }
  const bands = [];
  let otherwise: Expr | undefined;
  for (const e of nodes(c, 'bandEntry')) {
    const ec = kids(e), es = nodeSpan(e, span);
    const score = buildExpr(node(ec, 'score'), es);
    if (ec.else) otherwise = score;
    else bands.push({ op: (tok(ec, 'op')?.image ?? '>=') as CompareOp, threshold: buildExpr(node(ec, 'threshold'), es), score, span: es });
  }
  return { kind: 'Bands', subject, bands, else: otherwise, span };
}

export function buildObject(n: CstNode | undefined, fallback: Span): ObjectLit {
  const span = nodeSpan(n, fallback);
  const entries = nodes(kids(n), 'entry').map((e) => {
    const ec = kids(e), es = nodeSpan(e, span);
    return { key: nameOf(tok(ec, 'key'), es), value: buildExpr(node(ec, 'value'), es), span: es };
  });
  return { kind: 'Object', entries, span };
}
