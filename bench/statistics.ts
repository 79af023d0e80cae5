// Statistics (issue 15): GET /api/statistics over a year of 100,000 people in 500 units × 4
// quarterly FINAL rounds of schemes/quarterly-routine.kaohe (8 indicators, 2 groups, 11 items, an
// action, `improve below 80`, 好 quota per 处室), target < 2 s of server CPU (process.cpuUsage of the
// request, median of ROUNDS after a warm-up, the measurements round-robin: harness.interleavedCpu).
//
// The rounds are stored directly, not evaluated (four cohorts of 100,000 would take minutes and are
// timed elsewhere): per quarter a `rounds` row (final, revision 1), its `revision_facts` (what
// evaluate stores: analytics RoundFacts, generated deterministically with the prepared scheme's
// own tables) and its 100,000 `subject_results` rows. Baseline in the same run: reading those four
// rounds' subject_results rows (subject, unit, score, grade: 400,000 rows) through the store, as
// the server reads — the least any statistics over stored results must read. Also timed: `by=unit` (per-unit rows for 500 units ×
// 11 score/indicator/group nodes) and the .xlsx export.
//
// KAOHE_BENCH_STATS sets the number of people (default 100,000), KAOHE_BENCH_ROUNDS the repeats (3).

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { schemeFactsOf } from '../analytics/facts.js';
import type { QuotaFact, RoundFacts, SchemeFacts } from '../analytics/types.js';
import { prepare } from '../engine/index.js';
import { createApp } from '../server/app.js';
import { createToken, findOrCreateOrg } from '../server/auth/tokens.js';
import { closeDb, openDb } from '../server/db/client.js';
import { sqliteStore } from '../server/db/sqlite/store.js';
import { silentLog } from '../server/log.js';
import { insertRows } from '../server/rounds/store.js';
import type { Store } from '../server/store/types.js';
import { interleavedCpu, round, type BenchRow } from './harness.js';

const SIZE = Number(process.env.KAOHE_BENCH_STATS ?? 100_000);
const UNITS = 500;
const ROUNDS = Number(process.env.KAOHE_BENCH_ROUNDS ?? 3);
const QUARTERS = ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'];
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SCHEME_FILE = join(ROOT, 'schemes/quarterly-routine.kaohe');
const TARGET_MS = 2000;

/** A small deterministic generator (LCG). */
function lcg(seed: number) {
  let x = seed;
  return (n: number) => { x = (x * 1103515245 + 12345) % 2147483648; return x % n; };
}

/** One quarter's facts: scores 60.00–100.00 (scaled by 100), grades by score with 好 limited to
 * 40% of each unit (the scheme's quota), improve under 80, an item for one person in 20. */
export function quarterFacts(scheme: SchemeFacts, period: string, seed: number, size = SIZE): RoundFacts {
  const next = lcg(seed);
  const units = Array.from({ length: Math.min(UNITS, size) }, (_, u) => `处室${String(u).padStart(3, '0')}`);
  const unit = Array.from({ length: size }, (_, i) => i % units.length);
  const indicators = scheme.indicators.map(() => Array.from({ length: size }, () => 6000 + next(4001)));
  const groups = scheme.groups.map(() => Array.from({ length: size }, () => 6000 + next(4001)));
  const score = Array.from({ length: size }, (_, i) => Math.round(indicators.reduce((s, col) => s + col[i], 0) / indicators.length));
  const candidate = score.map((s) => (s >= 9000 ? 0 : s >= 8000 ? 1 : s >= 7000 ? 2 : 3));
  const grade = [...candidate];
  const quotas: QuotaFact[] = [];
  const byUnit = new Map<number, number[]>();
  for (let i = 0; i < size; i++) (byUnit.get(unit[i]) ?? byUnit.set(unit[i], []).get(unit[i])!).push(i);
  for (const [u, members] of byUnit) {
    const limit = Math.max(1, Math.floor(members.length * 0.4));
    const top = members.filter((i) => candidate[i] === 0).sort((a, b) => score[b] - score[a]);
    for (const i of top.slice(limit)) grade[i] = 1;
    quotas.push({ cohort: units[u], scope: 'cohort', grade: scheme.grades[0], limit, base: members.length, admitted: Math.min(limit, top.length), normal: null, unit: u });
  }
  const below = scheme.improve?.below ? Number(scheme.improve.below) * 100 : -1;
  return {
    format: 'kaohe.facts/1', scheme, period,
    subjects: Array.from({ length: size }, (_, i) => `P${String(i).padStart(6, '0')}`),
    names: Array.from({ length: size }, () => null),
    units, unit, grade, score, indicators, groups,
    // Flat [subject, index] pairs.
    improve: Array.from({ length: size }, (_, i) => indicators.flatMap((col, k) => (col[i] < below ? [i, k] : []))).flat(),
    fired: Array.from({ length: size }, (_, i) => (next(20) === 0 ? [i, next(scheme.items.length)] : [])).flat(),
    acted: grade.flatMap((g, i) => (g === 3 && scheme.actions.length > 0 ? [i, 0] : [])),
    items: scheme.items, actions: scheme.actions, quotas,
  };
}

type App = ReturnType<typeof createApp>;

