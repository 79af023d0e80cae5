// The 'twice' JSON program (issue 16, the streaming cohort's pass 1: engine/stream/compiled.ts). A
// quota competitor's result should a quota demote it is worked out in pass 1, before anyone is
// ranked; it was a second whole run of the program with that grade (≈ 21 µs a competitor). Here
// the program runs once: it is the 'json' program, and for a competitor (`member.again` set,
// competitor.ts MemberOut) the final grade and the outcomes are worked out again, before its result
// is returned, for the grade `member.again` names — in a block of its own (shadowing the run's `fin`,
// `reasons`, `actions` and `member`; not a closure: see emitTwice) whose text is only the keys that
// grade changes (emit-json.ts emitGradeKeys: grade, provisional, gradeReasons; actions, bonus), into
// `member.demoted`: the rest of that result is the first one's
// (stream/compiled.ts demotedPieces). What the final grade changes of the shared part — the
// candidate's `reasons` (pushed to when the final grade is the candidate) and the `actions` the
// grade's outcomes add to — are copied first for that block, which has no member (the book reads the
// first run's). A bail in that block leaves `demoted` unset (that competitor is finished the old
// way); any other bail is the program's.

import type { ProgramEmit } from './emit-program.js';
import { emitAllowed, emitFinalGrade } from './emit-grade.js';
import { emitDisplay, emitOutcomes } from './emit-outcome.js';
import { emitMember } from './emit-cohort.js';

/** The twice program's body after the score, and its source (`head`: called after the lines, which
 * add constants to it). */
export function emitTwice(c: ProgramEmit, head: () => string[]): string {
  const { e, p, J } = c;
  if (!J) throw new Error('the twice program is a JSON program');
  emitAllowed(c);
  e.line('const twice = member !== undefined && member.again !== undefined && fin === undefined && allowed >= 0 && GQ[allowed];');
  e.line('const reasons2 = twice && reasons !== null ? reasons.slice() : reasons, actions2 = twice ? actions.slice() : actions;');
  emitFinalGrade(c);
  emitOutcomes(c);
  emitMember(e, p);
  emitDisplay(c);
  J.emitResult(e, () => e.block('if (twice)', () => {
    e.note('a competitor: what the grade a quota would demote it to changes in its result');
    e.line('const fin2 = member.again(member);');
    e.block('if (fin2 !== undefined)', () => {
      e.line('let demoted;');
      e.block('try', () => {
        // a block, not a function: a closure over the run's locals would make V8 keep every one it
        // reads (the indicators' sums…) in a heap context for all subjects — slower code, and a
        // compile of the whole program several times as costly (issue 16, session 8)
        e.line('const fin = fin2, reasons = reasons2, actions = actions2, member = undefined;');
        emitFinalGrade(c);
        emitOutcomes(c, false); // `improve` does not depend on the grade, and the keys written here do not hold it
        J.emitGradeKeys(e, 'demoted');
      });
      e.line('catch (err) { if (!(err instanceof R.Bail)) throw err; }');
      e.line('if (demoted !== undefined) member.demoted = demoted;');
    });
  }));
  return J.source(e, head());
}
