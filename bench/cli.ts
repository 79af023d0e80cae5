// `kaohe check` start-up: the wall time of `node bin/kaohe.js check FILE` on one scheme ÷ the wall
// time of `node -e 0` (node starting and exiting), medians of interleaved runs in the same process
// tree and the same minute (issue 16 target: ≤ 3×). The CPU time of both (user + system of the
// waited-for child, from /proc/self/stat) is reported beside: it is steadier than wall time on a
// shared machine. Builds dist/ first when it is stale (bin/build.js) so the built CLI is measured.
//
//   node --import tsx bench/cli.ts [ROUNDS]

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, round, type BenchRow } from './harness.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const FILE = 'schemes/quarterly-review.kaohe';

/** CPU ms used so far by this process's waited-for children (cutime + cstime, clock ticks of 10 ms). */
function childrenCpuMs(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ');
  return (Number(fields[13]) + Number(fields[14])) * 10; // fields 16 and 17 of proc(5), after pid and comm
}

interface Sample { wall: number; cpu: number }

function runOnce(args: string[]): Sample {
  const c0 = childrenCpuMs();
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } });
  const wall = performance.now() - t0;
  if (r.status === null || r.status > 1) throw new Error(`node ${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
  return { wall, cpu: childrenCpuMs() - c0 };
}

/** Median wall and CPU ms of each command, run round-robin (order reversed every other round). */
export function measure(commands: Record<string, string[]>, rounds: number): Record<string, { wall: number; cpu: number }> {
  const keys = Object.keys(commands);
  const got = Object.fromEntries(keys.map((k) => [k, [] as Sample[]]));
  for (let r = -1; r < rounds; r++) { // round −1 warms the file cache
    for (const k of r % 2 ? [...keys].reverse() : keys) {
      const s = runOnce(commands[k]);
      if (r >= 0) got[k].push(s);
    }
  }
  return Object.fromEntries(keys.map((k) => [k, { wall: median(got[k].map((s) => s.wall)), cpu: median(got[k].map((s) => s.cpu)) }]));
}

export async function run(rounds = 20): Promise<BenchRow[]> {
  const { ensureBuilt } = await import('../bin/build.js');
  await ensureBuilt();
  const load = loadavg()[0].toFixed(2);
  const m = measure({ node: ['-e', '0'], check: [join(ROOT, 'bin/kaohe.js'), 'check', FILE] }, rounds);
  const base = `node -e 0: ${round(m.node.wall, 1)} ms wall, ${round(m.node.cpu, 0)} ms CPU; ${rounds} interleaved runs, load ${load}`;
  return [
    { bench: 'cli', case: `kaohe check ${FILE} (wall, median)`, value: round(m.check.wall, 1), unit: 'ms', baseline: base, ratio: round(m.check.wall / m.node.wall), target: '≤ 3', ok: m.check.wall / m.node.wall <= 3 },
    { bench: 'cli', case: `kaohe check ${FILE} (CPU, median)`, value: round(m.check.cpu, 0), unit: 'ms', baseline: base, ratio: round(m.check.cpu / m.node.cpu) },
  ];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const r of await run(Number(process.argv[2] ?? 20))) console.log(JSON.stringify(r));
}
