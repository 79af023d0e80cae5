// Weights per post (issue 15: "indicators and weights per post"): when the indicators and weights
// that apply depend on one enum input (`when 岗位 == 行政执法 { … }`, `weight if 岗位 == 窗口服务 then
// 30% else 20%`), a table with one column per member: each indicator's share of the score for people
// of that member — the product of the weights on its path, exact (dsl/rational.ts), scaled where a
// group normalizes — and the column's total (100% when the weights are right). Shown only when every
// deciding condition can be decided by that one input alone; otherwise the conditions in the main
// table say it (structure.ts).

import type { Expr, Member, Share } from '../../dsl/ast.js';
import { Rational } from '../../dsl/rational.js';
import type { Block } from '../model.js';
import { W } from '../words/index.js';
import type { DocCtx } from './index.js';
import { D } from './messages.js';

/** Whether `e` holds when `input` is `member`; undefined when `e` depends on anything else. */
function holds(e: Expr, input: string, member: string): boolean | undefined {
  const isInput = (x: Expr) => x.kind === 'Name' && !x.quoted && x.name === input;
  const memberOf = (x: Expr) => (x.kind === 'Name' && !x.quoted && x.name !== input ? x.name : undefined);
  switch (e.kind) {
    case 'Bool': return e.value;
    case 'Unary': { if (e.op !== 'not') return undefined; const v = holds(e.operand, input, member); return v === undefined ? undefined : !v; }
    case 'In': {
      if (e.of || !isInput(e.value)) return undefined;
      const names = e.set.map(memberOf);
      return names.every((n) => n !== undefined) ? names.includes(member) : undefined;
    }
    case 'Binary': {
      if (e.op === 'and' || e.op === 'or') {
        const l = holds(e.left, input, member), r = holds(e.right, input, member);
        if (e.op === 'and') return l === false || r === false ? false : l === undefined || r === undefined ? undefined : true;
        return l === true || r === true ? true : l === undefined || r === undefined ? undefined : false;
      }
      if (e.op !== '==' && e.op !== '!=') return undefined;
      const other = isInput(e.left) ? memberOf(e.right) : isInput(e.right) ? memberOf(e.left) : undefined;
      if (other === undefined) return undefined;
      return e.op === '==' ? other === member : other !== member;
    }
    default: return undefined;
  }
}

class Undecided extends Error {}

function shareOf(share: Share | undefined, input: string, member: string): Rational {
  if (!share) return Rational.ONE;
  if (share.kind === 'points') throw new Undecided();
  for (const k of share.cases ?? []) {
    const v = holds(k.cond, input, member);
    if (v === undefined) throw new Undecided();
    if (v) return Rational.parse(k.value.text, k.value.percent) ?? Rational.ZERO;
  }
  return Rational.parse(share.value.text, share.value.percent) ?? Rational.ZERO;
}

/** The children of a sibling set that apply to the member (`when` blocks opened). */
function applicable(ms: readonly Member[], input: string, member: string): Exclude<Member, { kind: 'When' }>[] {
  const out: Exclude<Member, { kind: 'When' }>[] = [];
  for (const m of ms) {
    if (m.kind !== 'When') { out.push(m); continue; }
    const v = holds(m.cond, input, member);
    if (v === undefined) throw new Undecided();
    if (v) out.push(...applicable(m.members, input, member));
  }
  return out;
}

function effective(ms: readonly Member[], input: string, member: string, factor: Rational, normalize: boolean, into: Map<string, Rational>): void {
  const kids = applicable(ms, input, member);
  const shares = kids.map((k) => shareOf(k.share, input, member));
  const sum = shares.reduce((a, b) => a.add(b), Rational.ZERO);
  const scale = normalize && !sum.isZero() ? Rational.ONE.div(sum) : Rational.ONE;
  kids.forEach((k, i) => {
    const w = factor.mul(shares[i]).mul(scale);
    if (k.kind === 'Indicator') into.set(k.name.name, w);
    else effective(k.members, input, member, w, k.normalize, into);
  });
}

function leaves(ms: readonly Member[], out: string[] = []): string[] {
  for (const m of ms) {
    if (m.kind === 'Indicator') out.push(m.name.name);
    else leaves(m.members, out);
  }
  return out;
}

const percent = (r: Rational) => `${r.mul(Rational.HUNDRED).toDecimalString(2)}%`;

export function perPostBlocks(c: DocCtx, ms: readonly Member[], deciding: readonly string[]): Block[] {
  if (deciding.length !== 1) return [];
  const input = deciding[0];
  const type = c.words.names.get(input)?.type;
  if (type?.kind !== 'NamedType') return [];
  const enumDecl = c.scheme.decls.find((d) => d.kind === 'Enum' && d.name.name === type.name.name);
  if (enumDecl?.kind !== 'Enum' || enumDecl.members.length > 8) return [];
  const normalize = c.scheme.decls.some((d) => d.kind === 'Setting' && d.key === 'normalize');
  const columns: Map<string, Rational>[] = [];
  try {
    for (const m of enumDecl.members) {
      const into = new Map<string, Rational>();
      effective(ms, input, m.name.name, Rational.ONE, normalize, into);
      columns.push(into);
    }
  } catch (e) {
    if (e instanceof Undecided) return [];
    throw e;
  }
  const none = c.say(D.notApplicable());
  const rows = leaves(ms).filter((n) => columns.some((col) => col.has(n)))
    .map((n) => [c.words.name(n), ...columns.map((col) => (col.has(n) ? percent(col.get(n)!) : none))]);
  rows.push([c.say(D.thTotal()), ...columns.map((col) => percent([...col.values()].reduce((a, b) => a.add(b), Rational.ZERO)))]);
  const name = c.words.name(input);
  return [
    { kind: 'heading', level: 3, text: c.say(D.hPerPost({ name })) },
    { kind: 'paragraph', text: c.say(D.perPostTable({ name })) },
    {
      kind: 'table', head: [c.say(D.thName()), ...enumDecl.members.map((m) => c.say(W.quoted({ x: m.name.name })))], rows,
      align: ['left', ...enumDecl.members.map(() => 'right' as const)],
    },
  ];
}
