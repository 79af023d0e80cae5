// Emitting a subject's result as JSON TEXT (issue 16: no allocation per subject beyond the result):
// the program's JSON mode (emitProgram(…, 'json')) computes exactly what the object program does,
// but writes the text `JSON.stringify(result)` would give — the same keys in the same order, the
// same omitted keys, the same number and string forms — instead of building the result object, so
// the server and the streaming cohort store and answer it as it comes. Strings of the scheme
// (names, labels, ids, grade and action names) become JSON text here, at compile time, and enter
// the source only as string literals through safe.ts `str`; strings of the subject (its id,
// display fields, period, reasons quoting its values, cohort key) and the cohort's quota words are
// escaped at run time by JSON.stringify (runtime-json.ts). A reported number is written by
// R.rndText, its ToString (JSON's own form of a finite number; −0 is "0" in both), other numbers and
// booleans joined by `+`. The rows this writes mirror the object rows (emit-layout.ts,
// emit-rules.ts) one for one (items attached to indicators: attachedJson, below).

import type { ItemIR, ListIR, NodeIR, ProgramIR } from './ir.js';
import type { Emitter } from './emit-expr.js';
import { str } from './safe.js';

/** A value in a row: a scheme string, a reported number (n/d rounded to p places: `R.rnd` in the object
 * program, its text `R.rndText` here), a JS expression of a number or a boolean, or constant JSON text. */
export type Piece = { s: string } | { rnd: [n: string, d: string, p: number] } | { n: string } | { raw: string };
/** One key of a matched item's `effects` entry (`{ veto: true }`, `{ cap: "优秀" }`, `{ deduct: 2 }`). */
export type Part = [key: string, value: Piece];

/** The JavaScript of a piece in an object literal (the object program). */
const js = (v: Piece): string => ('s' in v ? str(v.s) : 'rnd' in v ? `R.rnd(${v.rnd.join(', ')})` : 'n' in v ? v.n : v.raw);
/** An effect as the object program writes it: `{ key: value }`. */
export const objectPart = ([k, v]: Part): string => `{ ${k}: ${js(v)} }`;

/** The JSON text of a scheme string, as a JavaScript literal of that text. */
export const jsonLiteral = (s: string): string => str(JSON.stringify(s));

/** A JavaScript expression that joins JSON text: constant text merged at compile time, values between. */
class Cat {
  private readonly out: string[];
  private text = '';
  /** `head`: an expression of text the rest is joined to. */
  constructor(head?: string) { this.out = head === undefined ? [] : [head]; }
  lit(t: string): this { this.text += t; return this; }
  /** A value: an expression of a number, a boolean or JSON text. */
  val(x: string): this {
    if (this.text !== '' || this.out.length === 0) this.out.push(str(this.text)); // a string first: `+` joins
    this.text = '';
    this.out.push(/^[\w$.]+(\([^()]*\)|\[\w+\])?$/.test(x) ? x : `(${x})`);
    return this;
  }
  piece(v: Piece): this {
    if ('s' in v) return this.lit(JSON.stringify(v.s));
    if ('rnd' in v) return this.val(`R.rndText(${v.rnd.join(', ')})`);
    return 'n' in v ? this.val(v.n) : this.lit(v.raw);
  }
  key(k: string, v: Piece, first = false): this { return this.lit(`${first ? '' : ','}${JSON.stringify(k)}:`).piece(v); }
  js(): string { return [...this.out, ...(this.text !== '' ? [str(this.text)] : [])].join(' + '); }
}

/** The JSON mode's rows and result, for one program. `P`: the scheme's precision; `W`: a weight's. */
export class JsonText {
  /** Action names and their JSON text, flat (`AJ`, read by R.jnames). */
  private readonly actions = new Map<string, string>();

  constructor(private readonly p: ProgramIR, private readonly W: number) {}

  private rnd(n: string, d: string, digits = this.p.precision): Piece { return { rnd: [n, d, digits] }; }

  /** An applicable indicator's row (`k`: its slot name, `x`: the layout's locals of its weight and points). */
  indicator(e: Emitter, n: NodeIR, parent: NodeIR | undefined, k: string, x: string): void {
    const c = this.head(n, parent, true).key('score', this.rnd(`sN${k}`, `sD${k}`))
      .key('weight', this.rnd(`${x}n`, `${x}d`, this.W)).key('points', this.rnd(`${x}pn`, `${x}pd`)).lit('}');
    e.line(`indicators.push(${c.js()});`);
  }

