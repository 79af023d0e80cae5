// Emitting expressions (issue 16): IR → JavaScript statements. A number becomes two locals (n, d:
// an exact fraction of safe integers, d > 0) computed by straight-line code and the runtime's
// checked helpers (runtime.ts: every + − × ÷ and comparison leaves through BAIL when a value could
// leave the safe integers); booleans, texts, dates and enum members (by name) are one local; input
// data (lists, records, ratings) stays the JSON the subject sent. Strings from the scheme enter the
// source only through `str`. The forms live beside this core: emit-lists.ts (list built-ins and
// aggregates), emit-forms.ts (tables, bands, levels, linear, rate), emit-calls.ts (scheme functions,
// `x in list`, dates), emit-describe.ts (explanations).

import type { CmpOp, DescIR, IR, Ty } from './ir.js';
import { access, fieldDefault, literal, MAX, paren, SourceLines } from './emit-base.js';
import { aggBool, aggNum, listFn, streak } from './emit-lists.js';
import { ballots, choose, linear, rate } from './emit-forms.js';
import { call, inList, interval, param, periodDay, shift } from './emit-calls.js';
import { describe, show } from './emit-describe.js';
import { comment, str } from './safe.js';

/** Names of the program's locals for lets, nodes, inputs and results (emit-program.ts decides). */
export interface Names {
  input(name: string): number;
  /** An `integer` input: its denominator is 1 (the validator checked it). */
  integer(name: string): boolean;
  /** Enum member order by enum, as a `Map` constant the program declares once. */
  enumIndex(members: string[]): string;
  precision: number;
}

/** A value already computed into locals (`hold`): read again without recomputing it. */
type Held = { op: 'Held'; n?: string; d?: string; v?: string; ty: Ty };

export class Emitter extends SourceLines {
  private n = 0;
  /** Local of each aggregate's current element. */
  readonly binders = new Map<number, string>();
  /** The held argument of each scheme function parameter (emit-calls.ts). */
  readonly params = new Map<number, IR>();
  /** Panel settings the program declares once (`const RS0 = …`), by their JSON (emit-forms.ts rate). */
  readonly rateSpecs = new Map<string, string>();

  constructor(readonly names: Names) { super(); }

  note(s: string): void { this.line(`// ${comment(s)}`); }
  tmp(p = 't'): string { return `${p}${++this.n}`; }

  /** The statement `acc += n/d` for a fraction kept in the locals `${acc}n`, `${acc}d`. */
  addTo(acc: string, n: string, d: string): string {
    return `R.add(${acc}n, ${acc}d, ${n}, ${d}); ${acc}n = F.n; ${acc}d = F.d;`;
  }

  /** The smaller (min) or larger (max) of two fractions into `${t}n`, `${t}d`: the first on a tie
   * (equal values: the same number either way), as Rational.min/max. */
  pick(fn: 'min' | 'max', [a, b]: [string, string], [c, d]: [string, string], t = this.tmp('m')): [string, string] {
    this.line(`const ${t}k = R.cmp(${a}, ${b}, ${c}, ${d}) ${fn === 'min' ? '<=' : '>='} 0, ${t}n = ${t}k ? ${a} : ${c}, ${t}d = ${t}k ? ${b} : ${d};`);
    return [`${t}n`, `${t}d`];
  }

  /** Reads F into two fresh constants. */
  takeF(): [string, string] {
    const t = this.tmp();
    this.line(`const ${t}n = F.n, ${t}d = F.d;`);
    return [`${t}n`, `${t}d`];
  }

  /** A raw JSON number as a fraction. */
  rawNum(js: string): [string, string] {
    this.line(`R.num(${js});`);
    return this.takeF();
  }

