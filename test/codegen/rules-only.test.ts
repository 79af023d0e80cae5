// engine/codegen compiledRules: the generated code of the rule lists alone (bench/engine.ts row (b),
// rule sections compiled vs json-rules-engine) decides what the full evaluation decides — the same
// negative and reward items, deductions, rewards and list actions as the closures engine (the
// reference) — on seeded random valid subjects of every compiled scheme.

import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, planOf, prepare } from '../../engine/index.js';
import { compiledInput, compiledRules, compileJs } from '../../engine/codegen/index.js';
import { Bail } from '../../engine/codegen/runtime.js';
import { recordArb } from '../jre/subjects.js';
import { periodFor } from '../backends/corpus.js';

const dirs = ['schemes', '../shared/spec/examples'];
const files = dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.kaohe')).map((f) => `${d}/${f}`));

describe('compiled rule sections alone vs closures', () => {
  for (const file of files) {
    it(file, async () => {
      const s = prepare(readFileSync(file, 'utf8'), file).value!;
      const plan = planOf(s);
      const rules = compiledRules(plan);
      // none for a scheme with cohort aggregates either: its items may read values known only in a cohort
      const program = compileJs(plan).program;
      expect(rules === undefined).toBe(program === undefined || program.ir.aggs !== undefined);
      if (!rules) return;
      const inputs = fc.sample(recordArb(plan.contract), { numRuns: 200, seed: 11 });
      const { period } = periodFor(plan); // a scheme naming periodStart/periodEnd is evaluated in a period
      let ran = 0, withItems = 0;
      for (const [i, input] of inputs.entries()) {
        const record = compiledInput(plan, input, period); // inputs by period: plain records, checked against it
        if (!record) continue;
        let a;
        try { a = rules(record, i % 2 ? 'zh' : 'en', period); } catch (err) { if (err instanceof Bail) continue; throw err; }
        const r = await evaluate(s, { id: `S${i}`, input: input as never }, { backend: 'closures', lang: i % 2 ? 'zh' : 'en', period });
        if (!r.ok) continue; // an evaluation error elsewhere in the scheme (the rules alone need not fail)
        ran++;
        if (a.negative.length + a.rewardItems.length > 0) withItems++;
        expect(a.negative).toEqual(r.value.negative);
        expect(a.rewardItems).toEqual(r.value.rewardItems);
        expect([a.deductions, a.rewards]).toEqual([r.value.deductions, r.value.rewards]);
        expect(r.value.actions.slice(0, a.actions.length)).toEqual(a.actions); // then the outcome's actions
      }
      expect(ran).toBeGreaterThan(100);
      if (plan.negatives.length + plan.rewards.length > 0) expect(withItems).toBeGreaterThan(0);
    });
  }
});
