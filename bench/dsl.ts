// Benchmark: parse + check (`analyze()`) of generated schemes with 100, 1k and 10k indicators (role
// `when` blocks over two enums), as CPU time of the benchmark process (GC included):
// - warm: the median of WARM_RUNS calls after WARM_UP calls in the same process — what the editor's and
//   the server's language workers and a long-lived library user see, since they parse many times in
//   one process. The 10k row carries the target (< 250 ms, issue 16; 0.5 s before).
// - cold: the first call in a fresh process (the grammar built, nothing compiled yet) — what one
//   `kaohe check` of a big file sees; the median over alternating child processes.
// Baselines in the same run: JSON.parse of the same tree serialized as JSON (what merely reading that
// much structure costs), and the committed code (HEAD's dsl/, copied by `git archive` into a temporary
// folder, or KAOHE_BENCH_DSL_BASE=DIR, a folder holding another dsl/; `none` to skip it), interleaved
// with the working tree round by round, so a busy machine slows both alike.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { analyze } from '../dsl/index.js';
import { generateScheme, countIndicators } from './gen-scheme.js';
import { median, round, type BenchRow } from './harness.js';

type Analyze = (source: string) => { diagnostics: { severity: string }[]; parsed: { scheme?: unknown } };

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SIZES = [100, 1000, 10000];
const WARM_UP = 3;
const WARM_RUNS = (n: number) => (n >= 10000 ? 15 : 21);
const COLD_ROUNDS = Number(process.env.KAOHE_BENCH_ROUNDS ?? 3);

const cpuMs = (fn: () => void): number => {
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
};

/** A folder with the committed dsl/ (HEAD), made once per commit; undefined when there is none to make. */
function baseRoot(): string | undefined {
  const env = process.env.KAOHE_BENCH_DSL_BASE;
  if (env === 'none') return undefined;
  if (env) return env;
  try {
    const sha = execFileSync('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dir = join(tmpdir(), `kaohe-bench-dsl-${sha}`);
    if (!existsSync(join(dir, 'dsl', 'index.ts'))) {
      mkdirSync(dir, { recursive: true });
      execFileSync('sh', ['-c', `git -C '${ROOT}' archive HEAD dsl package.json | tar -x -C '${dir}'`]);
      symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
    }
    return dir;
  } catch {
    return undefined;
  }
}

const label = (root: string) => (root.includes('kaohe-bench-dsl-') ? `HEAD ${root.split('kaohe-bench-dsl-')[1]}` : root);

/** Child process: the CPU ms of the first analyze() of the n-indicator scheme with `root`'s dsl/. */
async function coldChild(root: string, n: number): Promise<void> {
  const source = generateScheme(n);
  const mod = (await import(pathToFileURL(join(root, 'dsl', 'index.ts')).href)) as { analyze: Analyze };
  process.stdout.write(JSON.stringify({ ms: cpuMs(() => mod.analyze(source)) }));
}

function cold(root: string, n: number): number {
  const out = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), `--cold=${n}`, root],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 20 });
  if (out.status !== 0) throw new Error(`dsl cold child failed: ${out.stderr}`);
  return (JSON.parse(out.stdout) as { ms: number }).ms;
}

export async function run(): Promise<BenchRow[]> {
  const base = baseRoot();
  const baseAnalyze = base ? ((await import(pathToFileURL(join(base, 'dsl', 'index.ts')).href)) as { analyze: Analyze }).analyze : undefined;
  const impls: [string, Analyze][] = [['work', analyze], ...(baseAnalyze ? [['base', baseAnalyze] as [string, Analyze]] : [])];
  const rows: BenchRow[] = [];
  const perIndicator: number[] = [];
  for (const n of SIZES) {
    const source = generateScheme(n);
    const count = countIndicators(source);
    const errors = analyze(source).diagnostics.filter((d) => d.severity === 'error').length;
    const times: Record<string, number[]> = { work: [], base: [] };
    for (let r = 0; r < WARM_UP + WARM_RUNS(n); r++) {
      for (const [k, f] of r % 2 ? [...impls].reverse() : impls) { // alternating: neither always inherits the other's garbage
        const ms = cpuMs(() => f(source));
        if (r >= WARM_UP) times[k].push(ms);
      }
    }
    const warm = median(times.work);
    const json = JSON.stringify(analyze(source).parsed.scheme, (k, v) => (k === 'span' ? undefined : v));
    const jsonMs = median(Array.from({ length: 9 }, () => cpuMs(() => JSON.parse(json))));
    const baseWarm = baseAnalyze ? median(times.base) : undefined;
    perIndicator.push(warm / count);
    rows.push({
      bench: 'dsl', case: `parse+check ${count} indicators, warm (CPU, median of ${WARM_RUNS(n)} after ${WARM_UP})${errors ? ` (${errors} errors!)` : ''}`,
      value: round(warm, 1), unit: 'ms',
      baseline: `JSON.parse of the tree ${round(jsonMs, 1)} ms${baseWarm !== undefined ? `; ${label(base!)} ${round(baseWarm, 1)} ms` : ''}; fastest ${round(Math.min(...times.work), 1)} ms`,
      ratio: round(warm / (baseWarm ?? jsonMs), 2),
      ...(n === 10000 ? { target: '< 250 ms', ok: warm < 250 && errors === 0 } : {}),
    });
    if (n < 1000) continue;
    const coldTimes: Record<string, number[]> = { work: [], base: [] };
    for (let r = 0; r < COLD_ROUNDS; r++) {
      const order: [string, string][] = [['work', ROOT], ...(base ? [['base', base] as [string, string]] : [])];
      for (const [k, root] of r % 2 ? order.reverse() : order) coldTimes[k].push(cold(root, n));
    }
    const coldWork = median(coldTimes.work), coldBase = base ? median(coldTimes.base) : undefined;
    rows.push({
      bench: 'dsl', case: `parse+check ${count} indicators, cold (CPU of the first call in a fresh process, median of ${COLD_ROUNDS})`,
      value: round(coldWork, 1), unit: 'ms',
      ...(coldBase !== undefined ? { baseline: `${label(base!)} ${round(coldBase, 1)} ms`, ratio: round(coldWork / coldBase, 2) } : {}),
    });
  }
  const scaling = perIndicator[2] / perIndicator[1];
  rows.push({
    bench: 'dsl', case: 'scaling: warm time per indicator at 10k ÷ at 1k', value: round(scaling, 2), unit: '×',
    target: '≈ 1 (linear), < 1.5', ok: scaling < 1.5,
  });
  return rows;
}

const coldArg = process.argv.find((a) => a.startsWith('--cold='));
if (coldArg && import.meta.url === pathToFileURL(process.argv[1]).href) await coldChild(process.argv[3], Number(coldArg.slice('--cold='.length)));
