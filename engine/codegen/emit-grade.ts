// Emitting the grade (issue 16, part of the program emitProgram writes; engine/grade.ts, describe.ts):
// the candidate — the first grade, in order, one of whose rules holds over reported values (or
// `otherwise`), with the reasons of that rule — then the grade the restrictions allow (no grade,
// veto: the lowest, a cap), the final grade (the allowed one, or the one a cohort's quotas left:
// `fin`, emit-cohort.ts) and its reasons, and why each better grade was missed (emit-describe.ts).

import type { ProgramEmit } from './emit-program.js';
import { emitFinalReasons } from './emit-cohort.js';
import { emitMissed } from './emit-describe.js';

/** `cand`, `allowed`, `acted`, `fg` (the final grade's index), `rV_grade`, `gradeReasons`. */
export function emitGrade(c: ProgramEmit): void {
  emitAllowed(c);
  emitFinalGrade(c);
}

/** `cand` and its `reasons`, `allowed`, `acted`: what does not depend on the final grade. */
export function emitAllowed(c: ProgramEmit): void {
  const { p, e } = c;
  emitCandidate(c);
  e.line(`let allowed = cand, acted = -1;`);
  e.line(`if (cand >= 0) { if (ng >= 0) { allowed = -1; acted = ng; } else if (vt >= 0) { allowed = ${p.grades.length - 1}; acted = vt; } else if (capG > cand) { allowed = capG; acted = capT; } }`);
}

/** `fg`, `rV_grade`, `gradeReasons` (pushed to: `reasons` too when the final grade is the candidate). */
export function emitFinalGrade(c: ProgramEmit): void {
  const { p, e } = c;
  // the final grade: the allowed one, or the one a cohort's quotas left (`fin`, emit-cohort.ts)
  e.line('const fg = fin === undefined ? allowed : fin.grade;');
  e.line('const rV_grade = fg >= 0 ? GN[fg] : null;');
  // the candidate's reasons as they are when it is the grade (the common case: no copy)
  e.line('let gradeReasons;');
  e.line('if (fg >= 0 && fg === cand) gradeReasons = reasons;');
  e.line('else { gradeReasons = []; if (fg >= 0 && cand >= 0) { for (const x of reasons) gradeReasons.push(R.because(GN[cand], x, lang)); } }');
  e.line('if (acted >= 0) gradeReasons.push(W[acted]);');
  emitFinalReasons(e, p, c.texts, c.words);
  emitMissed(e, p); // why each better grade was missed, last (grade.ts missedReasons)
}

/** The candidate grade over reported values (`cand`, its index; -1: none) and its `reasons`. */
function emitCandidate(c: ProgramEmit): void {
  const { p, e } = c;
  e.line('let cand = -1, reasons = null;');
  for (const g of p.grades) {
    e.note(`grade ${g.name}`);
    if (g.otherwise) { const k = c.texts.add((lang) => c.words.otherwise(g.name, lang)); e.line(`if (cand < 0) { cand = ${g.index}; reasons = [W[${k}]]; }`); continue; }
    for (const r of g.rules) {
      e.block('if (cand < 0)', () => {
        const h = e.val(r.when);
        e.block(`if (${h} === true)`, () => {
          e.line(`cand = ${g.index}; reasons = [];`);
          e.describe(r.desc, 'reasons');
        });
      });
    }
  }
}
