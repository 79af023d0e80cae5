// Emitting expressions (issue 16): IR → JavaScript statements. A number becomes two locals (n, d:
// an exact fraction of safe integers, d > 0) computed by straight-line code and the runtime's
// checked helpers (runtime.ts: every + − × ÷ and comparison leaves through BAIL when a value could
// leave the safe integers); booleans, texts and enum members (by name) are one local; input data
// (lists, records, ratings) stays the JSON the subject sent. Strings from the scheme enter the
// source only through `str`.

import { Rational } from '../../dsl/rational.js';
import { negate } from '../../dsl/ops.js';
import type { CompareOp } from '../../dsl/ast.js';
import type { TypeSpec } from '../contract.js';
import type { CmpOp, DescIR, IR, Ty } from './ir.js';
import { comment, str } from './safe.js';
import { gcd } from './runtime.js';

/** Names of the program's locals for lets, nodes, inputs and results (emit-program.ts decides). */
export interface Names {
  input(name: string): number;
  /** An `integer` input: its denominator is 1 (the validator checked it). */
  integer(name: string): boolean;
  /** Enum member order by enum, as a `Map` constant the program declares once. */
  enumIndex(members: string[]): string;
  precision: number;
}

/** Names on Object.prototype (or `__proto__`): read as own properties only. */
const PROTO = (k: string) => k in Object.prototype || k === '__proto__';

export function access(obj: string, key: string): string {
  return PROTO(key) ? `R.own(${obj}, ${str(key)})` : `${obj}[${str(key)}]`;
}

/** A contract default as a JSON-like literal (lower.ts checked that numbers read back exactly). */
export function literal(v: unknown): string {
  if (v instanceof Rational) return String(v.toNumber());
  if (Array.isArray(v)) return `[${v.map(literal).join(', ')}]`;
  if (v === null || v === undefined) return 'undefined';
  if (typeof v === 'object' && (v as { kind?: string }).kind === 'enum') return str((v as { name: string }).name);
  if (typeof v === 'string') return str(v);
  return String(v);
}

/** The default of a field, or undefined. */
function fieldDefault(spec: TypeSpec, name: string): unknown {
  if (spec.kind !== 'record') return undefined;
  return spec.fields.find((f) => f.name === name)?.default;
}

export class Emitter {
  readonly lines: string[] = [];
  depth = 1;
  private n = 0;
  /** Local of each aggregate's current element. */
  readonly binders = new Map<number, string>();

  constructor(readonly names: Names) {}

  line(s: string): void { this.lines.push('  '.repeat(this.depth) + s); }
  note(s: string): void { this.line(`// ${comment(s)}`); }
  tmp(p = 't'): string { return `${p}${++this.n}`; }
  block(head: string, body: () => void): void {
    this.line(`${head} {`);
    this.depth++;
    body();
    this.depth--;
    this.line('}');
  }

