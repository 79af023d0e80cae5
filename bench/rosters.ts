// Roster benchmarks (issue 11, sheets/): what a roster file costs against the JSON `kaohe eval` has
// always read, both measured in the same run.
// (a) Reading 10,000 people of window-quarterly as .xlsx (streamed, sheets/node/files.ts
//     readRosterFile, as `kaohe eval … roster.xlsx` does) and as .csv, vs reading the same people
//     from JSON with engine/json-exact.ts (`kaohe eval … people.json`). The readers are checked to
//     give the JSON's subjects first (bench/roster-data.ts writes all three from one seeded cohort).
// (b) Writing the cohort's results as .xlsx (buildResults + streamed writer) and .csv vs writing the
//     result JSON (`--out results.json`), Chinese words.
// Times are CPU medians of interleaved rounds (the whole process, so exceljs's zlib threads count);
// wall medians beside them.
// (c) Memory: each case once more in a fresh child process of its own (`--roster-child CASE DIR`,
//     modules and exceljs loaded, for a write the cohort evaluated first), as one `kaohe eval` run
//     meets it: peak RSS growth over the RSS before the case (maxRSS when the case raised the
//     process's high-water mark, else the highest RSS sampled every ms and inside the JSON work),
//     heap growth at its sampled peak, and heap retained after a GC (the subjects read).
// KAOHE_BENCH_ROSTER overrides the size for a quick smoke run; the figures reported use 10,000.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import type { CohortResult, PreparedScheme, SubjectInput } from '../engine/api.js';
import { evaluateCohort, prepare } from '../engine/index.js';
import { parseJsonExact } from '../engine/json-exact.js';
import { buildResults, sheetCsv } from '../sheets/index.js';
import { readRosterFile, writeWorkbookFile } from '../sheets/node/files.js';
import { writeXlsxFile } from '../sheets/node/xlsx-stream.js';
import { loadExcel } from '../sheets/xlsx.js';
import { contractOf, type Contract } from '../sheets/scheme.js';
import { interleavedCpu, round, timeMedian, type BenchRow } from './harness.js';
import { people, rosterSheet, windowSource } from './roster-data.js';

const N = Number(process.env.KAOHE_BENCH_ROSTER ?? 10_000);
const ROUNDS = 3;
const FILES = { json: 'people.json', csv: 'roster.csv', xlsx: 'roster.xlsx' } as const;
type Format = keyof typeof FILES;
const CASES = ['read-json', 'read-csv', 'read-xlsx', 'write-json', 'write-csv', 'write-xlsx'] as const;
type Case = (typeof CASES)[number];

interface Ctx { dir: string; source: string; prepared: PreparedScheme; contract: Contract }

function context(dir: string): Ctx {
  const source = windowSource();
  const p = prepare(source, 'window-quarterly.kaohe');
  if (!p.value) throw new Error('window-quarterly does not check clean');
  return { dir, source, prepared: p.value, contract: contractOf(source) };
}

/** Writes the same people as JSON subjects, a CSV roster and an .xlsx roster. */
async function writeFixtures(dir: string): Promise<SubjectInput[]> {
  const ps = people(N);
  const subjects = ps.map((p) => p.subject);
  writeFileSync(join(dir, FILES.json), JSON.stringify({ subjects }));
  const sheet = rosterSheet(ps);
  writeFileSync(join(dir, FILES.csv), sheetCsv(sheet), 'utf8');
  await writeXlsxFile(join(dir, FILES.xlsx), { sheets: [sheet] });
  return subjects;
}

// ---- the operations measured, exactly as `kaohe eval` calls them

/** `probe` samples memory in the middle of the synchronous JSON work, which the child's sampling
 * timer cannot interrupt (its peak is the text and the value both alive). */
type Probe = () => void;
const none: Probe = () => {};