  /** A group's row up to its points, kept in `${x}gj` at its place `${x}g` (its points come after its children). */
  groupOpen(e: Emitter, n: NodeIR, parent: NodeIR | undefined, k: string, x: string): void {
    const c = this.head(n, parent, false).key('score', this.rnd(`sN${k}`, `sD${k}`))
      .key('weight', this.rnd(`${x}n`, `${x}d`, this.W)).lit(',"points":');
    e.line(`const ${x}g = groups.length, ${x}gj = ${c.js()}; groups.push('');`);
  }

  groupClose(e: Emitter, x: string, pn: string, pd: string): void {
    e.line(`groups[${x}g] = ${new Cat(`${x}gj`).val(`R.rndText(${pn}, ${pd}, ${this.p.precision})`).lit('}').js()};`);
  }

  /** id, label and the parent group (an indicator's is null at the top, a group's absent). */
  private head(n: NodeIR, parent: NodeIR | undefined, indicator: boolean): Cat {
    const c = new Cat().lit('{').key('id', { s: n.name }, true).key('label', { s: n.label });
    return parent ? c.key('group', { s: parent.name }) : indicator ? c.key('group', { raw: 'null' }) : c;
  }

  /** A matched item's row: a negative list's with its effects, a reward list's with what it adds (`${adds}n/d`). */
  item(e: Emitter, l: ListIR, it: ItemIR, parts: Part[], adds: string): void {
    const c = new Cat().lit('{').key('list', { s: l.name }, true).key('item', { s: it.name });
    if (it.label !== undefined) c.key('label', { s: it.label });
    for (const [k, v] of parts) if (k === 'action' && 's' in v) this.actions.set(v.s, JSON.stringify(v.s));
    if (l.kind === 'negative') {
      c.lit(',"effects":[');
      parts.forEach(([k, v], i) => c.lit(i ? ',{' : '{').key(k, v, true).lit('}'));
      c.lit(']').key('at', { s: `line ${it.line}` });
    } else c.key('add', this.rnd(`${adds}n`, `${adds}d`));
    if (it.for !== undefined) c.key('for', { s: this.p.indicators[it.for].name }); // emit-attached.ts forKey
    e.line(`${l.kind === 'negative' ? 'negative' : 'rewardItems'}.push(${c.lit('}').js()});`);
  }

  /** The result's text (outcome.ts resultOf's keys in order), then the source (`source`). */
  result(e: Emitter, head: string[]): string {
    this.emitResult(e);
    return this.source(e, head);
  }

  /** The lines that join the result's text and return it (`last`: what runs before it is returned). */
  emitResult(e: Emitter, last?: () => void): void {
    const p = this.p, W = this.W;
    const scheme = `{"scheme":{"id":${JSON.stringify(p.id)},"version":${JSON.stringify(p.version)},"hash":${JSON.stringify(p.hash)}}`;
    e.line(`let out = ${new Cat().lit(scheme).val("R.jkey(',\"subject\":', id)").js()};`);
    e.line("if (display !== undefined) out += R.jkey(',\"display\":', display);");
    e.line("if (period !== undefined) out += R.jkey(',\"period\":', period);");
    e.line("if (member) out += R.jkey(',\"cohort\":', cohortKey) + R.jkey(',\"rank\":', fin === undefined ? null : fin.rank); // else the batch fills it in");
    const c = this.gradeKeys(new Cat().key('score', this.rnd('rN_score', 'rD_score')).key('base', this.rnd('rN_base', 'rD_base'))
      .key('adjust', this.rnd('rN_adjust', 'rD_adjust', W)).key('rewards', this.rnd('wn', 'wd')).key('deductions', this.rnd('dn', 'dd')));
    for (const k of ['groups', 'indicators', 'negative', 'rewardItems']) c.lit(`,${JSON.stringify(k)}:[`).val(`${k}.join(',')`).lit(']');
    this.outcomeKeys(c).lit(',"improve":[').val("improve.join(',')").lit(']');
    e.line(`out += ${c.js()};`);
    e.line("if (fin !== undefined && fin.quota !== undefined) out += R.jkey(',\"quota\":', fin.quota);");
    const exact = new Cat().lit(',"exact":{"score":"').val('R.exact(rN_score, rD_score)').lit('","base":"').val('R.exact(rN_base, rD_base)')
      .lit('","rewards":"').val('R.exact(wn, wd)').lit('","deductions":"').val('R.exact(dn, dd)').lit('"}');
    e.line(`if (exactValues) out += ${exact.js()}; // exact fractions: digits, '-' and '/' only`);
    e.line("if (fin !== undefined && fin.flags !== undefined) out += R.jkey(',\"flags\":', fin.flags);");
    last?.();
    e.line("return out + '}';");
  }