async function request(app: App, token: string, path: string, accept = 'application/json'): Promise<{ status: number; bytes: number }> {
  const res = await app.request(path, { headers: { authorization: `Bearer ${token}`, accept } });
  const body = await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${Buffer.from(body).toString().slice(0, 500)}`);
  return { status: res.status, bytes: body.byteLength };
}

const RESULT_COLUMNS = ['org_id', 'scheme_id', 'subject_id', 'period', 'round_id', 'revision', 'unit', 'score', 'score_exact', 'grade', 'final', 'imported', 'created_at'];

/** The four final rounds with their facts and subject_results rows, stored directly. */
async function store(st: Store, orgId: number, tokenId: number, scheme: SchemeFacts): Promise<void> {
  const { schemeId, versionId } = (await st.get<{ schemeId: number; versionId: number }>(
    'SELECT s.id AS "schemeId", v.id AS "versionId" FROM schemes s JOIN scheme_versions v ON v.scheme_id = s.id WHERE s.org_id = ? AND s.name = ?', [orgId, scheme.id]))!;
  const at = new Date().toISOString();
  // Made before the transaction: nothing but its statements is awaited inside one.
  const quarters = QUARTERS.map((period, q) => ({ id: `rd_bench_${q}`, period, facts: quarterFacts(scheme, period, 20260101 + q) }));
  await st.tx(async (tx) => {
    for (const { id, period, facts } of quarters) {
      await tx.run(`INSERT INTO rounds (id, org_id, scheme_id, version_id, period, status, revision, created_by, created_at, finalized_at)
        VALUES (?, ?, ?, ?, ?, 'final', 1, ?, ?, ?)`, [id, orgId, schemeId, versionId, period, tokenId, at, at]);
      await tx.run('INSERT INTO revision_facts (round_id, n, facts) VALUES (?, 1, ?)', [id, JSON.stringify(facts)]);
      await insertRows(tx, 'subject_results', RESULT_COLUMNS, facts.subjects.map((subject, i) => {
        const s = (facts.score[i]! / 100).toFixed(2);
        return [orgId, schemeId, subject, period, id, 1, facts.units[facts.unit[i]], s, s, scheme.grades[facts.grade[i]], 1, 0, at];
      }));
    }
  });
}

export async function run(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'kaohe-bench-stats-'));
  const db = openDb(join(dir, 'kaohe.db'));
  try {
    const app = createApp({ store: sqliteStore(db.$client), log: silentLog });
    const st = sqliteStore(db.$client);
    const orgId = await findOrCreateOrg(st, 'bench');
    const author = await createToken(st, { orgId, roles: ['author'] });
    const source = readFileSync(SCHEME_FILE, 'utf8');
    const scheme = schemeFactsOf(prepare(source, SCHEME_FILE).value!);
    for (const [method, path, body] of [['POST', '/api/schemes', { source }], ['POST', `/api/schemes/${encodeURIComponent(scheme.id)}/publish`, undefined]] as const) {
      const res = await app.request(path, {
        method, headers: { authorization: `Bearer ${author.secret}`, 'content-type': 'application/json' }, body: body && JSON.stringify(body),
      });
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    }
    await store(st, orgId, author.id, scheme);

    const query = `/api/statistics?scheme=${encodeURIComponent(scheme.id)}&from=2026-Q1&to=2026-Q4`;
    const rows = "SELECT subject_id, unit, score, grade FROM subject_results WHERE org_id = ? AND scheme_id = (SELECT id FROM schemes WHERE org_id = ? AND name = ?) AND period IN ('2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4') AND final = 1";
    let read = 0;
    let bytes = 0;
    const { baseline, get, byUnit, xlsx } = await interleavedCpu({
      baseline: async () => { read = (await st.all(rows, [orgId, orgId, scheme.id])).length; },
      get: async () => { bytes = (await request(app, author.secret, query)).bytes; },
      byUnit: () => request(app, author.secret, `${query}&by=unit`),
      xlsx: () => request(app, author.secret, `${query}&format=xlsx`),
    }, ROUNDS);
    if (read !== 4 * SIZE) throw new Error(`baseline read ${read} rows`);
    const people = `${SIZE.toLocaleString('en')} people × 4 quarters, ${UNITS} units`;
    const base = `read the 4 rounds' subject_results rows: ${round(baseline, 1)} ms`;
    return [
      { bench: 'statistics', case: `GET /api/statistics from..to (${people}; ${round(bytes / 1024, 0)} KiB JSON)`, value: round(get, 1), unit: 'ms CPU', baseline: base, ratio: round(get / baseline, 2), target: `< ${TARGET_MS} ms`, ok: get < TARGET_MS },
      { bench: 'statistics', case: `… &by=unit (per-unit rows of 11 nodes × ${UNITS} units)`, value: round(byUnit, 1), unit: 'ms CPU', baseline: base, ratio: round(byUnit / baseline, 2), target: `< ${TARGET_MS} ms`, ok: byUnit < TARGET_MS },
      { bench: 'statistics', case: '… &format=xlsx (the workbook)', value: round(xlsx, 1), unit: 'ms CPU', baseline: base, ratio: round(xlsx / baseline, 2) },
    ];
  } finally {
    closeDb(db);
    rmSync(dir, { recursive: true, force: true });
  }
}
