// Emitting what a cohort reads of a member (issue 16, compiled quota competitors), part of the
// program emitProgram writes:
//   - the member block (`member`: a MemberOut, competitor.ts): the cohort key, the ranking key (the
//     reported score, or `rank by` unrounded: race.ts rankingValue), the quota tables' keys, and for
//     a competitor (its allowed grade has a quota) the tiebreak keys' exact values and whether each
//     lower grade's condition holds — everything the quota phase reads through a Probe (race.ts), so
//     it never needs the closures' state;
//   - a final grade's own reasons (`fin`: the grade the quotas left a competitor, outcome.ts
//     gradeReasons): the quota decisions' words, then, for a demoted member, why the grade it landed
//     on holds (grade.ts ownReasons).
// A value the program cannot compute bails, as everywhere: that subject runs on the closures.

import type { GradeIR, IR, ProgramIR } from './ir.js';
import type { Emitter } from './emit-expr.js';
import type { Texts, Words } from './emit-program.js';
import { comment } from './safe.js';

/** The member block (after the outcomes, before the result). */
export function emitMember(e: Emitter, p: ProgramIR): void {
  const P = p.precision, c = p.cohort && 'tables' in p.cohort ? p.cohort : undefined;
  e.line('let cohortKey;');
  e.block('if (member)', () => {
    e.line(`cohortKey = ${cohortKeyOf(e, p)};`);
    e.line('member.allowed = allowed; member.key = cohortKey;');
    if (c?.rankBy) {
      e.note('rank by');
      const [n, d] = e.num(c.rankBy);
      e.line(`member.rn = ${n}; member.rd = ${d};`);
    } else e.line(`R.round(rN_score, rD_score, ${P}); member.rn = F.n; member.rd = F.d;`);
    if (c?.tables.length) {
      e.note('quota tables: their keys');
      const keys = c.tables.map((t) => e.val(t.value));
      e.line(`member.tables = [${keys.join(', ')}];`);
      e.line("if (member.tables.includes(null) || member.tables.includes(undefined)) R.bail('quota table key');");
    } else e.line('member.tables = null;');
    e.line('member.tiebreak = null; member.holds = null;');
    if (!c || !Array.isArray(c.tiebreak)) return; // competitors run on the closures (competitor.ts)
    const tiebreak = c.tiebreak;
    e.block('if (allowed >= 0 && GQ[allowed])', () => {
      e.note('a competitor: its tiebreak keys (exact) and which lower grades hold');
      const values = tiebreak.map((t) => key(e, t.value));
      e.line(`member.tiebreak = [${values.join(', ')}];`);
      e.line('const holds = member.holds = [];');
      for (const g of p.grades) {
        if (g.index === 0) continue;
        if (g.otherwise) { e.line(`holds[${g.index}] = true;`); continue; }
        e.block(`if (allowed < ${g.index})`, () => e.line(`holds[${g.index}] = ${holdsAny(e, g)};`));
      }
    });
  });
}

/** The subject's cohort key (cohort.ts cohortKey): '' without `cohort by`, a text as it is, any other
 * value as values.ts shows it (the member block, and the 'pre' arguments program: emit-aggs.ts). */
export function cohortKeyOf(e: Emitter, p: ProgramIR): string {
  if (!p.cohortBy) return "''";
  return p.cohortBy.ty.k === 'text' ? e.val(p.cohortBy) : e.show(p.cohortBy);
}

/** A tiebreak key's value: a number as an exact Rational, an enum member by name. */
function key(e: Emitter, v: IR): string {
  if (v.ty.k !== 'num') return e.val(v);
  const [n, d] = e.num(v);
  return `R.rat(${n}, ${d})`;
}

/** Whether any of the grade's rules holds (compile-grades.ts anyRule: in order, the first that does). */
function holdsAny(e: Emitter, g: GradeIR): string {
  const h = e.tmp('h');
  e.line(`let ${h} = false; // ${comment(g.name)}`);
  for (const r of g.rules) e.block(`if (!${h})`, () => e.line(`${h} = ${e.val(r.when)} === true;`));
  return h;
}

/** A final grade's reasons after the restrictions' (`fg`: the final grade's index; `fin.reasons`:
 * the quota decisions' words, rendered by the caller). */
export function emitFinalReasons(e: Emitter, p: ProgramIR, texts: Texts, words: Words): void {
  e.block('if (fin !== undefined)', () => {
    e.line('for (const x of fin.reasons) gradeReasons.push(x);');
    e.block('if (fg >= 0 && fin.reasons.length > 0 && fg !== allowed)', () => {
      e.note('demoted by a quota: why the grade it landed on holds (grade.ts ownReasons)');
      e.block('switch (fg)', () => {
        for (const g of p.grades) e.block(`case ${g.index}:`, () => { ownReasons(e, g, texts, words); e.line('break;'); });
      });
    });
  });
}

/** The reasons of the grade's first rule that holds (its first rule when none does), each named by
 * the grade; `otherwise`: its own words (compile-grades.ts firstReasons, grade.ts ownReasons). */
function ownReasons(e: Emitter, g: GradeIR, texts: Texts, words: Words): void {
  if (g.otherwise) {
    const k = texts.add((lang) => words.otherwise(g.name, lang));
    e.line(`gradeReasons.push(W[${k}]);`);
    return;
  }
  const describe = (r: GradeIR['rules'][number]) => {
    const o = e.tmp('o');
    e.line(`const ${o} = [];`);
    e.describe(r.desc, o);
    e.line(`for (const x of ${o}) gradeReasons.push(R.because(GN[${g.index}], x, lang));`);
  };
  if (g.rules.length === 1) { describe(g.rules[0]); return; }
  const done = e.tmp('f');
  e.line(`let ${done} = false;`);
  for (const r of g.rules) {
    e.block(`if (!${done})`, () => {
      const h = e.val(r.when);
      e.block(`if (${h} === true)`, () => { e.line(`${done} = true;`); describe(r); });
    });
  }
  e.block(`if (!${done})`, () => describe(g.rules[0]));
}
