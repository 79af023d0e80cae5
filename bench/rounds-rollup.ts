// Roll-up (issue 14): an annual round of 10,000 people whose scheme (schemes/annual-review.kaohe)
// rolls up the four quarters of schemes/quarterly-review.kaohe — 40,000 final results stored in
// subject_results by four real quarterly rounds (roster, inputs, evaluate, 公示, final) — timed as
// POST /api/rounds/:id/evaluate (merge the parts, fill `results of` / `past` from the database, run
// the cohort with exact values, store the revision and replace 10,000 subject_results rows), against
// the same cohort under the same scheme with the quarters given inline, POST
// /api/schemes/:id/evaluate `{subjects, period}` (which stores its evaluation too), in the same run
// and the same process over the same SQLite file. Target: ≤ 2×. Both answers must agree, person by
// person (score and grade), or the row fails.
//
// Measured round-robin (harness.interleavedCpu: CPU time of the process, median of ROUNDS).
// KAOHE_BENCH_ROLLUP sets the number of people (default 10,000), KAOHE_BENCH_ROUNDS the rounds (3).

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createApp } from '../server/app.js';
import { createToken, findOrCreateOrg } from '../server/auth/tokens.js';
import { closeDb, openDb } from '../server/db/client.js';
import { sqliteStore } from '../server/db/sqlite/store.js';
import { silentLog } from '../server/log.js';
import { interleavedCpu, round, type BenchRow } from './harness.js';

const SIZE = Number(process.env.KAOHE_BENCH_ROLLUP ?? 10_000);
const UNITS = Math.max(1, Math.round(SIZE / 100));
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const QUARTERS = ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'];

interface Person { id: string; unit: string; quarters: { 实绩得分: number; 测评票: number[] }[]; 年度测评分: number }

/** Deterministic people: a small LCG; scores 60…100, three colleagues' votes each quarter. */
export function people(size = SIZE): Person[] {
  let x = 20260101;
  const next = (n: number) => { x = (x * 1103515245 + 12345) % 2147483648; return x % n; };
  return Array.from({ length: size }, (_, i) => ({
    id: `P${String(i).padStart(5, '0')}`,
    unit: `单位${i % UNITS}`,
    quarters: QUARTERS.map(() => ({ 实绩得分: 60 + next(41), 测评票: [60 + next(41), 60 + next(41), 60 + next(41)] })),
    年度测评分: 60 + next(41),
  }));
}

type App = ReturnType<typeof createApp>;

async function req(app: App, token: string, method: string, path: string, body?: unknown): Promise<any> {
  const res = await app.request(path, {
    method, headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 800)}`);
  return JSON.parse(text);
}

export async function run(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'kaohe-bench-rollup-'));
  const db = openDb(join(dir, 'kaohe.db'));
  try {
    const app = createApp({ store: sqliteStore(db.$client), log: silentLog, maxBodyBytes: 64 * 1024 * 1024, cohortMaxMs: 600_000, cohortMsPerSubject: 100 });
    const store = sqliteStore(db.$client);
    const orgId = await findOrCreateOrg(store, 'bench');
    const author = (await createToken(store, { orgId, roles: ['author'] })).secret;
    for (const [file, id] of [['quarterly-review', '平时考核'], ['annual-review', '机关年度考核']]) {
      await req(app, author, 'POST', '/api/schemes', { source: readFileSync(join(ROOT, 'schemes', `${file}.kaohe`), 'utf8') });
      await req(app, author, 'POST', `/api/schemes/${encodeURIComponent(id)}/publish`);
    }
    const ps = people();
    const roster = { members: ps.map((p) => ({ id: p.id, unit: p.unit, status: 'take' })) };
    // 公示 days are China's (UTC+8); finalizing comes after the `until` day (the notice is ended by hand below).
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const reported = new Map<string, { period: string; score: number; grade: string | null; imported: boolean }[]>(ps.map((p) => [p.id, []]));

    // Four real quarterly rounds through final: 4 × SIZE stored final results.
    for (const [qi, period] of QUARTERS.entries()) {
      const r = await req(app, author, 'POST', '/api/rounds', { scheme: '平时考核', period });
      await req(app, author, 'PUT', `/api/rounds/${r.id}/roster`, roster);
      await req(app, author, 'POST', `/api/rounds/${r.id}/inputs`, { part: 'all', subjects: ps.map((p) => ({ id: p.id, input: p.quarters[qi] })) });
      const ev = await req(app, author, 'POST', `/api/rounds/${r.id}/evaluate`);
      for (const m of ev.result.results) reported.get(m.subject)!.push({ period, score: m.score, grade: m.grade, imported: false });
      await req(app, author, 'POST', `/api/rounds/${r.id}/publicize`, { until: today });
      await store.run("UPDATE rounds SET publicity_until = '2000-01-01' WHERE id = ?", [r.id]);
      await req(app, author, 'POST', `/api/rounds/${r.id}/finalize`);
    }
    const stored = (await store.get<{ n: number }>('SELECT count(*) AS n FROM subject_results WHERE final = 1'))!.n;

    const annual = await req(app, author, 'POST', '/api/rounds', { scheme: '机关年度考核', period: '2026' });
    await req(app, author, 'PUT', `/api/rounds/${annual.id}/roster`, roster);
    await req(app, author, 'POST', `/api/rounds/${annual.id}/inputs`, { part: 'year-end', subjects: ps.map((p) => ({ id: p.id, input: { 年度测评分: p.年度测评分 } })) });
    const inline = {
      period: '2026',
      subjects: ps.map((p) => ({ id: p.id, input: { 单位: p.unit, 年度测评分: p.年度测评分, 往年: [], 季度结果: reported.get(p.id) } })),
    };

    let fromRound: any, fromInline: any;
    const t = await interleavedCpu({
      round: async () => { fromRound = await req(app, author, 'POST', `/api/rounds/${annual.id}/evaluate`); },
      inline: async () => { fromInline = await req(app, author, 'POST', `/api/schemes/${encodeURIComponent('机关年度考核')}/evaluate`, inline); },
    }, Number(process.env.KAOHE_BENCH_ROUNDS ?? 3));

    const a = new Map<string, any>(fromRound.result.results.map((m: any) => [m.subject, m]));
    const b: any[] = (fromInline.result ?? fromInline).results;
    const differ = b.filter((m) => a.get(m.subject)?.score !== m.score || a.get(m.subject)?.grade !== m.grade).length;
    const ratio = t.round / t.inline;
    return [
      {
        bench: 'rounds-rollup',
        case: `annual round of ${SIZE.toLocaleString('en')} reading ${stored.toLocaleString('en')} stored final quarterly results: POST /api/rounds/:id/evaluate`,
        value: round(t.round / 1000, 2), unit: 's CPU',
        baseline: `same cohort, quarters inline, POST /api/schemes/:id/evaluate ${round(t.inline / 1000, 2)} s (wall ${round(t.wall.round / 1000, 2)} vs ${round(t.wall.inline / 1000, 2)} s); ${differ} of ${b.length} differ`,
        ratio: round(ratio, 2), target: '≤ 2', ok: ratio <= 2 && differ === 0 && stored === 4 * SIZE && b.length === SIZE,
      },
    ];
  } finally {
    closeDb(db);
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const r of await run()) console.log(JSON.stringify(r));
}