  /** Reads F into two fresh constants. */
  private takeF(): [string, string] {
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
      case 'If': {
        const t = this.tmp('v');
        this.line(`let ${t}n, ${t}d;`);
        const cond = this.val(e.c);
        this.block(`if (${cond})`, () => { const [n, d] = this.num(e.t); this.line(`${t}n = ${n}; ${t}d = ${d};`); });
        this.block('else', () => { const [n, d] = this.num(e.e); this.line(`${t}n = ${n}; ${t}d = ${d};`); });
        return [`${t}n`, `${t}d`];
      }
      case 'Table': case 'Levels': case 'Bands': return this.choose(e) as [string, string];
      case 'Call': return this.call(e);
      case 'ListFn': return this.listFn(e) as [string, string];
      case 'Agg': return this.aggNum(e);
      case 'Linear': return this.linear(e);
      case 'Rate': return this.rate(e);
      default: throw new Error(`not a number: ${e.op}`);
    }
  }

  /** A reported value: rounded half away from zero to the scheme's precision. */
  rounded([n, d]: [string, string]): [string, string] {
    this.line(`R.round(${n}, ${d}, ${this.names.precision});`);
    return this.takeF();
  }

  /** Raw JSON of an input, binder or field (data, or a value read from data). */
  raw(e: IR): string {
    if (e.op === 'Input') return `iV${this.names.input(e.name)}`;
    if (e.op === 'Binder') return this.binders.get(e.id)!;
    if (e.op === 'Field') {
      const o = this.raw(e.obj);
      const t = this.tmp('f');
      const spec = e.obj.ty.k === 'raw' ? e.obj.ty.spec : undefined;
      const dflt = spec ? fieldDefault(spec, e.name) : undefined;
      const ratings = spec?.kind === 'ratings'; // a category's ratings: none given reads as []
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
      case 'If': {
        const t = this.tmp('v');
        this.line(`let ${t};`);
        const cond = this.val(e.c);
        this.block(`if (${cond})`, () => this.line(`${t} = ${this.val(e.t)};`));
        this.block('else', () => this.line(`${t} = ${this.val(e.e)};`));
        return t;
      }
      case 'Table': case 'Levels': case 'Bands': return this.choose(e) as string;
      case 'Agg': return this.aggBool(e);
      case 'ListFn': return this.listFn(e) as string;
      default: throw new Error(`not a value: ${e.op}`);
    }
  }

  /** An IR evaluated once into locals, returned as an IR that reads them (for repeated use). */
  hold(e: IR): IR {
    if (e.op === 'Num' || e.op === 'Str' || e.op === 'Member' || e.op === 'Bool') return e;
    if (e.ty.k === 'num') {
      const [n, d] = this.num(e);
      return { op: 'Held', n, d, ty: e.ty } as unknown as IR;
    }
    const v = this.val(e);
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
    const h = e as unknown as { op: string; n?: string; d?: string };
    return h.op === 'Held' ? [h.n!, h.d!] : this.num(e);
  }
  valH(e: IR): string {
    const h = e as unknown as { op: string; v?: string };
    return h.op === 'Held' ? h.v! : this.val(e);
  }

  /** Table, levels, bands: a chain of choices into one result (number or value). */
  private choose(e: Extract<IR, { op: 'Table' | 'Levels' | 'Bands' }>): [string, string] | string {
    const isNum = e.ty.k === 'num';
    const t = this.tmp('v');
    this.line(isNum ? `let ${t}n, ${t}d;` : `let ${t};`);
    const put = (x: IR) => {
      if (isNum) { const [n, d] = this.num(x); this.line(`${t}n = ${n}; ${t}d = ${d};`); } else this.line(`${t} = ${this.val(x)};`);
    };
    if (e.op === 'Bands') {
      const x = this.hold(e.x);
      const go = (i: number): void => {
        if (i === e.bands.length) {
          if (e.else) put(e.else); else this.line(`R.bail('KH-E016');`);
          return;
        }
        const b = e.bands[i];
        const c = this.cmp(b.o, x, b.at);
        this.block(`if (${c})`, () => put(b.score));
        this.block('else', () => go(i + 1));
      };
      go(0);
    } else {
      const key = this.val(e.op === 'Table' ? e.key : e.x);
      const entries = e.op === 'Table' ? e.entries.map((x) => ({ key: x.key, v: x.value })) : e.entries.map((x) => ({ key: x.key, v: x.score }));
      this.block(`switch (${key})`, () => {
        for (const en of entries) {
          this.line(`case ${str(en.key)}:`);
          this.depth++; put(en.v); this.line('break;'); this.depth--;
        }
        this.line('default:');
        this.depth++;
        if (e.op === 'Levels' && e.else) put(e.else); else this.line(`R.bail(${str(e.op === 'Table' ? 'KH-E019' : 'KH-E016')});`);
        this.line('break;');
        this.depth--;
      });
    }
    return isNum ? [`${t}n`, `${t}d`] : t;
  }

  private call(e: Extract<IR, { op: 'Call' }>): [string, string] {
    const args = e.args.map((a) => this.num(a));
    switch (e.fn) {
      case 'min': case 'max': case 'clamp': {
        const pick = (fn: 'min' | 'max', [a, b]: [string, string], [c, d]: [string, string]): [string, string] => {
          const t = this.tmp('m');
          // Rational.min/max: the first on a tie (equal values: the same number either way)
          this.line(`const ${t}k = R.cmp(${a}, ${b}, ${c}, ${d}) ${fn === 'min' ? '<=' : '>='} 0;`);
          this.line(`const ${t}n = ${t}k ? ${a} : ${c}, ${t}d = ${t}k ? ${b} : ${d};`);
          return [`${t}n`, `${t}d`];
        };
        if (e.fn === 'clamp') return pick('min', pick('max', args[0], args[1]), args[2]);
        return args.reduce((acc, x) => pick(e.fn as 'min' | 'max', acc, x));
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

  /** `avg(L)`, `count(L)`, … of a list (functions.ts callBuiltin). */
  private listFn(e: Extract<IR, { op: 'ListFn' }>): [string, string] | string {
    const list = this.raw(e.list);
    const t = this.tmp('a'), i = this.tmp('i');
    if (e.fn === 'count') return [`${list}.length`, '1'];
    if (e.fn === 'any' || e.fn === 'all') {
      this.line(`let ${t} = ${e.fn === 'all'};`);
      this.line(`for (let ${i} = 0; ${i} < ${list}.length; ${i}++) if (${e.fn === 'any' ? '' : '!'}${list}[${i}]) { ${t} = ${e.fn === 'any'}; break; }`);
      return t;
    }
    this.line(`let ${t}n = 0, ${t}d = 1;`);
    if (e.fn !== 'sum') this.line(`if (${list}.length === 0) R.bail('KH-E011');`);
    this.block(`for (let ${i} = 0; ${i} < ${list}.length; ${i}++)`, () => {
      this.line(`R.num(${list}[${i}]);`);
      if (e.fn === 'sum' || e.fn === 'avg') this.line(`R.add(${t}n, ${t}d, F.n, F.d); ${t}n = F.n; ${t}d = F.d;`);
      else this.line(`if (${i} === 0 || R.cmp(F.n, F.d, ${t}n, ${t}d) ${e.fn === 'min' ? '<' : '>'} 0) { ${t}n = F.n; ${t}d = F.d; }`);
    });
    if (e.fn !== 'avg') return [`${t}n`, `${t}d`];
    this.line(`R.div(${t}n, ${t}d, ${list}.length, 1);`);
    return this.takeF();
  }

  /** Loops over an aggregate's list with its binder bound; `each` emits the body for one element. */
  private loop(e: Extract<IR, { op: 'Agg' }>, each: () => void): void {
    const list = this.raw(e.list);
    const i = this.tmp('i'), x = this.tmp('x');
    this.block(`for (let ${i} = 0; ${i} < ${list}.length; ${i}++)`, () => {
      this.line(`const ${x} = ${list}[${i}];`);
      this.binders.set(e.id, x);
      if (e.where && e.fn !== 'count' && e.fn !== 'any' && e.fn !== 'all' || e.where && e.body) {
        this.line(`if (!${paren(this.val(e.where))}) continue;`);
      }
      each();
    });
  }

  private aggNum(e: Extract<IR, { op: 'Agg' }>): [string, string] {
    const t = this.tmp('a');
    const elem: IR = { op: 'Binder', id: e.id, ty: e.body?.ty ?? { k: 'num' } } as IR;
    switch (e.fn) {
      case 'count': {
        this.line(`let ${t} = 0;`);
        const pred = e.body ?? e.where;
        this.loop(e, () => { if (pred) this.line(`if (${this.val(pred)}) ${t}++;`); else this.line(`${t}++;`); });
        return [t, '1'];
      }
      case 'sum': case 'avg': {
        this.line(`let ${t}n = 0, ${t}d = 1, ${t}wn = 0, ${t}wd = 1, ${t}c = 0;`);
        this.loop(e, () => {
          let [vn, vd] = this.num(e.body ?? elem);
          if (e.fn === 'avg' && e.weight) {
            const [wn, wd] = this.num(e.weight);
            this.line(`R.mul(${vn}, ${vd}, ${wn}, ${wd});`);
            [vn, vd] = this.takeF();
            this.line(`R.add(${t}wn, ${t}wd, ${wn}, ${wd}); ${t}wn = F.n; ${t}wd = F.d;`);
          } else this.line(`${t}wn++;`);
          this.line(`R.add(${t}n, ${t}d, ${vn}, ${vd}); ${t}n = F.n; ${t}d = F.d; ${t}c++;`);
        });
        if (e.fn === 'sum') return [`${t}n`, `${t}d`];
        this.line(`if (${t}c === 0) R.bail('KH-E011');`);
        this.line(`if (${t}wn === 0) R.bail('KH-E012');`);
        this.line(`R.div(${t}n, ${t}d, ${t}wn, ${t}wd);`);
        return this.takeF();
      }
      case 'min': case 'max': {
        this.line(`let ${t}n = 0, ${t}d = 1, ${t}c = 0;`);
        this.loop(e, () => {
          const [vn, vd] = this.num(e.body ?? elem);
          this.line(`if (${t}c++ === 0 || R.cmp(${vn}, ${vd}, ${t}n, ${t}d) ${e.fn === 'min' ? '<' : '>'} 0) { ${t}n = ${vn}; ${t}d = ${vd}; }`);
        });
        this.line(`if (${t}c === 0) R.bail('KH-E011');`);
        return [`${t}n`, `${t}d`];
      }
      default: throw new Error(`aggregate ${e.fn} is not a number`);
    }
  }

  private aggBool(e: Extract<IR, { op: 'Agg' }>): string {
    const t = this.tmp('a');
    const any = e.fn === 'any';
    this.line(`let ${t} = ${any ? 'false' : 'true'};`);
    const elem: IR = { op: 'Binder', id: e.id, ty: { k: 'bool' } } as IR;
    const pred = e.body ?? e.where ?? elem;
    this.loop(e, () => {
      const v = this.val(pred);
      this.line(any ? `if (${v}) { ${t} = true; break; }` : `if (!${paren(v)}) { ${t} = false; break; }`);
    });
    return t;
  }

  private linear(e: Extract<IR, { op: 'Linear' }>): [string, string] {
    const [vn, vd] = this.num(e.x);
    const t = this.tmp('v');
    const pts = e.pts, last = pts.length - 1;
    this.line(`let ${t}n, ${t}d;`);
    const c = (p: { n: number; d: number }) => `R.cmp(${vn}, ${vd}, ${p.n}, ${p.d})`;
    this.line(`if (${c(pts[0][0])} <= 0) { ${t}n = ${pts[0][1].n}; ${t}d = ${pts[0][1].d}; }`);
    this.line(`else if (${c(pts[last][0])} >= 0) { ${t}n = ${pts[last][1].n}; ${t}d = ${pts[last][1].d}; }`);
    for (let i = 0; i < last; i++) {
      const [x0, y0] = pts[i], [x1, y1] = pts[i + 1];
      // y0 + (v − x0)·(y1 − y0)/(x1 − x0), the first segment that holds v (forms.ts)
      this.block(`else if (${c(x0)} >= 0 && ${c(x1)} <= 0)`, () => {
        this.line(`R.sub(${vn}, ${vd}, ${x0.n}, ${x0.d}); const ${t}an = F.n, ${t}ad = F.d;`);
        this.line(`R.sub(${y1.n}, ${y1.d}, ${y0.n}, ${y0.d}); R.mul(${t}an, ${t}ad, F.n, F.d); const ${t}bn = F.n, ${t}bd = F.d;`);
        this.line(`R.sub(${x1.n}, ${x1.d}, ${x0.n}, ${x0.d}); R.div(${t}bn, ${t}bd, F.n, F.d);`);
        this.line(`R.add(${y0.n}, ${y0.d}, F.n, F.d); ${t}n = F.n; ${t}d = F.d;`);
      });
    }
    return [`${t}n`, `${t}d`];
  }

  /** Panel settings the program declares once (`const RS0 = …`), by their JSON. */
  readonly rateSpecs = new Map<string, string>();

  private rate(e: Extract<IR, { op: 'Rate' }>): [string, string] {
    const obj = this.raw(e.x);
    const W = e.cats.reduce((l, k) => l / gcd(l, k.w.d) * k.w.d, 1); // the weights' least common denominator
    const spec = JSON.stringify({
      cats: e.cats.map((k) => ({ name: k.name, wn: k.w.n, wd: k.w.d, min: k.min, ...(PROTO(k.name) ? { proto: true } : {}) })),
      ...(e.trim ? { trim: e.trim } : {}), zero: e.missing === 'zero', W, wi: e.cats.map((k) => k.w.n * (W / k.w.d)),
    });
    let name = this.rateSpecs.get(spec);
    if (!name) { name = `RS${this.rateSpecs.size}`; this.rateSpecs.set(spec, name); }
    this.line(`R.rate(${obj}, ${name});`);
    return this.takeF();
  }

  // ---- explanations (describe.ts), pushed onto the array `out`

  /** Text of a value for an explanation (values.ts show). */
  show(e: IR): string {
    if (e.ty.k === 'num') { const [n, d] = this.numH(e); return `R.show(${n}, ${d})`; }
    const v = this.valH(e);
    switch (e.ty.k) {
      case 'bool': return `(${v} ? 'true' : 'false')`;
      case 'text': return `R.quote(${v})`;
      case 'enum': return e.ty.grade ? `(${v} === null ? 'null' : ${v})` : v;
      default: throw new Error('raw shown');
    }
  }

  /** Emits the explanation of a condition; returns the JS boolean "it holds". */
  describe(d: DescIR, out: string): string {
    switch (d.op) {
      case 'And': case 'Or': {
        const t = this.tmp('b');
        this.line(`let ${t} = ${this.describe(d.l, out)};`);
        this.block(`if (${d.op === 'And' ? t : `!${t}`})`, () => this.line(`${t} = ${this.describe(d.r, out)};`));
        return t;
      }
      case 'Not': return `!${paren(this.describe(d.x, out))}`;
      case 'Atom': {
        if (d.x.ty.k === 'raw') throw new Error('raw atom');
        const h = this.hold(d.x);
        this.line(`${out}.push(${str(`${d.text} = `)} + ${this.show(h)});`);
        return d.x.ty.k === 'bool' ? `${this.valH(h)} === true` : 'false';
      }
      case 'Cmp': {
        const l = this.hold(d.l), r = this.hold(d.r);
        const holds = this.tmp('b');
        this.line(`const ${holds} = ${this.cmp(d.o, l, r)};`);
        const left = d.leftLit ? str(d.lt) : `${str(d.lt + (d.leftName ? ' ' : ' = '))} + ${this.show(l)}`;
        const memberText = d.rightName && r.ty.k === 'enum' ? `${this.valH(r)} === ${str(d.rt)}` : 'false';
        const right = d.rightLit ? str(d.rt) : `(${memberText} ? ${str(d.rt)} : ${str(d.rt + ' (')} + ${this.show(r)} + ')')`;
        const op = (o: CmpOp) => str(` ${o} `);
        this.line(`${out}.push(${left} + (${holds} ? ${op(d.o)} : ${op(negate(d.o as CompareOp) as CmpOp)}) + ${right});`);
        return holds;
      }
    }
  }
}

function paren(s: string): string {
  return /^[\w.$]+$/.test(s) ? s : `(${s})`;
}

const MAX = Number.MAX_SAFE_INTEGER;

export type { Ty };
