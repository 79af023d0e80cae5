// Emitting the outcomes and the result (issue 16, part of the program emitProgram writes;
// engine/outcome.ts, display-inputs.ts): the bonus of the final grade, the scheme's actions whose
// condition holds, the indicators to improve, the display inputs' values as text, and the result
// object with outcome.ts resultOf's keys in the same order (its JSON text instead: emit-json.ts).

import type { ProgramEmit } from './emit-program.js';
import { access, literal } from './emit-base.js';
import { jsonLiteral } from './emit-json.js';
import { str } from './safe.js';
import { WEIGHT_DIGITS } from '../outcome.js';

/** `rN_bonus`, the scheme's actions into `actions`, `improve`. */
export function emitOutcomes(c: ProgramEmit, improve = true): void {
  const { p, e } = c;
  e.line('let rN_bonus = null, rD_bonus = 1;');
  if (p.bonus?.length) {
    e.block('switch (rV_grade)', () => {
      for (const b of p.bonus!) {
        e.block(`case ${str(b.grade)}:`, () => { const [n, d] = e.num(b.value); e.line(`rN_bonus = ${n}; rD_bonus = ${d};`); e.line('break;'); });
      }
    });
  }
  for (const a of p.actions) {
    e.note(`action ${a.name} (line ${a.line})`);
    e.block(a.usesGrade ? 'if (fg >= 0)' : 'if (true)', () => {
      const h = e.val(a.when);
      e.line(`if (${h} === true && !actions.includes(${str(a.name)})) actions.push(${str(a.name)});`);
    });
  }
  if (improve) emitImprove(c);
}

/** `improve`: the applicable indicators whose reported score is below the scheme's mark (R.improve
 * orders them and keeps at most `max`). */
function emitImprove(c: ProgramEmit): void {
  const { p, e, J } = c, P = p.precision;
  e.line('let improve = [];');
  if (!p.improve) return;
  e.note('improve');
  const [bn, bd] = e.num(p.improve.below);
  e.line('let rows = null;');
  p.indicators.forEach((n, i) => {
    e.block(`if (aI${i})`, () => {
      e.line(`R.round(sNI${i}, sDI${i}, ${P});`);
      e.line(`if (R.cmp(F.n, F.d, ${bn}, ${bd}) < 0) (rows ??= []).push(${J ? jsonLiteral(n.name) : str(n.name)}, F.n, F.d);`);
    });
  });
  e.line(`if (rows !== null) improve = R.improve(rows, ${p.improve.max ?? 'Infinity'});`);
}

/** The display inputs (display-inputs.ts): their values as text, after the request's other display fields. */
export function emitDisplay(c: ProgramEmit): void {
  const { p, e } = c;
  if (!p.display.length) return;
  const pairs = p.display.map((f) => {
    const raw = `${access('I', f.name)}${f.dflt !== undefined ? ` ?? ${literal(f.dflt)}` : ''}`;
    return f.spec.kind === 'number' ? `R.numText(${raw})` : raw;
  });
  e.line(`display = R.display(display, [${p.display.map((f) => str(f.name)).join(', ')}], [${pairs.join(', ')}]);`);
}

/** The result object, returned (outcome.ts resultOf: the same keys in the same order). */
export function emitResultObject(c: ProgramEmit): void {
  const { p, e } = c, P = p.precision;
  e.line(`const result = { scheme: { id: ${str(p.id)}, version: ${p.version === null ? 'null' : str(p.version)}, hash: ${str(p.hash)} }, subject: id };`);
  e.line('if (display !== undefined) result.display = display;');
  e.line('if (period !== undefined) result.period = period;');
  e.line('if (member) { result.cohort = cohortKey; result.rank = fin === undefined ? null : fin.rank; } // else the batch fills it in');
  e.line(`result.score = R.rnd(rN_score, rD_score, ${P}); result.base = R.rnd(rN_base, rD_base, ${P}); result.adjust = R.rnd(rN_adjust, rD_adjust, ${WEIGHT_DIGITS});`);
  e.line(`result.rewards = R.rnd(wn, wd, ${P}); result.deductions = R.rnd(dn, dd, ${P});`);
  e.line('result.grade = rV_grade; result.provisional = fin === undefined && allowed >= 0 && GQ[allowed]; result.gradeReasons = gradeReasons;');
  e.line('result.groups = groups; result.indicators = indicators; result.negative = negative; result.rewardItems = rewardItems;');
  e.line(`result.actions = actions; result.bonus = rN_bonus === null ? null : R.rnd(rN_bonus, rD_bonus, ${WEIGHT_DIGITS}); result.improve = improve;`);
  e.line('if (fin !== undefined && fin.quota !== undefined) result.quota = fin.quota;');
  e.line('if (exactValues) result.exact = { score: R.exact(rN_score, rD_score), base: R.exact(rN_base, rD_base), rewards: R.exact(wn, wd), deductions: R.exact(dn, dd) };');
  e.line('if (fin !== undefined && fin.flags !== undefined) result.flags = fin.flags;');
  e.line('return result;');
}
