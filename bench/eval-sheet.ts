// `kaohe eval SCHEME roster.xlsx --out results.xlsx` at the user trial's size (issue 16: 200,000 people
// peaked at 2.3 GB, the workbook built in memory). Each case runs in a fresh child process of its own
// and reports its peak RSS (maxRSS) and CPU time:
//   memory — the former path, as it was: readRosterFile → evaluateCohort → buildResults → the
//            streamed WorkbookWriter over the whole sheet (sheets/node/files.ts writeWorkbookFile);
//   stream — today's command (cli/commands/eval-sheet.ts): the streaming cohort, the layout worked out
//            on the way, the rows written one by one (sheets/node/results-stream.ts);
//   read   — the .xlsx roster's rows read and dropped (sheets/node/xlsx-stream.ts), nothing evaluated.
// The .xlsx rosters: `xlsx` strings inline (what results-stream.ts writes), `xlsx-shared` a shared-string
// table stored after the sheet and xl/workbook.xml last (every file exceljs writes, `kaohe template`'s),
// `xlsx-excel` the same parts in Excel's order (strings and workbook first), `xlsx-empty` two people
// and N empty rows (hostile F4). `--root DIR,DIR…` runs the child on each checkout's code in turn (a copy
// of the last commit beside this one: before/after in one run). All through tsx; `--dist` runs the stream case by bin/kaohe.js.
// Usage: node --import tsx bench/eval-sheet.ts [N=200000] [--input xlsx|xlsx-shared|xlsx-excel|xlsx-empty|jsonl|csv]
//        [--out xlsx|csv|jsonl] [--only stream|memory|read] [--root DIR,…] [--old MB (the child's --max-old-space-size)] [--timeout S] [--dist]

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { people, rosterSheet, WINDOW_SCHEME, windowSource } from './roster-data.js';
import { excelOrder, padWithEmptyRows, readZip, writeZip } from './xlsx-zip.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

async function child(mode: string, roster: string, out: string, root: string): Promise<void> {
  const code = (path: string) => import(pathToFileURL(join(root, path)).href);
  const cpu0 = process.cpuUsage();
  if (mode === 'stream') {
    const { main } = await code('cli/main.ts');
    const status = await main(['eval', WINDOW_SCHEME, roster, '--out', out, '--lang', 'zh']);
    if (status !== 0) throw new Error(`exit ${status}`);
  } else if (mode === 'read') {
    const { streamXlsxRows } = await code('sheets/node/xlsx-stream.ts');
    let rows = 0;
    for await (const _ of streamXlsxRows(roster)) rows++;
    writeFileSync(out, `${rows} rows\n`);
  } else {
    const { evaluateCohort, prepare } = await code('engine/index.ts');
    const { buildResults } = await code('sheets/index.ts');
    const { readRosterFile, writeWorkbookFile } = await code('sheets/node/files.ts');
    const { contractOf } = await code('sheets/scheme.ts');
    const source = windowSource();
    const c = contractOf(source);
    const r = await readRosterFile(roster, c.fields, { grades: c.grades, committee: !!c.committee });
    const outcome = await evaluateCohort(prepare(source).value!, r.subjects, { lang: 'zh', maxErrors: 1000 });
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors.slice(0, 2)));
    await writeWorkbookFile(out, buildResults({ contract: c, subjects: r.subjects, result: outcome.value, locale: 'zh' }));
  }
  const cpu = process.cpuUsage(cpu0);
  process.stdout.write(`${JSON.stringify({ maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024), cpuS: (cpu.user + cpu.system) / 1e6 })}\n`);
}

async function parent(): Promise<void> {
  const args = process.argv.slice(2);
  const opt = (name: string, dflt: string) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : dflt; };
  const n = Number(args.find((a) => /^\d+$/.test(a)) ?? 200_000);
  const input = opt('input', 'xlsx'), outExt = opt('out', 'xlsx'), only = opt('only', ''), roots = opt('root', ROOT).split(',');
  const dir = mkdtempSync(join(tmpdir(), 'kaohe-bench-eval-sheet-'));
  try {
    const ps = people(input === 'xlsx-empty' ? 2 : n);
    const roster = join(dir, `roster.${input.replace(/^xlsx-.*/, 'xlsx')}`);
    if (input === 'jsonl') writeFileSync(roster, ps.map((p) => JSON.stringify(p.subject)).join('\n') + '\n');
    else {
      const sheet = rosterSheet(ps);
      sheet.name ||= 'roster';
      if (input === 'csv') writeFileSync(roster, (await import('../sheets/index.js')).sheetCsv(sheet), 'utf8');
      else {
        const { fillSheet, loadExcel, sheetOptions } = await import('../sheets/xlsx.js');
        const book = new (await loadExcel()).stream.xlsx.WorkbookWriter({ filename: roster, useStyles: true, useSharedStrings: input !== 'xlsx' });
        const ws = book.addWorksheet(sheet.name, sheetOptions(sheet));
        fillSheet(ws, sheet, true);
        ws.commit();
        await book.commit();
        if (input === 'xlsx-excel') writeFileSync(roster, writeZip(excelOrder(readZip(readFileSync(roster)))));
        if (input === 'xlsx-empty') writeFileSync(roster, writeZip(padWithEmptyRows(readZip(readFileSync(roster)), n)));
      }
    }
    ps.length = 0;
    console.log(`${n} people, roster.${input} ${(statSync(roster).size / 2 ** 20).toFixed(1)} MiB → results.${outExt}; load ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')}`);
    const modes = (only ? [only] : ['memory', 'stream']);
    for (const mode of modes) for (const root of roots) {
      const out = join(dir, `results-${mode}.${outExt}`);
      const t0 = Date.now();
      const heap = opt('old', '') ? [`--max-old-space-size=${opt('old', '')}`] : []; // --old MB: the heap the child may use
      const timeout = Number(opt('timeout', '0')) * 1000 || undefined; // --timeout S: a run that stalls is stopped (and says so)
      const r = spawnSync(process.execPath, [...heap, '--import', 'tsx', fileURLToPath(import.meta.url), '--child', mode, roster, out, root], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26, timeout });
      const wall = (Date.now() - t0) / 1000;
      const last = r.stdout.trim().split('\n').pop() ?? '';
      console.log(`${mode}${roots.length > 1 ? ` (${root})` : ''}: ${r.status === 0 ? last : `failed (${r.status} ${r.signal ?? ''}) ${r.stdout.slice(0, 600)} ${r.stderr.slice(-400)}`} wall ${wall.toFixed(1)} s, ${r.status === 0 ? `${(statSync(out).size / 2 ** 20).toFixed(1)} MiB` : ''}`);
    }
    if (args.includes('--dist')) {
      const out = join(dir, `results-dist.${outExt}`);
      const r = spawnSync('/usr/bin/time', ['-f', '%M KB %U+%S s', process.execPath, join(ROOT, 'bin/kaohe.js'), 'eval', WINDOW_SCHEME, roster, '--out', out, '--lang', 'zh'], { encoding: 'utf8' });
      console.log(`dist (bin/kaohe.js): ${r.stderr.trim().split('\n').pop()}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') await child(process.argv[3], process.argv[4], process.argv[5], process.argv[6]);
else await parent();