  /** A number-valued IR as [numerator, denominator] expressions. */
  num(e: IR): [string, string] {
    switch (e.op) {
      case 'Num': return [String(e.v.n), String(e.v.d)];
      case 'Input': { const k = this.names.input(e.name); return [`iN${k}`, this.names.integer(e.name) ? '1' : `iD${k}`]; }
      case 'Let': return [`lN${e.index}`, `lD${e.index}`];
      case 'Node': {
        const s = e.kind === 'indicator' ? 'I' : 'G';
        this.line(`if (!a${s}${e.index}) R.bail('KH-E015');`);
        const v: [string, string] = [`sN${s}${e.index}`, `sD${s}${e.index}`];
        return e.reported ? this.rounded(v) : v;
      }
      case 'Result': {
        const v: [string, string] = [`rN_${e.name}`, `rD_${e.name}`];
        if (e.name === 'bonus') this.line(`if (rN_bonus === null) R.bail('bonus');`);
        return e.reported ? this.rounded(v) : v;
      }
      case 'Binder': case 'Field': return this.rawNum(this.raw(e));
      case 'Param': return this.numH(param(this, e.id));
      case 'Fn': return call(this, e, true);
      case 'Neg': { const [n, d] = this.num(e.x); const t = this.tmp(); this.line(`const ${t}n = -${paren(n)}, ${t}d = ${d};`); return [`${t}n`, `${t}d`]; }
      case 'Add': case 'Sub': case 'Mul': case 'Div': {
        const [a, b] = this.num(e.l), [c, d] = this.num(e.r);
        if (b === '1' && d === '1' && e.op !== 'Div') { // integers: the operation inline, with its 2^53 check
          const t = this.tmp();
          this.line(`const ${t} = ${paren(a)} ${({ Add: '+', Sub: '-', Mul: '*' } as const)[e.op]} ${paren(c)};`);
          this.line(`if (${t} > ${MAX} || ${t} < -${MAX}) R.bail('overflow');`);
          return [e.op === 'Mul' ? `(${t} === 0 ? 0 : ${t})` : t, '1'];
        }
        this.line(`R.${e.op.toLowerCase()}(${a}, ${b}, ${c}, ${d});`);
        return this.takeF();
      }
      case 'If': return this.ifElse(e) as [string, string];
      case 'Table': case 'Levels': case 'Bands': return choose(this, e) as [string, string];
      case 'Call': return this.call(e);
      case 'ListFn': return listFn(this, e) as [string, string];
      case 'Agg': return aggNum(this, e);
      case 'Streak': return streak(this, e);
      case 'Linear': return linear(this, e);
      case 'Rate': return rate(this, e);
      case 'Ballots': return ballots(this, e);
      case 'Cohort': return [`C[${2 * e.index}]`, `C[${2 * e.index + 1}]`]; // computed over the cohort (cohort-aggs.ts)
      default: throw new Error(`not a number: ${e.op}`);
    }
  }

  /** A reported value: rounded half away from zero to the scheme's precision. */
  rounded([n, d]: [string, string]): [string, string] {
    this.line(`R.round(${n}, ${d}, ${this.names.precision});`);
    return this.takeF();
  }

  /** Raw JSON of an input, let, parameter, binder or field (data, or a value read from data). */
  raw(e: IR): string {
    const h = e as unknown as Held;
    if (h.op === 'Held') return h.v!;
    if (e.op === 'Input') return `iV${this.names.input(e.name)}`;
    if (e.op === 'Let') return `lV${e.index}`;
    if (e.op === 'Param') return this.raw(param(this, e.id));
    if (e.op === 'Fn') return call(this, e, false);
    if (e.op === 'Binder') return this.binders.get(e.id)!;
    if (e.op === 'Field') {
      const o = this.raw(e.obj);
      const t = this.tmp('f');
      const spec = e.obj.ty.k === 'raw' ? e.obj.ty.spec : undefined;
      const dflt = spec ? fieldDefault(spec, e.name) : undefined;
      const ratings = spec?.kind === 'ratings'; // a category's ratings: none given reads as []
      if (spec?.kind === 'list') { // `季度结果.得分`: the field of every record (lower-results.ts projection)
        this.line(`const ${t} = ${o}.map((r) => ${access('r', e.name)});`);
        return t;
      }
      this.line(`const ${t} = ${ratings ? `R.own(${o}, ${str(e.name)}) ?? []` : `${access(o, e.name)}${dflt === undefined ? '' : ` ?? ${literal(dflt)}`}`};`);
      return t;
    }
    throw new Error(`not data: ${e.op}`);
  }

  /** A boolean, text or enum IR as one JS expression. */
  val(e: IR): string {
    switch (e.op) {
      case 'Bool': return String(e.v);
      case 'Str': return str(e.v);
      case 'Member': return str(e.name);
      case 'Input': return `iV${this.names.input(e.name)}`;
      case 'Let': return `lV${e.index}`;
      case 'Result': return `rV_${e.name}`;
      case 'Binder': case 'Field': return this.raw(e);
      case 'Param': return this.valH(param(this, e.id));
      case 'Fn': return call(this, e, false);
      case 'Not': return `!${paren(this.val(e.x))}`;
      case 'And': case 'Or': {
        const t = this.tmp('b');
        this.line(`let ${t} = ${this.val(e.l)};`);
        this.block(`if (${e.op === 'And' ? t : `!${t}`})`, () => this.line(`${t} = ${this.val(e.r)};`));
        return t;
      }
      case 'Cmp': return this.cmp(e.o, e.l, e.r);
      case 'In': {
        const x = this.hold(e.x);
        const t = this.tmp('b');
        this.line(`let ${t} = false;`);
        for (const s of e.set) this.block(`if (!${t})`, () => this.line(`${t} = ${this.cmp('==', x, s)};`));
        return t;
      }
      case 'InList': return inList(this, e);
      case 'Period': return periodDay(e);
      case 'Shift': return shift(this, e);
      case 'Interval': return interval(this, e);
      case 'If': return this.ifElse(e) as string;
      case 'Table': case 'Levels': case 'Bands': return choose(this, e) as string;
      case 'Agg': return aggBool(this, e);
      case 'ListFn': return listFn(this, e) as string;
      default: throw new Error(`not a value: ${e.op}`);
    }
  }

