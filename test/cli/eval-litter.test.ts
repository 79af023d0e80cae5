// What a killed `kaohe eval` leaves on disk (session 5, M5): a roster streams into temporary files —
// `.o.jsonl.PID-RANDOM.partial` beside --out, `.kaohe-eval-PID-….json.PID-RANDOM.partial` in $TMPDIR for standard
// output, `kaohe-eval-PID-….jsonl` (+ its .partial) for a results sheet. SIGINT/SIGTERM remove them
// (a file being opened when the signal comes too: it is opened at once, engine/stream/buffered.ts);
// SIGKILL cannot be caught, and the next run removes what a dead run left that is over an hour old
// (cli/commands/eval-litter.ts) — a live process's files, and fresh ones, are kept.

import { spawn } from 'node:child_process';
import { existsSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { people, WINDOW_SCHEME } from '../../bench/roster-data.js';
import { sweepKilledRuns } from '../../cli/commands/eval-litter.js';
import { AtomicFile, removeLitter } from '../../engine/stream/index.js';
import { tempDirs } from '../temp-dirs.js';
import { CHILD_FLAGS } from '../child-flags.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const tempDir = tempDirs('kaohe-eval-litter-');
const dir = tempDir();
const roster = join(dir, 'r.jsonl');
writeFileSync(roster, people(20_000, 11).map((p) => JSON.stringify(p.subject)).join('\n') + '\n', 'utf8');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const HOURS_AGO = (h: number) => new Date(Date.now() - h * 3600_000);
/** Process ids that are no process: over the kernel's limit (pid_max is at most 2^22). */
const DEAD = 4_194_304 + 17;

/** `kaohe eval` (the built command, as a user runs it) in a child with its own TMPDIR, sent `signal`
 * once the results' temporary file exists; its exit code or signal and its standard error. */
async function killed(signal: NodeJS.Signals, tmp: string, out?: string) {
  const args = [...CHILD_FLAGS, join(ROOT, 'bin/kaohe.js'), 'eval', WINDOW_SCHEME, roster, '--lang', 'en', ...(out ? ['--out', out] : [])];
  const child = spawn(process.execPath, args, { env: { ...process.env, TMPDIR: tmp }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const ended = new Promise<number | string | null>((r) => child.on('exit', (code, sig) => r(code ?? sig)));
  let seen = false;
  for (let t = 0; t < 1200 && child.exitCode === null; t++) { // up to 60 s for the start under load
    if (readdirSync(tmp).some((f) => new RegExp(`\\.${child.pid}-[0-9a-f]{8}\\.partial$`).test(f))) { seen = true; break; }
    await sleep(50);
  }
  expect(seen, stderr).toBe(true); // caught in the middle of the stream
  child.kill(signal);
  return { end: await ended, stderr, pid: child.pid! };
}

describe('temporary files of an interrupted kaohe eval', () => {
  it('a file being opened when the run is interrupted is removed too (it exists once registered)', async () => {
    const d = tempDir();
    for (let i = 0; i < 20; i++) {
      const f = new AtomicFile(join(d, `o${i}.json`));
      removeLitter(); // as the signal handler does, before the file system has answered
      await sleep(2);
      expect(existsSync(f.temp)).toBe(false);
    }
    expect(readdirSync(d)).toEqual([]);
  });

  it('SIGKILL leaves them; the next run (SIGTERM, to a results sheet) removes the dead run\'s old ones and leaves nothing of its own', async () => {
    const tmp = tempDir(), outDir = tempDir();
    const first = await killed('SIGKILL', tmp);
    expect(first.end).toBe('SIGKILL');
    const left = readdirSync(tmp).filter((f) => f.includes('kaohe-eval-'));
    expect(left).toEqual([expect.stringMatching(new RegExp(`^\\.kaohe-eval-${first.pid}-[0-9a-f]{8}\\.json\\.${first.pid}-[0-9a-f]{8}\\.partial$`))]);
    for (const f of left) utimesSync(join(tmp, f), HOURS_AGO(2), HOURS_AGO(2));
    // Beside them: a dead run's fresh file, a live process's old one, and the same beside --out.
    const fresh = `.kaohe-eval-${DEAD}-0badc0de.jsonl.${DEAD}.partial`;
    const living = `kaohe-eval-${process.pid}-0badc0de.jsonl`;
    const deadOut = [`.o.csv.${DEAD}.partial`, `.o.csv.${DEAD}-0badc0de.tmp.csv`], otherOut = `.p.csv.${DEAD}.partial`;
    for (const f of [fresh, living]) writeFileSync(join(tmp, f), '');
    for (const f of [...deadOut, otherOut]) writeFileSync(join(outDir, f), '');
    for (const f of [living, ...deadOut, otherOut]) utimesSync(join(f === living ? tmp : outDir, f), HOURS_AGO(2), HOURS_AGO(2));

    const second = await killed('SIGTERM', tmp, join(outDir, 'o.csv'));
    expect(second.end, second.stderr).toBe(143);
    expect(second.stderr).toBe('kaohe eval: interrupted (SIGTERM); nothing written, temporary files removed\n');
    expect(readdirSync(tmp).filter((f) => f.includes('kaohe-')).sort()).toEqual([fresh, living].sort());
    expect(readdirSync(outDir)).toEqual([otherOut]); // not the same output's
  }, 180_000);

  it('the sweep takes only kaohe eval\'s names, of dead processes, untouched for an hour', () => {
    const tmp = tempDir(), outDir = tempDir();
    const names = [`.kaohe-eval-${DEAD}-0123abcd.jsonl.${DEAD}-0badc0de.partial`, `.kaohe-eval-${DEAD}-0123abcd.json.${DEAD}.partial`, `kaohe-eval-${DEAD}-0123abcd.jsonl`, `kaohe-eval-${DEAD}-0123abcd.json`,
      `kaohe-eval-${DEAD}-0123abcd.txt`, `kaohe-evaluation-${DEAD}.json`, `kaohe-cohort-${DEAD}-x`, 'kaohe-eval-x-0123abcd.json', `kaohe-eval-${process.pid}-0123abcd.json`];
    for (const f of names) { writeFileSync(join(tmp, f), ''); utimesSync(join(tmp, f), HOURS_AGO(3), HOURS_AGO(3)); }
    const outs = [`.o.xlsx.${DEAD}-0badc0de.partial`, `.o.xlsx.${DEAD}.partial`, `.o.xlsx.${DEAD}-89abcdef.tmp.xlsx`, `o.xlsx`, `.o.xlsx.${DEAD}`, `.xo.xlsx.${DEAD}.partial`];
    for (const f of outs) { writeFileSync(join(outDir, f), ''); utimesSync(join(outDir, f), HOURS_AGO(3), HOURS_AGO(3)); }
    sweepKilledRuns(tmp, join(outDir, 'o.xlsx'));
    expect(readdirSync(tmp).sort()).toEqual(names.slice(4).sort());
    expect(readdirSync(outDir).sort()).toEqual(outs.slice(3).sort());
  });
});
