// The compiled engine against the closures engine (the reference), scheme by scheme: every scheme in
// schemes/ and ../shared/spec/examples either compiles or is unsupported for a stated reason, and
// a compiled one gives byte-identical result JSON on seeded random valid subjects (zh and en), with
// the paths counted: almost every subject on the generated code, none through an exception.
// A scheme with cohort aggregates (township-leaders) does not evaluate one subject alone (KH-E040):
// its subjects are compared in batches of 50. `npm test`: 500 province subjects and 120 for every other
// scheme (1,000 and 250 before issue 16's session 3); CG_FULL=1 (`npm run test:differential`): 20,000
// and 2,000 (the issue's numbers).

import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, evaluateCohort, planOf, prepare } from '../../engine/index.js';
import { codegenCounters, compileJs, resetCounters } from '../../engine/codegen/index.js';
import { recordArb } from '../jre/subjects.js';
import { periodFor } from '../backends/corpus.js';

const FULL = process.env.CG_FULL === '1';
const dirs = ['schemes', '../shared/spec/examples'];
const files = dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.kaohe')).map((f) => `${d}/${f}`));

/** What the code generator does not compile, by scheme file name, and why (none since cohort aggregates). */
const UNSUPPORTED: Record<string, string> = {};

describe('compiled vs closures, every scheme', () => {
  for (const file of files) {
    const name = file.split('/').pop()!;
    const n = FULL ? (name === 'province-annual.kaohe' ? 20000 : 2000) : (name === 'province-annual.kaohe' ? 500 : 120);
    it(`${file}: ${UNSUPPORTED[name] ? `unsupported (${UNSUPPORTED[name]})` : `identical on ${n} subjects × zh/en`}`, async () => {
      const s = prepare(readFileSync(file, 'utf8'), file).value!;
      const plan = planOf(s);
      const c = compileJs(plan);
      if (UNSUPPORTED[name]) {
        expect(c.program).toBeUndefined();
        expect(c.unsupported[0].what).toContain(UNSUPPORTED[name]);
        return;
      }
      expect(c.unsupported).toEqual([]);
      const inputs = fc.sample(recordArb(plan.contract), { seed: 16, numRuns: n });
      const period = periodFor(plan); // a scheme naming periodStart/periodEnd is evaluated in a period
      resetCounters();
      let differ = 0, first = '';
      const batch = c.program!.ir.aggs ? 50 : 0;
      for (let i = 0; batch && i < inputs.length; i += batch) {
        for (const lang of ['zh', 'en'] as const) {
          const subjects = inputs.slice(i, i + batch).map((input, k) => ({ id: `s${i + k}`, input }));
          const ref = JSON.stringify(await evaluateCohort(s, subjects, { lang, backend: 'closures', exactValues: i % 7 === 0, ...period }));
          const got = JSON.stringify(await evaluateCohort(s, subjects, { lang, backend: 'compiled', exactValues: i % 7 === 0, ...period }));
          if (got !== ref) { differ++; first ||= `batch ${i} ${lang}\n${ref}\n${got}`; }
        }
      }
      for (let i = 0; !batch && i < inputs.length; i++) {
        for (const lang of ['zh', 'en'] as const) {
          const subject = { id: `s${i}`, input: inputs[i] };
          const ref = JSON.stringify(await evaluate(s, subject, { lang, backend: 'closures', ...period }));
          const got = JSON.stringify(await evaluate(s, subject, { lang, backend: 'compiled', exactValues: i % 7 === 0, ...period }));
          const refX = i % 7 === 0 ? JSON.stringify(await evaluate(s, subject, { lang, backend: 'closures', exactValues: true, ...period })) : ref;
          if (got !== refX) { differ++; first ||= `${i} ${lang}\n${refX}\n${got}`; }
        }
      }
      expect(first).toBe('');
      expect(differ).toBe(0);
      const reasons = Object.keys(codegenCounters.reasons);
      expect(reasons.filter((r) => r.startsWith('exception'))).toEqual([]);
      // nearly every subject on the generated code (bails: inputs the generated validator leaves to the reference, values past 2^53)
      expect(codegenCounters.compiled).toBeGreaterThanOrEqual(0.9 * 2 * n);
    }, 600_000);
  }
});
