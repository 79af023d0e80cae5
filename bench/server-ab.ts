// A/B of the evaluate route between two checkouts of kaohe (before/after a change) on this busy
// machine: one child server per checkout (bench/server-child.ts of each), both running at once,
// measured in short alternating runs (the order flips every round), so that a neighbour's burst
// hits both sides alike. Per run: the evaluate route and the same child's bare echo, their rates,
// the bare parse-evaluate-answer route (the floor) ÷ the same echo, and the child's CPU per evaluate request — the main thread alone (/proc/PID/task/PID/stat: the
// event loop, the bottleneck) and all its threads. Reports the median of each over the rounds.
//
// `node --import tsx bench/server-ab.ts BEFORE_DIR AFTER_DIR [ROUNDS] [REQUESTS]`
// (a checkout made with `git worktree add`, node_modules linked, bench/server-*.ts copied in).

import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { childCpuMs, countEvaluations, load, mainThreadCpuMs, ok2xx, rate, routes, setupDb, startChild, type Child } from './server-load.js';


interface Run {
  ratio: number; floor: number; evalRate: number; echoRate: number; mainMs: number; allMs: number; p99: number;
  /** Main-thread CPU of the server per echo request, and the load generator's (this process) per request of each route. */
  echoMainMs: number; genEchoMs: number; genEvalMs: number;
}

/** CPU ms of this process (autocannon, the load generator) since `from`. */
const ownCpuMs = (from: NodeJS.CpuUsage) => { const u = process.cpuUsage(from); return (u.user + u.system) / 1000; };

async function measure(child: Child, token: string, requests: number): Promise<Run> {
  const r = routes(child.ports, token);
  const e0 = mainThreadCpuMs(child.pid), g0 = process.cpuUsage();
  const echo = await load(r.echo.url, requests * 3, r.echo.headers, r.body);
  const e1 = mainThreadCpuMs(child.pid), genEcho = ownCpuMs(g0);
  const only = await load(r.only.url, requests * 2, r.only.headers, r.body);
  const m0 = mainThreadCpuMs(child.pid), a0 = childCpuMs(child.pid)!, g1 = process.cpuUsage();
  const ev = await load(r.evaluate.url, requests, r.evaluate.headers, r.body);
  const m1 = mainThreadCpuMs(child.pid), a1 = childCpuMs(child.pid)!, genEval = ownCpuMs(g1);
  if (ev.non2xx + ev.errors > 0 || ok2xx(ev) !== ev.requests.total) throw new Error(`evaluate answered ${ev.non2xx} non-2xx, ${ev.errors} errors`);
  const n = ev.requests.total;
  return {
    ratio: rate(ev) / rate(echo), floor: rate(only) / rate(echo), evalRate: rate(ev), echoRate: rate(echo), mainMs: (m1 - m0) / n, allMs: (a1 - a0) / n, p99: ev.latency.p99,
    echoMainMs: (e1 - e0) / echo.requests.total, genEchoMs: genEcho / echo.requests.total, genEvalMs: genEval / n,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const [before, after] = process.argv.slice(2, 4);
  const rounds = Number(process.argv[4] ?? 8);
  const requests = Number(process.argv[5] ?? 3000);
  const dir = mkdtempSync(join(tmpdir(), 'kaohe-ab-'));
  const sides = [['before', before], ['after', after]] as const;
  const children: Record<string, { child: Child; token: string; db: string }> = {};
  try {
    for (const [name, root] of sides) {
      const db = join(dir, `${name}.db`);
      const token = await setupDb(db, root);
      children[name] = { child: await startChild(db, join(dir, `${name}.log`), join(root, 'bench/server-child.ts')), token, db };
      const r = routes(children[name].child.ports, token);
      await load(r.evaluate.url, 3000, r.evaluate.headers, r.body); // warm-up: JIT, prepared scheme
      await load(r.echo.url, 3000, r.echo.headers, r.body);
    }
    const runs: Record<string, Run[]> = { before: [], after: [] };
    for (let i = 0; i < rounds; i++) {
      const order = i % 2 === 0 ? sides : [...sides].reverse();
      for (const [name] of order) runs[name].push(await measure(children[name].child, children[name].token, requests));
      process.stderr.write(`round ${i + 1}: ${sides.map(([n]) => `${n} ${runs[n].at(-1)!.ratio.toFixed(3)} / ${runs[n].at(-1)!.mainMs.toFixed(3)} ms`).join(', ')}\n`);
    }
    console.log('| side | evaluate ÷ echo (median) | floor route ÷ echo | evaluate req/s | echo req/s | main-thread CPU ms/request | all threads | p99 ms | echo main-thread CPU ms/request | load generator CPU ms/request echo, evaluate |');
    console.log('|---|---|---|---|---|---|---|---|---|---|');
    for (const [name] of sides) {
      const rs = runs[name];
      const med = (k: keyof Run) => median(rs.map((r) => r[k]));
      console.log(`| ${name} | ${med('ratio').toFixed(3)} (${Math.min(...rs.map((r) => r.ratio)).toFixed(3)}–${Math.max(...rs.map((r) => r.ratio)).toFixed(3)}) | ${med('floor').toFixed(3)} | ${med('evalRate').toFixed(0)} | ${med('echoRate').toFixed(0)} | ${med('mainMs').toFixed(3)} | ${med('allMs').toFixed(3)} | ${med('p99')} | ${med('echoMainMs').toFixed(3)} | ${med('genEchoMs').toFixed(3)}, ${med('genEvalMs').toFixed(3)} |`);
    }
    console.log(`load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
    for (const [name] of sides) {
      children[name].child.stop();
      const stored = await countEvaluations(children[name].db);
      console.log(`${name}: ${stored} evaluations stored`);
    }
  } finally {
    for (const [name] of sides) children[name]?.child.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
