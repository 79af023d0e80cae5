// Runs a range of fuzz inputs (generate.ts) through the pipeline (pipeline.ts) and keeps what a
// report needs: failures (minimised, with seed and index to reproduce them), inputs over the CPU
// budget, and a histogram of CPU times for percentiles. Shared by the CI property (fuzz-*.test.ts)
// and `npm run fuzz` (bench/fuzz.ts).

import { fuzzInput, type FuzzInput } from './generate.js';
import type { Lang } from '../../dsl/keywords.js';
import { minimize, runTimed, type Failure } from './pipeline.js';

/** CPU budget of one input, in ms. */
export const BUDGET_MS = 100;

/** A mutated scheme over the budget is slow only when it also takes more than this many times its
 * unmutated scheme, timed right after it: a full reference scheme whose examples run takes 35–45 ms on
 * a quiet machine and passed 100 ms on a loaded CI run (the differential's parallel files), while a
 * pathological input is slower than its origin by far more than that. */
export const ORIGIN_FACTOR = 2;

/** Histogram bins: 10 µs wide up to 10 s. */
const BIN_MS = 0.01;
const BINS = 1_000_000;

export interface Found { input: FuzzInput; failure: Failure; minimized?: string }
export interface Slow { input: FuzzInput; ms: number }

export interface RangeResult {
  count: number;
  failures: Found[];
  /** Inputs over BUDGET_MS (after two retries) — for a mutated scheme, also over ORIGIN_FACTOR × its origin. */
  slow: Slow[];
  /** The slowest input. */
  slowest?: Slow;
  /** CPU time histogram (sparse: bin → count). */
  histogram: Map<number, number>;
}

export function emptyResult(): RangeResult {
  return { count: 0, failures: [], slow: [], histogram: new Map() };
}

export interface RangeOptions {
  /** Minimise the first failures (costly: up to `minimizeMs` each). */
  minimizeFirst?: number;
  minimizeMs?: number;
  onInput?: (index: number, ms: number) => void;
  /** Stop before this time (performance.now()), having run fewer inputs. */
  until?: number;
}

/** Runs inputs `from` … `from + count - 1` of `seed`. */
export async function fuzzRange(seed: number, from: number, count: number, opts: RangeOptions = {}): Promise<RangeResult> {
  const r = emptyResult();
  for (let index = from; index < from + count; index++) {
    if (opts.until !== undefined && performance.now() >= opts.until) break;
    const input = fuzzInput(seed, index);
    const { failure, ms } = await runTimed(input.text, input.lang, BUDGET_MS);
    const slow = ms >= BUDGET_MS && !(input.origin !== undefined && await withinOrigin(ms, input.origin, input.lang));
    r.count++;
    const bin = Math.min(BINS - 1, Math.floor(ms / BIN_MS));
    r.histogram.set(bin, (r.histogram.get(bin) ?? 0) + 1);
    if (!r.slowest || ms > r.slowest.ms) r.slowest = { input, ms };
    if (slow) r.slow.push({ input, ms });
    if (failure) {
      const found: Found = { input, failure };
      if (r.failures.length < (opts.minimizeFirst ?? 5)) found.minimized = await minimize(input.text, failure, input.lang, opts.minimizeMs);
      r.failures.push(found);
    }
    opts.onInput?.(index, ms);
  }
  return r;
}

/** Merges `b` into `a`. */
export function merge(a: RangeResult, b: RangeResult): RangeResult {
  a.count += b.count;
  a.failures.push(...b.failures);
  a.slow.push(...b.slow);
  if (b.slowest && (!a.slowest || b.slowest.ms > a.slowest.ms)) a.slowest = b.slowest;
  for (const [bin, n] of b.histogram) a.histogram.set(bin, (a.histogram.get(bin) ?? 0) + n);
  return a;
}

/** The CPU time (ms) below which a fraction `q` of the inputs fall. */
export function percentile(r: RangeResult, q: number): number {
  const bins = [...r.histogram.keys()].sort((x, y) => x - y);
  const want = Math.ceil(q * r.count);
  let seen = 0;
  for (const b of bins) {
    seen += r.histogram.get(b)!;
    if (seen >= want) return (b + 1) * BIN_MS;
  }
  return 0;
}

/** A failure or slow input as a person reproduces it. */
export function describeInput(i: FuzzInput): string {
  return `seed ${i.seed} index ${i.index} (${i.shape}; formatted in ${i.lang}); reproduce: fuzzInput(${i.seed}, ${i.index}) from test/fuzz/generate.ts`;
}

/** Everything wrong in a result, or '' when nothing is. */
export function problems(r: RangeResult): string {
  const out: string[] = [];
  for (const f of r.failures) {
    out.push(`${f.failure.stage} failed: ${f.failure.message}\n  ${describeInput(f.input)}`
      + (f.minimized !== undefined ? `\n  minimised: ${JSON.stringify(f.minimized)}` : ''));
  }
  for (const s of r.slow) out.push(`${s.ms.toFixed(1)} ms CPU (budget ${BUDGET_MS} ms)\n  ${describeInput(s.input)}`);
  return out.join('\n');
}

/** Whether `ms` is within ORIGIN_FACTOR of the unmutated scheme's own time, measured now (same load). */
async function withinOrigin(ms: number, origin: string, lang: Lang): Promise<boolean> {
  const base = await runTimed(origin, lang, 0); // slowMs 0: the fastest of three runs
  return ms <= ORIGIN_FACTOR * base.ms;
}
