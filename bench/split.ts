// The generated program split into functions (engine/codegen/split.ts, session 10): µs per subject
// of the program as emitted (one function) and as it runs (split past SPLIT_AT), interleaved, CPU
// time, medians of several rounds — on the province scheme (not split: its whole program is below
// SPLIT_AT; here also split on purpose, to show what a split costs) and on generated schemes of about
// 2× and 4× its program's size; and whether every generated function is optimized by TurboFan after
// that warm-up (%GetOptimizationStatus: the run needs `--allow-natives-syntax`, so `run()` starts
// itself as a child with it). Every subject's result is compared between the two first.
//
//   node --import tsx bench/split.ts            (or `npm run bench -- split`)
//   BENCH_ROUNDS=9 BENCH_SUBJECTS=1000 node --import tsx bench/split.ts

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import type { SubjectInput } from '../engine/api.js';
import { compiledInput, programBuild } from '../engine/codegen/index.js';
import { Bail } from '../engine/codegen/runtime.js';
import { PART, splitProgram } from '../engine/codegen/split.js';
import { planOf, prepare } from '../engine/index.js';
import type { Plan } from '../engine/plan.js';
import { recordArb } from '../test/jre/subjects.js';
import { generateScheme } from './gen-scheme.js';
import { interleavedCpu, round, type BenchRow } from './harness.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
/** Passes over the subjects before the timed rounds, each variant alone (TurboFan optimizes meanwhile). */
const WARM = Number(process.env.BENCH_WARM ?? 12);
const SUBJECTS = Number(process.env.BENCH_SUBJECTS ?? 1000);
/** V8's TurboFanned bit of %GetOptimizationStatus (v8/src/runtime/runtime.h OptimizationStatus, V8 11). */
const TURBOFANNED = 1 << 6;

type Fn = (...args: unknown[]) => unknown;