function readJson(ctx: Ctx, probe = none): SubjectInput[] {
  const text = readFileSync(join(ctx.dir, FILES.json), 'utf8');
  probe();
  const body = parseJsonExact(text) as { subjects: SubjectInput[] };
  probe();
  return body.subjects;
}

async function read(ctx: Ctx, f: Format, probe = none): Promise<SubjectInput[]> {
  if (f === 'json') return readJson(ctx, probe);
  const roster = await readRosterFile(join(ctx.dir, FILES[f]), ctx.contract.fields);
  if (roster.problems.length) throw new Error(`${f} roster: ${roster.problems.length} problems, first ${roster.problems[0].message}`);
  return roster.subjects;
}

async function results(ctx: Ctx, subjects: SubjectInput[]): Promise<CohortResult> {
  const r = await evaluateCohort(ctx.prepared, subjects, { lang: 'zh' });
  if (!r.ok) throw new Error(`cohort failed: ${JSON.stringify(r.errors.slice(0, 3))}`);
  return r.value;
}

async function write(ctx: Ctx, f: Format, subjects: SubjectInput[], result: CohortResult, probe = none): Promise<void> {
  const path = join(ctx.dir, `results.${f}`);
  if (f === 'json') {
    const text = `${JSON.stringify(result, null, 2)}\n`;
    probe();
    await writeFile(path, text, 'utf8');
  }
  else await writeWorkbookFile(path, buildResults({ contract: ctx.contract, subjects, result, locale: 'zh' }));
}

// ---- (c) one case in a child process

async function rosterChild(which: Case, dir: string): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc!;
  const ctx = context(dir);
  const [verb, f] = which.split('-') as ['read' | 'write', Format];
  let subjects: SubjectInput[] | undefined, result: CohortResult | undefined;
  if (verb === 'write') { subjects = readJson(ctx); result = await results(ctx, subjects); }
  if (f === 'xlsx') await loadExcel(); // the library loaded: the figures are the data's, not its code's
  gc(); gc();
  const mem = () => process.memoryUsage();
  const before = mem(), highBefore = process.resourceUsage().maxRSS * 1024;
  let rss = before.rss, heap = before.heapUsed;
  const probe = () => { const m = mem(); rss = Math.max(rss, m.rss); heap = Math.max(heap, m.heapUsed); };
  const sample = setInterval(probe, 1);
  let kept: unknown;
  if (verb === 'read') kept = await read(ctx, f, probe);
  else await write(ctx, f, subjects!, result!, probe);
  clearInterval(sample);
  probe();
  const high = process.resourceUsage().maxRSS * 1024;
  const peakRss = Math.max(rss, high > highBefore ? high : 0);
  gc(); gc();
  const retained = mem().heapUsed - before.heapUsed;
  if (kept === undefined && verb === 'read') throw new Error('nothing read');
  const MB = 1024 * 1024;
  process.stdout.write(JSON.stringify({ rssMb: (peakRss - before.rss) / MB, heapPeakMb: (heap - before.heapUsed) / MB, retainedMb: retained / MB, rssBeforeMb: before.rss / MB }));
}

interface Mem { rssMb: number; heapPeakMb: number; retainedMb: number; rssBeforeMb: number }

function childMem(which: Case, dir: string): Mem {
  const out = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), '--roster-child', which, dir], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (out.status !== 0) throw new Error(`roster child ${which} failed: ${out.stderr}`);
  return JSON.parse(out.stdout) as Mem;
}

// ---- the rows

const kb = (path: string) => Math.round(statSync(path).size / 1024);
const mb = (x: number) => round(x, 1);
const signed = (x: number) => `${x < 0 ? '−' : '+'}${Math.abs(mb(x))} MB`;
const memText = (m: Mem) => `RSS ${signed(m.rssMb)}, heap peak ${signed(m.heapPeakMb)}, retained ${signed(m.retainedMb)}`;