  /** The keys that depend on the final grade: grade, provisional, gradeReasons … */
  private gradeKeys(c: Cat): Cat {
    return c.key('grade', { n: "fg >= 0 ? GJ[fg] : 'null'" }).key('provisional', { n: 'fin === undefined && allowed >= 0 && GQ[allowed]' })
      .key('gradeReasons', { n: 'JSON.stringify(gradeReasons)' });
  }

  /** … and actions, bonus (between them the grade's own rows: groups … rewardItems). */
  private outcomeKeys(c: Cat): Cat {
    return c.key('actions', { n: 'R.jnames(actions, AJ)' }).key('bonus', { n: `rN_bonus === null ? 'null' : R.rndText(rN_bonus, rD_bonus, ${this.W})` });
  }

  /** Returns those keys' text only, the two parts with U+0001 between (JSON text has no raw control
   * character): what a result for another final grade changes in a result (cohort-twice.ts). */
  emitGradeKeys(e: Emitter, into: string): void {
    e.line(`${into} = ${this.outcomeKeys(this.gradeKeys(new Cat()).lit('\u0001')).js()};`);
  }

  /** The program's source: `head` with the constants this mode reads (grade names and action names
   * as JSON text) before its function, then the lines. */
  source(e: Emitter, head: string[]): string {
    const p = this.p;
    for (const a of p.actions) this.actions.set(a.name, JSON.stringify(a.name));
    const consts = [
      `const GJ = [${p.grades.map((g) => jsonLiteral(g.name)).join(', ')}];`,
      `const AJ = [${[...this.actions].map(([name, text]) => `${str(name)}, ${str(text)}`).join(', ')}];`,
    ];
    const at = head.findIndex((l) => l.startsWith('return function'));
    return [...head.slice(0, at), ...consts, ...head.slice(at), ...e.lines, '};', ''].join('\n');
  }
}

/** The JSON mode of items attached to indicators (emit-attached.ts): a part of an indicator's
 * subtotal (`a`: the locals of what it gives, `[an, ad]`: what it asked), the row of a target made
 * whole after the lists (its text without the closing brace, then subtotal and parts), and a group's
 * row with its points changed (`xJG`: the row's text up to its points). */
export const attachedJson = {
  part(l: ListIR, it: ItemIR, kind: 'deduct' | 'add', a: string, [an, ad]: [string, string], P: number): string {
    const c = new Cat().lit('{').key('list', { s: l.name }, true).key('item', { s: it.name });
    if (it.label !== undefined) c.key('label', { s: it.label });
    c.key(kind, { rnd: [`${a}n`, `${a}d`, P] }).val(`R.cmp(${a}n, ${a}d, ${an}, ${ad}) !== 0 ? ',"asked":' + R.rndText(${an}, ${ad}, ${P}) : ''`);
    return c.key('at', { s: `line ${it.line}` }).lit('}').js();
  },
  subtotal(i: number, x: string, P: number): string {
    return `indicators[xRI${i}] = ${new Cat(`indicators[xRI${i}].slice(0, -1)`).lit(',"subtotal":').val(`R.rndText(${x}n, ${x}d, ${P})`)
      .lit(',"attached":[').val(`xPI${i}.join(',')`).lit(']}').js()};`;
  },
  groupPoints: (g: number, P: number): string => `groups[xRG${g}] = ${new Cat(`xJG${g}`).val(`R.rndText(F.n, F.d, ${P})`).lit('}').js()};`,
};
