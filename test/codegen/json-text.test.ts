// The compiled result as JSON text (issue 16; engine/codegen/emit-json.ts): for every reference
// scheme (schemes/, ../shared/spec/examples, test/jre/schemes: test/backends/corpus.ts) and the
// hostile one, generated subjects — valid and invalid, in zh and en, with exact values, display
// fields, hostile ids — give through `evaluateJson` either exactly `JSON.stringify` of the closures'
// result or undefined (the caller's fallback), never other text; undefined for every subject the
// closures refuse. Numbers pushed across 2^53 take the fallback (counted) and values on exact halves
// give the same text. As a cohort member and with a final grade (quota words, rank, flags), the text
// is the object program's JSON and the member record the same. Size: KAOHE_JSON_N subjects per
// scheme (`npm test`: 10, with 8 edge, 8 half and 8 member subjects; from 1,000 on, the full run:
// 2,000 of each of those too — `npm run test:differential` sets it).

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { EvalOptions, PreparedScheme, SubjectInput } from '../../engine/api.js';
import { evaluate, evaluateJson } from '../../engine/index.js';
import { codegenCounters, compileJs, evaluateCompiled, evaluateCompiledJson } from '../../engine/codegen/index.js';
import { MemberOut } from '../../engine/codegen/competitor.js';
import { rnd } from '../../engine/codegen/runtime.js';
import { rndText } from '../../engine/codegen/runtime-json.js';
import type { Plan } from '../../engine/plan.js';
import { load, periodFor, planOf, referenceSchemes } from '../backends/corpus.js';
import { singleArb } from '../backends/inputs.js';
import { recordArb } from '../jre/subjects.js';
import { edgeArb, finArb, halvesArb, hostileText, onHalf } from './json-text-inputs.js';

const RUNS = Number(process.env.KAOHE_JSON_N ?? 10);
const FULL = RUNS >= 1_000;
const EDGE_RUNS = FULL ? 2_000 : 8;
const schemes = [...referenceSchemes(), { name: 'test/codegen/schemes/hostile.kaohe', source: readFileSync('test/codegen/schemes/hostile.kaohe', 'utf8') }];
const report: string[] = [];

interface Target { name: string; scheme: PreparedScheme; plan: Plan; period: Pick<EvalOptions, 'period'>; compiles: boolean }
function target(name: string, source: string): Target {
  const scheme = load(source, name), plan = planOf(scheme);
  const compiles = !!compileJs(plan).program && !compileJs(plan).program!.ir.aggs;
  return { name, scheme, plan, period: periodFor(plan), compiles };
}

/** How one scheme's subjects went: answered as text, left to the caller (valid ones: the fallback). */
interface Tally { text: number; fallback: number; refused: number; halves: number }
const tally = (): Tally => ({ text: 0, fallback: 0, refused: 0, halves: 0 });

/** One subject: the JSON entry's text is the closures' result JSON, or undefined. */
async function check(t: Target, subject: SubjectInput, opts: EvalOptions, n: Tally): Promise<void> {
  const ref = await evaluate(t.scheme, subject, { ...opts, ...t.period, backend: 'closures' });
  const text = evaluateJson(t.scheme, subject, { ...opts, ...t.period, backend: 'compiled' });
  if (!ref.ok) { n.refused++; expect(text, `an answer for a subject the closures refuse: ${JSON.stringify(ref.errors[0])}`).toBeUndefined(); return; }
  if (text === undefined) { n.fallback++; return; }
  expect(text).toBe(JSON.stringify(ref.value));
  n.text++;
  if (ref.value.exact) for (const v of Object.values(ref.value.exact)) if (onHalf(v, t.plan.precision)) n.halves++;
}

const optionsOf = (i: number): EvalOptions => ({ lang: i % 2 ? 'zh' : 'en', exactValues: i % 3 === 0, ...(i % 11 === 0 ? { explain: true } : {}) });

