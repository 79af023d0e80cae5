// Emitting a whole program (issue 16): ProgramIR → the source of a factory `(R, T) => run`, where
// run(I, id, lang, display, period, exactValues) evaluates one subject exactly as the closures engine
// does (engine/evaluate.ts layout, subject.ts, rules.ts, attached.ts, grade.ts, outcome.ts) and
// returns its SubjectResult, built with the same keys in the same order. emitProgram lists the
// stages in the order the program runs them; each stage is a module of its own: the tree's values
// (emit-values.ts), the layout (emit-layout.ts), the rule lists (emit-rules.ts), the grade
// (emit-grade.ts), the outcomes and result (emit-outcome.ts), a cohort member (emit-cohort.ts), the
// head (emit-head.ts). Texts that depend on the language (reasons of `otherwise` and restrictions)
// are rendered once per language into T.

import type { ItemIR, ListIR, ProgramIR } from './ir.js';
import { access, literal } from './emit-base.js';
import { Emitter } from './emit-expr.js';
import { attachedDeps, attachedSlots } from './emit-attached.js';
import { emitMember } from './emit-cohort.js';
import { emitTwice } from './cohort-twice.js';
import { ARGS_SIGNATURE, emitArgs } from './emit-aggs.js';
import { head, readOnly } from './emit-head.js';
import { JsonText } from './emit-json.js';
import { TreeValues, emitValueSlots } from './emit-values.js';
import { emitLayout } from './emit-layout.js';
import { emitRuleLists } from './emit-rules.js';
import { emitGrade } from './emit-grade.js';
import { emitDisplay, emitOutcomes, emitResultObject } from './emit-outcome.js';
import { comment } from './safe.js';
import { WEIGHT_DIGITS } from '../outcome.js';

export interface Texts { add(make: (lang: 'zh' | 'en') => string): number; }
/** The words of grade.ts for a restriction of item `it` of a list and for `G: otherwise` (index.ts renders them). */
export interface Words {
  restriction(list: ListIR, it: ItemIR, kind: 'veto' | 'nograde' | 'cap', lang: 'zh' | 'en', grade?: string): string;
  otherwise(grade: string, lang: 'zh' | 'en'): string;
}

/** What every stage of one program's emission shares. */
export interface ProgramEmit {
  readonly p: ProgramIR;
  readonly e: Emitter;
  /** The JSON mode's rows and result (emit-json.ts); undefined: the object program. */
  readonly J?: JsonText;
  readonly texts: Texts;
  readonly words: Words;
}

type EnumMaps = Map<string, { name: string; members: string[] }>;
/** What emitProgram writes instead of the object program (see there). */
export type ProgramPart = 'rules' | 'pre' | 'post' | 'json' | 'twice';

const RUN = 'run(I, id, lang, display, period, exactValues, member, fin, C)';

/** `only: 'rules'`: the rule lists alone (bench/engine.ts row (b)) — the inputs, the lets and nodes
 * their items read, the lists; returns what they decided instead of a SubjectResult. 'pre'/'post':
 * a stage's cohort aggregate arguments (emit-aggs.ts). 'json': the whole program, answering the result's JSON text (emit-json.ts).
 * 'twice': the JSON program that also writes a competitor's result for a lower grade (cohort-twice.ts). */
