// A/B of the evaluate route between two copies of kaohe (before/after a change) on this busy
// machine: one child server per copy (bench/server-child.ts of each), both pinned to the server's
// core and this process (the load generator) to the other (bench/server-load.ts), measured in
// alternating rounds — per side an echo round then an evaluate round, the sides' order flipping
// every round — so that a neighbour's burst hits both sides alike. Per side: the medians of req/s
// and of the server's CPU per request (the child's process.cpuUsage: every thread, SQLite's fsync
// and WAL work included), the ratios evaluate ÷ echo both ways (req/s; CPU echo ÷ evaluate), how busy
// the server's core was, and the evaluations stored against the 2xx answers.
//
// `node --import tsx bench/server-ab.ts BEFORE_DIR AFTER_DIR [ROUNDS] [REQUESTS]` — REQUESTS per
// evaluate round (default 3000; echo rounds send twice as many). A frozen copy of the tree:
// `git archive HEAD | tar -x -C DIR`, node_modules linked, this bench/server-*.ts copied in.

import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROUND_HEAD, roundLine, summary } from './server.js';
import { coresOf, countEvaluations, load, pinLoadGenerator, pinnedCores, round, routes, setupDb, startChild, type Child, type Round } from './server-load.js';

async function main(): Promise<void> {
  const [before, after] = process.argv.slice(2, 4);
  const rounds = Math.max(3, Number(process.argv[4] ?? 6));
  const requests = Number(process.argv[5] ?? 3000);
  const pinned = pinLoadGenerator();
  const dir = mkdtempSync(join(tmpdir(), 'kaohe-ab-'));
  const sides = [['before', before], ['after', after]] as const;
  const children: Record<string, { child: Child; token: string; db: string }> = {};
  const loads = [loadavg()[0].toFixed(2)];
  try {
    for (const [name, root] of sides) {
      const db = join(dir, `${name}.db`);
      const token = await setupDb(db, root);
      const child = await startChild(db, join(dir, `${name}.log`), join(root, 'bench/server-child.ts'));
      children[name] = { child, token, db };
      if (pinnedCores() && coresOf(child.pid) !== pinnedCores()!.server) throw new Error(`${name}: the server runs on cores ${coresOf(child.pid)}`);
      const r = routes(child.ports, token);
      await load(r.evaluate.url, 3000, r.evaluate.headers, r.body); // warm-up: JIT, prepared scheme
      await load(r.echo.url, 3000, r.echo.headers, r.body);
    }
    const runs: Record<string, { echo: Round[]; evaluate: Round[] }> = { before: { echo: [], evaluate: [] }, after: { echo: [], evaluate: [] } };
    process.stderr.write(`${ROUND_HEAD}\n`);
    for (let i = 0; i < rounds; i++) {
      for (const [name] of i % 2 === 0 ? sides : [...sides].reverse()) {
        const { child, token } = children[name];
        const r = routes(child.ports, token);
        const e = await round(child, r.echo.url, requests * 2, r.echo.headers, r.body);
        const v = await round(child, r.evaluate.url, requests, r.evaluate.headers, r.body);
        if (v.non2xx + v.errors > 0 || v.ok2xx !== v.requests) throw new Error(`${name}: evaluate answered ${v.non2xx} non-2xx, ${v.errors} errors`);
        runs[name].echo.push(e);
        runs[name].evaluate.push(v);
        process.stderr.write(`${roundLine(name, 'echo', i, e)}\n${roundLine(name, 'evaluate', i, v)}\n`);
      }
    }
    loads.push(loadavg()[0].toFixed(2));
    console.log(`\n${pinned}; ${rounds} rounds × ${requests} evaluate requests; load average ${loads.join(' → ')}`);
    console.log('| side | evaluate ÷ echo, req/s (medians) | CPU echo ÷ evaluate (medians; median of per-round ratios) | evaluate req/s | echo req/s | server CPU ms/req evaluate (main thread) | echo (main thread) | server core busy echo, evaluate (of the core by anyone) | p99 ms |');
    console.log('|---|---|---|---|---|---|---|---|---|');
    const s: Record<string, ReturnType<typeof summary>> = {};
    for (const [name] of sides) {
      const m = (s[name] = summary(runs[name].echo, runs[name].evaluate));
      const f = (x: number, d = 3) => x.toFixed(d);
      console.log(`| ${name} | ${f(m.rateRatio)} | ${f(m.cpuRatio)}; ${f(m.paired)} | ${f(m.v.rate, 0)} | ${f(m.e.rate, 0)} | ${f(m.v.cpuMs)} (${f(m.v.mainMs)}) | ${f(m.e.cpuMs)} (${f(m.e.mainMs)}) | ${f(m.e.cores, 2)} of ${f(m.e.coreBusy, 2)}, ${f(m.v.cores, 2)} of ${f(m.v.coreBusy, 2)} | ${m.v.p99} |`);
    }
    console.log(`evaluate CPU per request after ÷ before: ${(s.after.v.cpuMs / s.before.v.cpuMs).toFixed(3)} (medians)`);
    // Noise on a shared machine only adds CPU (cache misses, switches): the least of the rounds too.
    const least = (rs: Round[]) => Math.min(...rs.map((r) => r.cpuMs));
    for (const [name] of sides) {
      const e = least(runs[name].echo), v = least(runs[name].evaluate);
      console.log(`${name}: least server CPU per request over the rounds: evaluate ${v.toFixed(3)} ms, echo ${e.toFixed(3)} ms, echo ÷ evaluate ${(e / v).toFixed(3)}`);
    }
    for (const [name] of sides) {
      children[name].child.stop();
      const stored = await countEvaluations(children[name].db);
      const answered = 3000 + runs[name].evaluate.reduce((n, r) => n + r.ok2xx, 0);
      console.log(`${name}: ${stored} evaluations stored, ${answered} answered 2xx (warm-up included)`);
    }
  } finally {
    for (const [name] of sides) children[name]?.child.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
