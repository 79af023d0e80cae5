// What a killed `kaohe eval` left behind, removed by the next run (session 5). A roster streams into
// temporary files: the results beside `--out` (`.o.jsonl.PID-RANDOM.partial`, engine/stream/sinks.ts
// AtomicFile), or in the temporary folder for standard output and for a results sheet
// (`kaohe-eval-PID-…json[l]` and its `.partial`, eval-stream.ts / eval-sheet.ts), then the sheet under
// `.o.xlsx.PID-….tmp.xlsx` (cli/io.ts writeOrReport). SIGHUP/SIGINT/SIGTERM remove them (eval-stream.ts
// onInterrupt); a SIGKILL or an out-of-memory death cannot be caught. So every `kaohe eval` first
// removes those of a dead run: a name of ours, a process id that is no running process, and an hour
// untouched — the age guards a process of another container sharing the folder (it looks gone from
// here) and a reused process id; a run writes its files as it goes. (Spill folders, kaohe-cohort-PID-…,
// are swept by engine/stream/litter.ts when a cohort starts.) A name is looked at with lstat, never
// followed: a symbolic link planted under it is aged by its own time and removed itself, its target
// untouched (hostile audit H6 F6). Names of earlier versions (`.o.jsonl.PID.partial`) are swept too.

import { randomBytes } from 'node:crypto';
import { lstatSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { alive } from '../../engine/stream/litter.js';

/** How long a dead run's file is left alone. */
const STALE_MS = 3600_000;

/** kaohe eval's names in the temporary folder; the first group is the process id. */
const IN_TMP = /^\.?kaohe-eval-(\d+)-[0-9a-f]{8}\.jsonl?(?:\.\d+(?:-[0-9a-f]{8})?\.partial)?$/;

/** A temporary results file of this run in $TMPDIR, named as the sweep above knows it (`IN_TMP`): the
 * one place its name is made (eval-stream.ts, eval-sheet.ts, eval-stdin.ts). */
export const evalTempPath = (ext: 'json' | 'jsonl'): string => join(tmpdir(), `kaohe-eval-${process.pid}-${randomBytes(4).toString('hex')}.${ext}`);

const escaped = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Removes a dead run's temporary files from `tmp` and, with `out` (an absolute path), beside it. */
export function sweepKilledRuns(tmp: string, out?: string, now = Date.now()): void {
  sweep(tmp, IN_TMP, now);
  if (out === undefined) return;
  const beside = new RegExp(`^\\.${escaped(basename(out))}\\.(\\d+)(?:\\.partial|-[0-9a-f]{8}\\.(?:partial|tmp\\.[^.]+))$`);
  sweep(dirname(out), beside, now);
}

function sweep(dir: string, names: RegExp, now: number): void {
  let found: string[];
  try { found = readdirSync(dir); } catch { return; }
  for (const name of found) {
    const pid = names.exec(name)?.[1];
    if (pid === undefined || alive(Number(pid))) continue;
    const path = join(dir, name);
    try {
      if (now - lstatSync(path).mtimeMs >= STALE_MS) rmSync(path);
    } catch { /* gone meanwhile, a folder, or not ours to remove */ }
  }
}