export function emitProgram(p: ProgramIR, texts: Texts, words: Words, only?: ProgramPart): string {
  const enumMaps: EnumMaps = new Map();
  const e = programEmitter(p, enumMaps);
  const J = only === 'json' || only === 'twice' ? new JsonText(p, WEIGHT_DIGITS) : undefined;
  const c: ProgramEmit = { p, e, J, texts, words };
  /** The program's text: constants and head, the body (`lines`), the end. */
  const program = (signature: string, lines = e.lines) => [...head(p, e, enumMaps, signature), ...lines, '};', ''].join('\n');

  emitInputs(e, p);
  emitValueSlots(e, p);
  attachedSlots(p, e, !!J); // items attached to indicators (emit-attached.ts)
  // the lets and nodes any later stage reads, in dependency order; then every node of the tree
  const values = new TreeValues(p, e);
  values.needFor(...stageReads(p, only));
  if (only === 'pre') { emitArgs(e, p, 'pre'); return program(ARGS_SIGNATURE, readOnly(e.lines)); }
  if (only === 'rules') return rulesOnly(c, program);
  values.needTree();
  emitLayout(c);
  emitRuleLists(c, { subtotals: true });
  emitScore(e);
  if (only === 'post') { emitArgs(e, p, 'post'); return program(ARGS_SIGNATURE); }
  if (only === 'twice') return emitTwice(c, () => head(p, e, enumMaps, RUN)); // the head after the lines: they add its constants
  emitGrade(c);
  emitOutcomes(c);
  emitMember(e, p); // what a cohort's book and races read (batch.ts, engine/stream)
  emitDisplay(c);
  if (J) return J.result(e, head(p, e, enumMaps, RUN)); // the result's JSON text (emit-json.ts)
  emitResultObject(c);
  return program(RUN);
}

/** The program's emitter: inputs by index, enum orders declared once as `IX…` constants. */
function programEmitter(p: ProgramIR, enumMaps: EnumMaps): Emitter {
  const inputIx = new Map(p.inputs.map((x, i) => [x.name, i]));
  return new Emitter({
    precision: p.precision,
    input: (name) => inputIx.get(name)!,
    integer: (name) => { const f = p.inputs[inputIx.get(name)!]; return f.spec.kind === 'number' && f.spec.integer; },
    enumIndex: (members) => {
      const key = members.join('\u0000');
      let m = enumMaps.get(key);
      if (!m) { m = { name: `IX${enumMaps.size}`, members }; enumMaps.set(key, m); }
      return m.name;
    },
  });
}

/** Each input into locals (validated: every number reads on the fast path, every object is plain). */
function emitInputs(e: Emitter, p: ProgramIR): void {
  e.note('inputs (validated: every number reads on the fast path, every object is plain)');
  p.inputs.forEach((f, k) => {
    const raw = `${access('I', f.name)}${f.hasDefault && f.dflt !== undefined ? ` ?? ${literal(f.dflt)}` : ''}`;
    if (f.spec.kind === 'number') { e.line(`R.num(${raw}); const iN${k} = F.n, iD${k} = F.d; // ${comment(f.name)}`); }
    else e.line(`const iV${k} = ${raw}; // ${comment(f.name)}`);
  });
}

/** The IRs the stages of the program (or of its part `only`) read, after the tree's values. */
function stageReads(p: ProgramIR, only: ProgramPart | undefined): unknown[] {
  switch (only) {
    case 'rules': return [p.negatives, p.rewards, attachedDeps(p)];
    case 'pre': return [p.aggs?.pre, p.cohortBy];
    case 'post': return [p.adjust, p.negatives, p.rewards, p.aggs?.post];
    default: return [p.adjust, p.negatives, p.rewards, p.grades, p.bonus, p.actions, p.improve, p.cohort];
  }
}

/** The rule lists alone: what they decided, without the layout, the attached items' subtotals or a grade. */
function rulesOnly(c: ProgramEmit, program: (signature: string, lines: string[]) => string): string {
  const { e, p } = c;
  emitRuleLists(c, { subtotals: false });
  e.line(`return { negative, rewardItems, actions, deductions: R.rnd(dn, dd, ${p.precision}), rewards: R.rnd(wn, wd, ${p.precision}), veto: vt >= 0, nograde: ng >= 0, cap: capG < 0 ? null : GN[capG] };`);
  return program('rules(I, lang, period)', readOnly(e.lines));
}

/** score = max(0, base × adjust + rewards − deductions). */
function emitScore(e: Emitter): void {
  e.line('R.mul(rN_base, rD_base, rN_adjust, rD_adjust); R.add(F.n, F.d, wn, wd); R.sub(F.n, F.d, dn, dd);');
  e.line('const rN_score = F.n < 0 ? 0 : F.n, rD_score = F.n < 0 ? 1 : F.d;');
}