export async function run(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'kaohe-bench-rosters-'));
  try {
    const expected = await writeFixtures(dir);
    const ctx = context(dir);
    const rows: BenchRow[] = [];

    // Same people? Count subjects a roster reader gives differently from the JSON.
    const differ: Record<string, number> = {};
    for (const f of ['csv', 'xlsx'] as const) {
      const got = await read(ctx, f);
      differ[f] = got.length === expected.length ? got.filter((s, i) => !isDeepStrictEqual(s, expected[i])).length : expected.length;
    }
    const size = (f: Format) => `${kb(join(dir, FILES[f]))} KB`;

    const r = await interleavedCpu({
      json: () => read(ctx, 'json'), csv: () => read(ctx, 'csv'), xlsx: () => read(ctx, 'xlsx'),
    }, ROUNDS);
    const base = `JSON (json-exact, ${size('json')}) ${round(r.json, 1)} ms`;
    const wallOf = (t: { wall: Record<Format, number> }, f: Format) => `; wall ${Math.round(t.wall[f])} vs ${Math.round(t.wall.json)} ms`;
    for (const f of ['xlsx', 'csv'] as const) {
      rows.push({ bench: 'rosters', case: `(a) read ${N} people as .${f}${f === 'xlsx' ? ' (streamed)' : ''}, ${size(f)}${wallOf(r, f)}${differ[f] ? ` (${differ[f]} differ from JSON!)` : ''}`,
        value: round(r[f], 1), unit: 'ms CPU', baseline: base, ratio: round(r[f] / r.json, 1) });
    }

    const subjects = readJson(ctx);
    const result = await results(ctx, subjects);
    const w = await interleavedCpu({
      json: () => write(ctx, 'json', subjects, result), csv: () => write(ctx, 'csv', subjects, result), xlsx: () => write(ctx, 'xlsx', subjects, result),
    }, ROUNDS);
    const wbase = `JSON.stringify + write (${kb(join(dir, 'results.json'))} KB) ${round(w.json, 1)} ms`;
    const buildMs = timeMedian(() => buildResults({ contract: ctx.contract, subjects, result, locale: 'zh' }), 3);
    for (const f of ['xlsx', 'csv'] as const) {
      rows.push({ bench: 'rosters', case: `(b) write ${N} results as .${f} (buildResults ${round(buildMs, 1)} ms + ${f === 'xlsx' ? 'streamed writer' : 'CSV text'}), ${kb(join(dir, `results.${f}`))} KB${wallOf(w, f)}`,
        value: round(w[f], 1), unit: 'ms CPU', baseline: wbase, ratio: round(w[f] / w.json, 1) });
    }

    const m = Object.fromEntries(CASES.map((c) => [c, childMem(c, dir)])) as Record<Case, Mem>;
    for (const [verb, what] of [['read', `read ${N} people`], ['write', `write ${N} results`]] as const) {
      const jm = m[`${verb}-json`];
      for (const f of ['xlsx', 'csv'] as const) {
        const x = m[`${verb}-${f}`];
        rows.push({ bench: 'rosters', case: `(c) ${what} as .${f}: heap peak growth (${memText(x)})`, value: mb(x.heapPeakMb), unit: 'MB',
          baseline: `JSON: ${memText(jm)}`, ratio: jm.heapPeakMb >= 1 ? round(x.heapPeakMb / jm.heapPeakMb, 1) : undefined });
      }
    }
    const c = timeMedian(() => contractOf(ctx.source), 9);
    const p = timeMedian(() => prepare(ctx.source, 'window-quarterly.kaohe'), 9);
    rows.push({ bench: 'rosters', case: 'the input contract a roster needs (contractOf, once per run)', value: round(c, 1), unit: 'ms CPU',
      baseline: `prepare() of the scheme ${round(p, 1)} ms`, ratio: round(c / p, 2) });
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const at = process.argv.indexOf('--roster-child');
if (at > 0 && import.meta.url === pathToFileURL(process.argv[1]).href) await rosterChild(process.argv[at + 1] as Case, process.argv[at + 2]);