  /** One result filled by branches (an `if`, a table, levels, bands): a number's two locals or a
   * value's one, declared here; `fill` emits the branches, each computing its IR into it with `put`. */
  branches(isNum: boolean, fill: (put: (x: IR) => void) => void): [string, string] | string {
    const t = this.tmp('v');
    this.line(isNum ? `let ${t}n, ${t}d;` : `let ${t};`);
    fill((x) => {
      if (isNum) { const [n, d] = this.num(x); this.line(`${t}n = ${n}; ${t}d = ${d};`); } else this.line(`${t} = ${this.val(x)};`);
    });
    return isNum ? [`${t}n`, `${t}d`] : t;
  }

  private ifElse(e: Extract<IR, { op: 'If' }>): [string, string] | string {
    return this.branches(e.ty.k === 'num', (put) => {
      const cond = this.val(e.c);
      this.block(`if (${cond})`, () => put(e.t));
      this.block('else', () => put(e.e));
    });
  }

  /** An IR evaluated once into locals, returned as an IR that reads them (for repeated use). */
  hold(e: IR): IR {
    if (e.op === 'Num' || e.op === 'Str' || e.op === 'Member' || e.op === 'Bool') return e;
    if (e.ty.k === 'num') {
      const [n, d] = this.num(e);
      return { op: 'Held', n, d, ty: e.ty } as unknown as IR;
    }
    const v = e.ty.k === 'raw' ? this.raw(e) : this.val(e);
    const t = this.tmp('h');
    this.line(`const ${t} = ${v};`);
    return { op: 'Held', v: t, ty: e.ty } as unknown as IR;
  }

  /** A comparison as a JS boolean expression (compareValues / equalValues of values.ts). */
  cmp(o: CmpOp, l: IR, r: IR): string {
    const ty = l.ty;
    if (ty.k === 'num') {
      const [a, b] = this.numH(l), [c, d] = this.numH(r);
      if (b === '1' && d === '1') return `${paren(a)} ${o === '==' ? '===' : o === '!=' ? '!==' : o} ${paren(c)}`; // integers
      const t = this.tmp('c');
      this.line(`const ${t} = R.cmp(${a}, ${b}, ${c}, ${d});`);
      return `${t} ${o === '==' ? '===' : o === '!=' ? '!==' : o} 0`;
    }
    const a = this.valH(l), b = this.valH(r);
    if (o === '==') return `${a} === ${b}`;
    if (o === '!=') return `${a} !== ${b}`;
    if (ty.k === 'enum') {
      const ix = this.names.enumIndex(ty.members);
      const nullable = ty.grade || (r.ty.k === 'enum' && r.ty.grade);
      const t = this.tmp('c');
      // Grades are listed best first: a better grade (lower index) compares greater.
      const d = ty.grade ? `${ix}.get(${b}) - ${ix}.get(${a})` : `${ix}.get(${a}) - ${ix}.get(${b})`;
      this.line(`const ${t} = ${nullable ? `${a} === null || ${b} === null ? NaN : ` : ''}${d};`);
      return `${t} ${o} 0`; // NaN: no grade, an ordered comparison does not hold
    }
    if (ty.k === 'bool') return `(+${a}) ${o} (+${b})`;
    if (ty.k === 'text') return `${a} ${o} ${b}`;
    throw new Error('raw comparison');
  }

  numH(e: IR): [string, string] {
    const h = e as unknown as Held;
    return h.op === 'Held' ? [h.n!, h.d!] : this.num(e);
  }
  valH(e: IR): string {
    const h = e as unknown as Held;
    return h.op === 'Held' ? h.v! : this.val(e);
  }

  private call(e: Extract<IR, { op: 'Call' }>): [string, string] {
    const args = e.args.map((a) => this.num(a));
    switch (e.fn) {
      case 'min': case 'max': case 'clamp': {
        if (e.fn === 'clamp') return this.pick('min', this.pick('max', args[0], args[1]), args[2]);
        return args.reduce((acc, x) => this.pick(e.fn as 'min' | 'max', acc, x));
      }
      case 'abs': { const [a, b] = args[0]; const t = this.tmp(); this.line(`const ${t}n = ${a} < 0 ? -${paren(a)} : ${a}, ${t}d = ${b};`); return [`${t}n`, `${t}d`]; }
      case 'floor': case 'ceil': this.line(`R.${e.fn}(${args[0][0]}, ${args[0][1]});`); return this.takeF();
      case 'round': {
        const digits = args.length > 1 ? e.args[1] : undefined;
        const p = digits && digits.op === 'Num' ? digits.v : { n: 0, d: 1 };
        if (p.d !== 1 || p.n < 0 || p.n > 15) { this.line(`R.bail('round');`); return ['0', '1']; }
        this.line(`R.round(${args[0][0]}, ${args[0][1]}, ${p.n});`);
        return this.takeF();
      }
    }
  }

  /** Text of a value for an explanation (values.ts show). */
  show(e: IR): string { return show(this, e); }

  /** Emits the explanation of a condition onto `out`; returns the JS boolean "it holds". */
  describe(d: DescIR, out: string): string { return describe(this, d, out); }
}

