// `kaohe eval SCHEME roster.xlsx --out results.xlsx` at the user trial's size (issue 16: 200,000 people
// peaked at 2.3 GB, the workbook built in memory). Each case runs in a fresh child process of its own
// and reports its peak RSS (maxRSS) and CPU time:
//   memory — the former path, as it was: readRosterFile → evaluateCohort → buildResults → the
//            streamed WorkbookWriter over the whole sheet (sheets/node/files.ts writeWorkbookFile);
//   stream — today's command (cli/commands/eval-sheet.ts): the streaming cohort, the layout worked out
//            on the way, the rows written one by one (sheets/node/results-stream.ts).
// Both through tsx (the same loader overhead); `--dist` runs the stream case by bin/kaohe.js as well.
// Usage: node --import tsx bench/eval-sheet.ts [N=200000] [--input xlsx|jsonl|csv] [--out xlsx|csv] [--only stream|memory]
//        [--old MB (the child's --max-old-space-size)] [--dist]

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { people, rosterSheet, WINDOW_SCHEME, windowSource } from './roster-data.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

async function child(mode: string, roster: string, out: string): Promise<void> {
  const cpu0 = process.cpuUsage();
  if (mode === 'stream') {
    const { main } = await import('../cli/main.js');
    const code = await main(['eval', WINDOW_SCHEME, roster, '--out', out, '--lang', 'zh']);
    if (code !== 0) throw new Error(`exit ${code}`);
  } else {
    const { evaluateCohort, prepare } = await import('../engine/index.js');
    const { buildResults } = await import('../sheets/index.js');
    const { readRosterFile, writeWorkbookFile } = await import('../sheets/node/files.js');
    const { contractOf } = await import('../sheets/scheme.js');
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
  const input = opt('input', 'xlsx'), outExt = opt('out', 'xlsx'), only = opt('only', '');
  const dir = mkdtempSync(join(tmpdir(), 'kaohe-bench-eval-sheet-'));
  try {
    const ps = people(n);
    const roster = join(dir, `roster.${input}`);
    if (input === 'jsonl') writeFileSync(roster, ps.map((p) => JSON.stringify(p.subject)).join('\n') + '\n');
    else {
      const sheet = rosterSheet(ps);
      sheet.name ||= 'roster';
      if (input === 'csv') writeFileSync(roster, (await import('../sheets/index.js')).sheetCsv(sheet), 'utf8');
      // Strings inline: exceljs's writers put the shared strings after the sheet, and such a file is
      // read in memory (sheets/node/xlsx-stream.ts sharedStringsAfterSheet); Excel's own files stream.
      else {
        const { fillSheet, loadExcel, sheetOptions } = await import('../sheets/xlsx.js');
        const book = new (await loadExcel()).stream.xlsx.WorkbookWriter({ filename: roster, useStyles: true, useSharedStrings: false });
        const ws = book.addWorksheet(sheet.name, sheetOptions(sheet));
        fillSheet(ws, sheet, true);
        ws.commit();
        await book.commit();
      }
    }
    ps.length = 0;
    console.log(`${n} people, roster.${input} ${(statSync(roster).size / 2 ** 20).toFixed(1)} MiB → results.${outExt}; load ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')}`);
    const modes = (only ? [only] : ['memory', 'stream']);
    for (const mode of modes) {
      const out = join(dir, `results-${mode}.${outExt}`);
      const t0 = Date.now();
      const heap = opt('old', '') ? [`--max-old-space-size=${opt('old', '')}`] : []; // --old MB: the heap the child may use
      const r = spawnSync(process.execPath, [...heap, '--import', 'tsx', fileURLToPath(import.meta.url), '--child', mode, roster, out], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
      const wall = (Date.now() - t0) / 1000;
      const last = r.stdout.trim().split('\n').pop() ?? '';
      console.log(`${mode}: ${r.status === 0 ? last : `failed (${r.status} ${r.signal ?? ''}) ${r.stdout.slice(0, 600)} ${r.stderr.slice(-400)}`} wall ${wall.toFixed(1)} s, ${r.status === 0 ? `${(statSync(out).size / 2 ** 20).toFixed(1)} MiB` : ''}`);
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

if (process.argv[2] === '--child') await child(process.argv[3], process.argv[4], process.argv[5]);
else await parent();
