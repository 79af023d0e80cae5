// A generated program split into functions (engine/codegen/split.ts, session 10): a big scheme's
// programs have no function near V8's optimization limit (61,440 bytes of bytecode ≈ 68,000
// characters of source) and give the closures' results; a split changes no result of any scheme
// (each split on purpose into small parts here); a run entered again before it returns (the twice
// program's `member.again`) does not disturb the outer one.

import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, evaluateJson, planOf, prepare } from '../../engine/index.js';
import { codegenCounters, compiledInput, programBuild, resetCounters } from '../../engine/codegen/index.js';
import { MemberOut } from '../../engine/codegen/competitor.js';
import { Bail } from '../../engine/codegen/runtime.js';
import { PART, SPLIT_AT, splitProgram } from '../../engine/codegen/split.js';
import type { Plan } from '../../engine/plan.js';
import { generateScheme } from '../../bench/gen-scheme.js';
import { recordArb } from '../jre/subjects.js';
import { periodFor } from '../backends/corpus.js';

/** A function's source may not be longer than this (a third of the limit's characters and some). */
const BOUND = 30_000;

type Run = (...args: unknown[]) => unknown;
/** The lengths of a program source's functions: its parts and the function it returns. */
const functionSizes = (src: string) => src.split(/\n(?=function \w+_\d+\(|return function )/).slice(1).map((x) => x.length);

const POSTS = ['综合管理', '行政执法', '窗口服务', '技术保障'], RANKS = ['科员', '主任科员', '调研员'];
/** A subject of generateScheme's schemes: `at` the lowest 基础值 (scores from about `at`). */
const generated = (i: number, at = 60) => ({
  id: `g${i}`, input: { 岗位: POSTS[i % 4], 职级类别: RANKS[i % 3], 基础值: at + ((i * 7) % (101 - at)), 完成率: (80 + ((i * 3) % 9) * 5) / 100 },
});

function inputs(plan: Plan, n: number): { id: string; input: Record<string, unknown> }[] {
  return fc.sample(recordArb(plan.contract), { numRuns: n, seed: 7 }).map((input, i) => ({ id: `s${i}`, input }));
}

/** One subject on a program's function: its result, or the bail's reason (or the error: a scheme
 * with cohort aggregates runs here without their values, and must fail the same way split or whole). */
function one(run: Run, I: unknown, id: string, lang: 'zh' | 'en', member?: MemberOut, period?: string): unknown {
  try { return run(I, id, lang, undefined, period, true, member); } catch (err) {
    return err instanceof Bail ? `bail ${err.reason}` : `error ${String(err)}`;
  }
}

describe('a big scheme, split', () => {
  const plan = planOf(prepare(generateScheme(84), 'big.kaohe').value!);

  it('has no generated function over the bound, in each of its programs', () => {
    for (const kind of [undefined, 'json', 'twice'] as const) {
      const b = programBuild(plan, kind)!;
      expect(b.whole.length).toBeGreaterThan(2 * SPLIT_AT); // ≈ 4× the province's program
      const sizes = functionSizes(b.source);
      expect(sizes.length).toBeGreaterThan(4);
      expect(Math.max(...sizes)).toBeLessThan(BOUND);
      expect(Math.max(...sizes)).toBeGreaterThan(PART / 2);
    }
  });

  it('gives the closures\' results, as objects and as JSON text', async () => {
    const s = prepare(generateScheme(84), 'big.kaohe').value!;
    resetCounters();
    for (let i = 0; i < 24; i++) {
      const x = generated(i);
      for (const lang of ['zh', 'en'] as const) {
        const ref = await evaluate(s, x, { backend: 'closures', lang, exactValues: true });
        expect(await evaluate(s, x, { backend: 'compiled', lang, exactValues: true })).toEqual(ref);
        expect(evaluateJson(s, x, { backend: 'compiled', lang, exactValues: true })).toBe(JSON.stringify(ref.ok && ref.value));
      }
    }
    expect(codegenCounters.bailed).toBe(0);
    expect(codegenCounters.compiled).toBe(24 * 2 * 2);
  });
});

describe('a split changes no result', () => {
  const files = [...readdirSync('schemes').filter((f) => f.endsWith('.kaohe')).map((f) => `schemes/${f}`), 'test/codegen/schemes/hostile.kaohe'];
  for (const file of files) {
    it(`${file}: split into small parts, the same results as whole`, () => {
      const p = prepare(readFileSync(file, 'utf8'), file);
      const plan = planOf(p.value!);
      const period = periodFor(plan).period;
      for (const kind of [undefined, 'json', 'twice'] as const) {
        const b = programBuild(plan, kind);
        if (!b) return; // not compiled (the matrix covers why)
        const small = splitProgram(b.whole, 0, 1_500);
        expect(functionSizes(small).length).toBeGreaterThan(3);
        const whole = b.make(b.whole) as Run, split = b.make(small) as Run;
        let ran = 0;
        for (const x of inputs(plan, 40)) {
          const I = compiledInput(plan, x.input, period);
          if (!I) continue;
          for (const lang of ['zh', 'en'] as const) {
            const m1 = new MemberOut(), m2 = new MemberOut();
            expect(one(split, I, x.id, lang, m2, period)).toEqual(one(whole, I, x.id, lang, m1, period));
            expect(m2).toEqual(m1);
            ran++;
          }
        }
        expect(ran).toBeGreaterThan(0);
      }
    });
  }
});

describe('a run entered again before it returns', () => {
  it('the twice program: a nested run in `member.again` leaves the outer result alone', () => {
    const plan = planOf(prepare(generateScheme(10), 'g10.kaohe').value!);
    const b = programBuild(plan, 'twice')!;
    const run = b.make(splitProgram(b.whole, 0, 1_500)) as Run;
    const subjects = Array.from({ length: 40 }, (_, i) => generated(i, 85)).map((x) => ({ id: x.id, I: compiledInput(plan, x.input) }));
    expect(subjects.every((x) => x.I)).toBe(true);
    let asked = 0;
    for (const [k, x] of subjects.entries()) {
      const other = subjects[(k + 7) % subjects.length];
      /** The competitor's result and its demoted text; `nest`: another subject runs inside `again`. */
      const twice = (nest: boolean) => {
        const m = new MemberOut();
        m.again = (mm) => {
          asked++;
          if (nest) one(run, other.I, other.id, 'zh', new MemberOut());
          return { grade: mm.allowed + 1, reasons: [], rank: undefined as never };
        };
        return [one(run, x.I, x.id, 'zh', m), m.demoted];
      };
      expect(twice(true)).toEqual(twice(false));
    }
    expect(asked).toBeGreaterThan(10); // competitors reached `again`
  });
});