describe('JSON text = JSON.stringify of the closures\' result, or undefined', () => {
  const totals = { edgeFallback: 0, edgeText: 0, halves: 0 };
  for (const { name, source } of schemes) {
    describe(name, () => {
      const t = target(name, source);

      it(`${RUNS} generated subjects (valid and invalid, ids and display fields hostile now and then)`, async () => {
        const n = tally();
        let i = 0;
        await fc.assert(fc.asyncProperty(singleArb(t.plan), hostileText, fc.nat(9), async ({ subject }, odd, roll) => {
          const sub: SubjectInput = { ...subject };
          if (roll === 0) sub.id = odd;
          if (roll === 1 && sub.display) sub.display = { ...sub.display, [odd]: odd };
          const opts = optionsOf(i++);
          await check(t, sub, opts, n);
          if (opts.explain) expect(evaluateJson(t.scheme, sub, { ...opts, ...t.period, backend: 'compiled' }), 'explained: no text').toBeUndefined();
        }), { numRuns: RUNS, seed: 1612 });
        report.push(`${name}: ${RUNS} subjects — ${n.text} as text, ${n.fallback} fallback, ${n.refused} refused`);
        if (t.compiles) expect(n.text, 'most evaluating subjects answered as text').toBeGreaterThan((n.text + n.fallback) / 2);
        else expect(n.text, 'a scheme the program does not take alone: no text').toBe(0);
      }, FULL ? 3600_000 : 60_000);

      it(`${EDGE_RUNS} subjects with numbers across 2^53 (fallback) and ${EDGE_RUNS} on exact halves`, async () => {
        const n = tally(), h = tally();
        await fc.assert(fc.asyncProperty(edgeArb(t.plan.contract), async (input) => check(t, { id: 'E1', input }, { lang: 'zh' }, n)), { numRuns: EDGE_RUNS, seed: 53 });
        await fc.assert(fc.asyncProperty(halvesArb(t.plan.contract, t.plan.precision), async (input) => check(t, { id: 'H1', input }, { exactValues: true }, h)), { numRuns: EDGE_RUNS, seed: 5 });
        totals.edgeFallback += n.fallback; totals.edgeText += n.text; totals.halves += h.halves;
        report.push(`${name}: edges ${n.text} text / ${n.fallback} fallback / ${n.refused} refused; halves ${h.text} text, ${h.halves} reported values on a half`);
      }, FULL ? 3600_000 : 60_000);

      it.runIf(t.compiles && t.plan.grades.some((g) => g.quotas.length > 0))('as a cohort member and with a final grade: the object program\'s JSON, the same member record', () => {
        const grades = t.plan.grades.map((g) => g.name);
        fc.assert(fc.property(recordArb(t.plan.contract), fc.option(finArb(grades), { nil: undefined }), fc.boolean(), (input, fin, zh) => {
          const sub = { id: 'M1', input }, opts: EvalOptions = { lang: zh ? 'zh' : 'en', exactValues: !zh };
          const a = new MemberOut(), b = new MemberOut();
          const obj = evaluateCompiled(t.plan, sub, opts, t.period.period, a, fin);
          const text = evaluateCompiledJson(t.plan, sub, opts, t.period.period, b, fin);
          expect(text).toBe(obj && JSON.stringify(obj));
          if (obj) expect(b).toEqual(a);
        }), { numRuns: EDGE_RUNS, seed: 7 });
      });
    });
  }

  it('values across 2^53 took the fallback somewhere; exact halves were reported', () => {
    expect(totals.edgeFallback, 'an edge subject left to the caller').toBeGreaterThan(0);
    expect(totals.edgeText, 'edge subjects still answered as text where they fit').toBeGreaterThan(0);
    expect(totals.halves, 'values exactly on a half').toBeGreaterThan(0);
  });
});

