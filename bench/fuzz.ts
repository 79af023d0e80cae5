// `npm run fuzz [-- --count N --seed S --workers W --minutes M]`: the CI fuzz property (test/fuzz/) at
// scale — 1,000,000 inputs of a fixed seed by default, split over W child processes (default 2),
// stopping early after M minutes if given (the figures then cover the inputs reached). Prints the
// failures (minimised, with seed and index), the inputs over the 100 ms CPU budget, percentiles of
// CPU time per input and the slowest input's shape; progress goes to stderr. Exits 1 on any failure
// or slow input. Results are recorded in docs/benchmarks.md ("Fuzz").

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  BUDGET_MS, describeInput, emptyResult, fuzzRange, merge, percentile, problems, type RangeResult,
} from '../test/fuzz/harness.js';

const SELF = fileURLToPath(import.meta.url);

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

/** A RangeResult as JSON (its histogram as pairs). */
const toJson = (r: RangeResult) => JSON.stringify({ ...r, histogram: [...r.histogram] });
const fromJson = (s: string): RangeResult => { const o = JSON.parse(s); return { ...o, histogram: new Map(o.histogram) }; };

/** Child: runs its range, reports progress on stderr and the result as the last line of stdout. */
async function worker(): Promise<void> {
  const seed = arg('seed', 0), from = arg('from', 0), count = arg('count', 0), minutes = arg('minutes', Infinity);
  let done = 0;
  const r = await fuzzRange(seed, from, count, {
    until: performance.now() + minutes * 60_000,
    onInput: () => { if (++done % 10_000 === 0) process.stderr.write(`progress ${from} ${done}\n`); },
  });
  process.stdout.write(`${toJson(r)}\n`);
}

function runWorker(seed: number, from: number, count: number, minutes: number, onProgress: (n: number) => void): Promise<RangeResult> {
  return new Promise((resolve, reject) => {
    const args = ['--worker', '--seed', String(seed), '--from', String(from), '--count', String(count), '--minutes', String(minutes)];
    const child = spawn(process.execPath, ['--import', 'tsx', SELF, ...args],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b) => { out += b; });
    child.stderr.on('data', (b) => {
      for (const line of String(b).split('\n')) {
        const m = /^progress \d+ (\d+)$/.exec(line);
        if (m) onProgress(Number(m[1])); else if (line.trim()) process.stderr.write(`${line}\n`);
      }
    });
    child.on('exit', (code) => (code === 0 ? resolve(fromJson(out.trim().split('\n').pop()!)) : reject(new Error(`worker ${from} exited with ${code}`))));
  });
}

async function main(): Promise<void> {
  const seed = arg('seed', 20_261_124), count = arg('count', 1_000_000), workers = Math.max(1, arg('workers', 2));
  const minutes = arg('minutes', Infinity);
  const t0 = performance.now();
  const per = Math.ceil(count / workers);
  const progress = new Array<number>(workers).fill(0);
  let last = 0;
  const report = () => {
    const done = progress.reduce((a, b) => a + b, 0);
    if (performance.now() - last < 30_000) return;
    last = performance.now();
    process.stderr.write(`${done.toLocaleString('en')} / ${count.toLocaleString('en')} inputs, ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
  };
  const parts = await Promise.all(Array.from({ length: workers }, (_, w) => {
    const from = w * per, n = Math.max(0, Math.min(per, count - from));
    return runWorker(seed, from, n, minutes, (d) => { progress[w] = d; report(); });
  }));
  const r = parts.reduce(merge, emptyResult());
  const wall = (performance.now() - t0) / 1000;
  const ms = (q: number) => percentile(r, q).toFixed(2);
  const reached = r.count < count ? ` (stopped after ${minutes} min: ${r.count.toLocaleString('en')} of ${count.toLocaleString('en')})` : '';
  console.log(`fuzz: ${r.count.toLocaleString('en')} inputs of seed ${seed} in ${wall.toFixed(0)} s wall (${workers} workers)${reached}`);
  console.log(`failures (throws, internal errors, bad diagnostics): ${r.failures.length}`);
  console.log(`inputs over ${BUDGET_MS} ms CPU: ${r.slow.length}`);
  console.log(`CPU per input: p50 ${ms(0.5)} ms, p99 ${ms(0.99)} ms, p99.9 ${ms(0.999)} ms, max ${r.slowest?.ms.toFixed(2)} ms`);
  if (r.slowest) console.log(`slowest: ${describeInput(r.slowest.input)}, ${r.slowest.input.text.length.toLocaleString('en')} characters`);
  const p = problems(r);
  if (p) { console.log(p); process.exitCode = 1; }
}

if (process.argv.includes('--worker')) await worker(); else await main();
