// An interrupted streaming eval leaves nothing behind (issue 16, engine/stream/litter.ts and
// cli/commands/eval-stream.ts): SIGHUP/SIGINT/SIGTERM while `kaohe eval SCHEME ROSTER --out X` runs removes
// the output's temporary file `.X.PID-RANDOM.partial` and the spill folder `$TMPDIR/kaohe-cohort-PID-…`,
// prints one line (en or zh) on stderr and exits 129/130/143; the target is not written. A folder left by
// a killed run (its process gone) is removed by the next run; a live process's folder is kept.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, WINDOW_SCHEME } from '../../bench/roster-data.js';
import { sweepStale } from '../../engine/stream/index.js';

const N = 40_000; // long enough to be interrupted on a loaded machine
const dir = mkdtempSync(join(tmpdir(), 'kaohe-stream-signal-'));
const root = join(import.meta.dirname, '../..');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(() => {
  writeFileSync(join(dir, 'r.jsonl'), people(N, 7).map((p) => JSON.stringify(p.subject)).join('\n') + '\n', 'utf8');
}, 60_000);

/** The id of a process that has ended. */
const deadPid = (): number => spawnSync(process.execPath, ['-e', '']).pid!;

/** What kaohe put in a temporary folder (other programs keep their files there too). */
const ours = (tmp: string): string[] => readdirSync(tmp).filter((f) => f.startsWith('kaohe-'));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs the eval in a child with its own TMPDIR, sends `signal` once both temporary things exist. */
async function interrupted(signal: 'SIGHUP' | 'SIGINT' | 'SIGTERM', lang: 'en' | 'zh', tmp: string) {
  // The built `kaohe` (bin/kaohe.js on dist/, rebuilt by the globalSetup when a source is newer): the
  // same `main` as cli/main.ts without tsx transpiling ~800 modules at every start (~2 s CPU a child).
  const child = spawn(process.execPath, [join(root, 'bin/kaohe.js'),
    'eval', WINDOW_SCHEME, join(dir, 'r.jsonl'), '--out', join(dir, 'o.jsonl'), '--lang', lang], { cwd: root, env: { ...process.env, TMPDIR: tmp } });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const ended = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  let seen = false;
  for (let t = 0; t < 1200 && child.exitCode === null; t++) { // up to 60 s for the start under load
    const partial = readdirSync(dir).some((f) => f.startsWith(`.o.jsonl.${child.pid}-`));
    const spill = readdirSync(tmp).some((f) => f.startsWith(`kaohe-cohort-${child.pid}-`));
    if (partial && spill) { seen = true; break; }
    await sleep(50);
  }
  expect(seen, stderr).toBe(true); // the run was caught in the middle
  await sleep(200);
  child.kill(signal);
  return { code: await ended, stderr };
}

describe('an interrupted streaming eval', () => {
  it('SIGINT: exit 130, one English line, no partial file, no spill folder, no target', async () => {
    const tmp = join(dir, 'tmp-int');
    mkdirSync(tmp);
    const { code, stderr } = await interrupted('SIGINT', 'en', tmp);
    expect(code).toBe(130);
    expect(stderr).toBe('kaohe eval: interrupted (SIGINT); nothing written, temporary files removed\n');
    expect(readdirSync(dir).filter((f) => f !== 'r.jsonl' && !f.startsWith('tmp-'))).toEqual([]);
    expect(ours(tmp)).toEqual([]);
  }, 120_000);

  it('SIGTERM: exit 143, one Chinese line; a dead run\'s folder is swept at start, a live one kept', async () => {
    const tmp = join(dir, 'tmp-term');
    mkdirSync(tmp);
    const stale = join(tmp, `kaohe-cohort-${deadPid()}-old`);
    const living = join(tmp, `kaohe-cohort-${process.pid}-mine`);
    mkdirSync(stale);
    writeFileSync(join(stale, 'spill'), 'x');
    mkdirSync(living);
    const { code, stderr } = await interrupted('SIGTERM', 'zh', tmp);
    expect(code).toBe(143);
    expect(stderr.split('\n')).toHaveLength(2);
    expect(stderr).toMatch(/^kaohe eval：已中断（SIGTERM），未写出结果，临时文件已删除\n$/);
    expect(existsSync(stale)).toBe(false);
    expect(ours(tmp)).toEqual([`kaohe-cohort-${process.pid}-mine`]);
    expect(readdirSync(dir).filter((f) => f !== 'r.jsonl' && !f.startsWith('tmp-'))).toEqual([]);
  }, 120_000);

  it('SIGHUP (the terminal closed): exit 129, no partial file, no spill folder, no target', async () => {
    const tmp = join(dir, 'tmp-hup');
    mkdirSync(tmp);
    const { code, stderr } = await interrupted('SIGHUP', 'en', tmp);
    expect(code).toBe(129);
    expect(stderr).toBe('kaohe eval: interrupted (SIGHUP); nothing written, temporary files removed\n');
    expect(readdirSync(dir).filter((f) => f !== 'r.jsonl' && !f.startsWith('tmp-'))).toEqual([]);
    expect(ours(tmp)).toEqual([]);
  }, 120_000);

  it('sweepStale leaves other names and live processes alone', () => {
    const tmp = join(dir, 'tmp-sweep');
    mkdirSync(tmp);
    const dead = deadPid();
    for (const n of [`kaohe-cohort-${dead}-a`, `kaohe-cohort-${process.pid}-b`, `kaohe-eval-${dead}-c`, 'kaohe-cohort-x-d']) mkdirSync(join(tmp, n));
    sweepStale(tmp);
    expect(readdirSync(tmp).sort()).toEqual([`kaohe-cohort-${process.pid}-b`, 'kaohe-cohort-x-d', `kaohe-eval-${dead}-c`].sort());
  });
});