/** A source's functions: its `run` first, then its parts (split.ts names them `run_0`…). */
function functions(make: (src: string) => unknown, source: string): Fn[] {
  const parts = [...source.matchAll(/^function (\w+_\d+)\(/gm)].map((m) => m[1]);
  const exposed = source.replace(/^return function (\w+)\(/m, 'const main$ = function $1(') + `\nreturn [main$${parts.map((p) => `, ${p}`).join('')}];\n`;
  return make(exposed) as Fn[];
}

function subjectsOf(plan: Plan, n: number): { id: string; input: Record<string, unknown> }[] {
  const out: { id: string; input: Record<string, unknown> }[] = [];
  for (const [i, input] of fc.sample(recordArb(plan.contract), { numRuns: n, seed: 10 }).entries()) {
    const read = compiledInput(plan, input);
    if (read) out.push({ id: `S${i}`, input: read });
  }
  return out;
}

/** One subject on a program's run: its result, or the bail's reason. */
function one(run: Fn, x: { id: string; input: unknown }): unknown {
  try { return run(x.input, x.id, 'zh', undefined, undefined, false); } catch (err) {
    if (err instanceof Bail) return `bail ${err.reason}`;
    throw err;
  }
}

async function child(): Promise<BenchRow[]> {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- V8's natives syntax, only under --allow-natives-syntax
  const status = new Function('f', 'return %GetOptimizationStatus(f)') as (f: unknown) => number;
  const province = readFileSync(fileURLToPath(new URL('../../shared/spec/examples/province-annual.kaohe', import.meta.url)), 'utf8');
  const cases: [string, string][] = [['province-annual', province], ['generated, 42 indicators (≈ 2× the province\'s program)', generateScheme(42)],
    ['generated, 84 indicators (≈ 4×)', generateScheme(84)]];
  const rows: BenchRow[] = [];
  for (const [name, text] of cases) {
    const plan = planOf(prepare(text, 'x.kaohe').value!);
    const subs = subjectsOf(plan, SUBJECTS);
    for (const kind of ['object', 'json', 'twice'] as const) {
      const b = programBuild(plan, kind === 'object' ? undefined : kind)!;
      const whole = functions(b.make, b.whole);
      const split = functions(b.make, b.source);
      // the province, split on purpose (its program is below SPLIT_AT): what a split costs
      const forced = b.source === b.whole ? functions(b.make, splitProgram(b.whole, 0, PART)) : undefined;
      let differ = 0;
      for (const x of subs) {
        const a = JSON.stringify(one(whole[0], x));
        if (JSON.stringify(one(split[0], x)) !== a || (forced && JSON.stringify(one(forced[0], x)) !== a)) differ++;
      }
      if (differ) throw new Error(`${name} ${kind}: ${differ} results differ between the whole and the split program`);
      let sink = 0;
      const leg = (fs: Fn[]) => () => { for (const x of subs) sink += one(fs[0], x) === undefined ? 0 : 1; };
      // the warm-up's CPU time: what a split costs before its parts are optimized
      const warm = (fs: Fn[]) => { const c0 = process.cpuUsage(); for (let i = 0; i < WARM; i++) leg(fs)(); const c = process.cpuUsage(c0); return ((c.user + c.system) / 1000) / (WARM * subs.length) * 1000; };
      const warmUs = { whole: warm(whole), split: warm(split), forced: forced ? warm(forced) : 0 };
      const load = loadavg()[0].toFixed(2);
      const legs: Record<string, () => void> = { whole: leg(whole), split: leg(split) };
      if (forced) legs.forced = leg(forced);
      const t = await interleavedCpu(legs, ROUNDS) as Record<string, number>;
      if (sink === 0) throw new Error('nothing ran');
      const us = (ms: number) => round((ms / subs.length) * 1000, 2);
      const opt = (fs: Fn[]) => `${fs.filter((f) => status(f) & TURBOFANNED).length}/${fs.length}`;
      const big = (src: string) => Math.max(...src.split(/\n(?=function |return function )/).map((x) => x.length));
      const forcedT = t.forced;
      rows.push({
        bench: 'split', case: `${name}, ${kind} program, ${subs.length} subjects`, value: us(t.split), unit: 'µs/subject',
        baseline: `whole (one function, ${b.whole.length} chars) ${us(t.whole)} µs/subject, optimized ${opt(whole)}; split: ${split.length - 1 || 'no'} parts, largest function ${big(b.source)} chars, optimized ${opt(split)}` +
          (forced && forcedT !== undefined ? `; split on purpose (${forced.length - 1} parts) ${us(forcedT)} µs/subject, optimized ${opt(forced)}` : '') +
          `; warm-up (${WARM * subs.length} runs first, each alone) whole ${round(warmUs.whole, 1)}, split ${round(warmUs.split, 1)}${forced ? `, on purpose ${round(warmUs.forced, 1)}` : ''} µs/subject; load ${load}`,
        ratio: round(t.whole / t.split, 2),
      });
      process.stderr.write(`${rows[rows.length - 1].case}: ${rows[rows.length - 1].value} — ${rows[rows.length - 1].baseline}\n`);
    }
  }
  return rows;
}

export async function run(): Promise<BenchRow[]> {
  const out = spawnSync(process.execPath, ['--allow-natives-syntax', '--import', 'tsx', fileURLToPath(import.meta.url), '--child'],
    { encoding: 'utf8', maxBuffer: 1 << 24, stdio: ['ignore', 'pipe', 'inherit'] });
  if (out.status !== 0) throw new Error(`bench split child failed (${out.status})`);
  return JSON.parse(out.stdout.trim().split('\n').pop()!) as BenchRow[];
}

if (process.argv.includes('--child')) console.log(JSON.stringify(await child()));
else if (process.argv[1] === fileURLToPath(import.meta.url)) for (const r of await run()) console.log(`| ${r.bench} | ${r.case} | ${r.value} ${r.unit} | ${r.baseline} | ${r.ratio} |`);