describe('a reported number\'s text', () => {
  it('rndText(n, d, p) is String(rnd(n, d, p)): halves, tiny and huge values, 15 and 16 digits', () => {
    const int = fc.oneof(fc.integer({ min: -1e6, max: 1e6 }), fc.constantFrom(0, 1, -1, 2 ** 53 - 1, -(2 ** 53 - 1), 999_999_999_999_999, 1e15, 5, 15, 125));
    const den = fc.oneof(fc.integer({ min: 1, max: 1e6 }), fc.constantFrom(1, 2, 3, 8, 1e6, 1e9, 1e15, 2 ** 53 - 1));
    fc.assert(fc.property(int, den, fc.integer({ min: 0, max: 17 }), (n, d, p) => {
      let v: string | undefined;
      try { v = String(rnd(n, d, p)); } catch { return; } // beyond what rnd reports
      expect(rndText(n, d, p)).toBe(v);
    }), { numRuns: FULL ? 200_000 : 2_000, seed: 15 });
  });
});

describe('the entry', () => {
  const t = target('schemes/province-annual.kaohe', readFileSync('schemes/province-annual.kaohe', 'utf8'));
  const input = fc.sample(recordArb(t.plan.contract), { seed: 3, numRuns: 1 })[0];

  it('answers once the plan is warm (the default backend), and never for the closures or jre', async () => {
    const fresh = target('warm', readFileSync('schemes/province-annual.kaohe', 'utf8') + '\n');
    const texts = Array.from({ length: 40 }, () => evaluateJson(fresh.scheme, { id: 'w', input }));
    expect(texts[0]).toBeUndefined();
    const ref = await evaluate(fresh.scheme, { id: 'w', input }, { backend: 'closures' });
    expect(texts[texts.length - 1]).toBe(JSON.stringify(ref.ok && ref.value));
    expect(evaluateJson(t.scheme, { id: 'w', input }, { backend: 'closures' })).toBeUndefined();
    expect(evaluateJson(t.scheme, { id: 'w', input }, { rulesRuntime: 'jre', backend: 'compiled' })).toBeUndefined();
  });

  it('undefined for what is not a subject, a bad period, a decision; a counted bail, not an exception', () => {
    expect(evaluateJson(t.scheme, null as never, { backend: 'compiled' })).toBeUndefined();
    expect(evaluateJson(t.scheme, { id: 'x', input }, { backend: 'compiled', period: '20xx' })).toBeUndefined();
    expect(evaluateJson(t.scheme, { id: 'x', input, decision: { reason: 'r' } }, { backend: 'compiled' })).toBeUndefined();
    const before = codegenCounters.bailed;
    expect(evaluateJson(t.scheme, { id: 10n as never, input }, { backend: 'compiled' })).toBeUndefined(); // not a text id: refused at the door
    expect(codegenCounters.bailed).toBe(before);
    expect(evaluateCompiledJson(t.plan, { id: 10n as never, input }, { backend: 'compiled' }, undefined)).toBeUndefined(); // JSON has no BigInt
    expect(codegenCounters.bailed).toBe(before + 1);
    expect(compileJs(t.plan).program!.json, 'the JSON program stays').toBeTypeOf('function');
  });

  it('the JSON program is readable and holds scheme text only in escaped literals', () => {
    const h = target('hostile', readFileSync('test/codegen/schemes/hostile.kaohe', 'utf8'));
    expect(evaluateCompiledJson(h.plan, { id: 'x', input: {} }, undefined)).toBeUndefined(); // builds it
    const src = compileJs(h.plan).program!.json!.toString();
    expect(/[\u2028\u2029]/.test(src)).toBe(false);
    expect(src.includes('</script')).toBe(false);
    expect(src).toContain('indicators.push(');
    expect(src).toMatch(/\/\/ 指标 甲项 \(line \d+\)/);
  });
});

afterAll(() => { if (FULL || process.env.JSON_TEXT_REPORT) console.log(report.join('\n')); });
