// Lowering a scheme's cohort aggregates (issue 16; `overall max(财政收入)`, `本组 名次(得分)`, issue 13):
// the arguments X each stage computes per subject, in the closures' slot order (cohort-values.ts
// slotsOf: one X per distinct argument text). 'pre' arguments read no result name and are lowered at
// the tree's stage; 'post' ones read score/base/rewards/deductions/adjust and are lowered at the grades'
// stage. Where an aggregate is read, the program reads its value from the run's `C` (lower.ts `Cohort`),
// so the values between the stages are plain data (cohort-aggs.ts computes them over the cohort).

import { cohortAggsOf, slotsOf } from '../cohort-values.js';
import type { Plan } from '../plan.js';
import { walk, type IR, type ProgramIR } from './ir.js';
import { atStage, BEFORE_GRADE, lowerExpr, TREE, Unsupported, type LowerEnv } from './lower.js';

/** The plan's aggregates as ProgramIR.aggs, or undefined without any. Throws Unsupported for an
 * argument that reads an aggregate of its own stage or later (its value is not known yet). */
export function lowerAggs(env: LowerEnv, plan: Plan): ProgramIR['aggs'] {
  const all = cohortAggsOf(plan);
  if (!all.length) return undefined;
  const stage = (which: 'pre' | 'post'): IR[] => atStage(env, which === 'pre' ? TREE : BEFORE_GRADE, () => slotsOf(plan, which).map((s) => {
    const x = lowerExpr(env, s.node, false); // exact, as the closures' argument (cohort-values.ts)
    if (x.ty.k !== 'num') throw new Unsupported(`a cohort aggregate of a ${x.ty.k}`);
    walk(x, (c) => {
      if (c.op === 'Cohort' && (which === 'pre' || all[c.index].stage === 'post')) throw new Unsupported('a cohort aggregate inside another');
    });
    return x;
  }));
  return { count: all.length, pre: stage('pre'), post: stage('post') };
}
