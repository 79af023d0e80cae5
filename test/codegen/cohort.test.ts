// Cohorts through the compiled engine (engine/batch.ts runAll): a subject that cannot compete for a
// quota grade runs on the generated program and joins its cohort from there; competitors keep the
// closures path for the quota phase. The batch result JSON equals the closures' for every compiled
// scheme, in zh and en, with the paths counted.

import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateCohort, planOf, prepare } from '../../engine/index.js';
import { codegenCounters, compileJs, resetCounters } from '../../engine/codegen/index.js';
import { recordArb, sameQuotaKeys } from '../jre/subjects.js';

const dirs = ['schemes', '../shared/spec/examples'];
const files = dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.kaohe')).map((f) => `${d}/${f}`));

describe('cohorts: compiled non-competitors, closures competitors', () => {
  for (const file of files) {
    it(file, async () => {
      const s = prepare(readFileSync(file, 'utf8'), file).value!;
      const plan = planOf(s);
      if (!compileJs(plan).program) return; // runs on closures (differential.test.ts says why)
      resetCounters();
      let compiled = 0;
      for (let b = 0; b < 4; b++) {
        const inputs = sameQuotaKeys(plan, fc.sample(recordArb(plan.contract), { seed: 160 + b, numRuns: 60 }));
        const subjects = inputs.map((input, i) => ({ id: `s${i}`, input, ...(i % 5 === 0 ? { display: { 姓名: `张${i}` } } : {}) }));
        for (const lang of ['zh', 'en'] as const) {
          const ref = await evaluateCohort(s, subjects, { lang, backend: 'closures' });
          const got = await evaluateCohort(s, subjects, { lang, backend: 'compiled' });
          expect(JSON.stringify(got)).toBe(JSON.stringify(ref));
        }
        compiled = codegenCounters.compiled;
      }
      expect(Object.keys(codegenCounters.reasons).filter((r) => r.startsWith('exception'))).toEqual([]);
      if (!plan.rankBy && !plan.grades.some((g) => g.quotas.some((q) => q.table))) expect(compiled).toBeGreaterThan(100);
    }, 300_000);
  }
});
