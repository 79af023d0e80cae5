// What a streaming cohort leaves on disk while it runs — its spill folder `$TMPDIR/kaohe-cohort-PID-…`
// and the output's temporary file `.X.PID-….partial` (sinks.ts) — registered here so that an interrupted
// run can remove it: the command line (cli/commands/eval-stream.ts) catches SIGHUP/SIGINT/SIGTERM
// and calls `removeLitter` before it exits. A SIGKILL (or an out-of-memory death) cannot be caught: the folders
// carry their process's id, and a later run removes the ones whose process is gone (`sweepStale`).
// The engine itself installs no signal handler: a library must not decide how its host process ends.

import { lstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const live = new Set<string>();

/** Registers a path to remove if the process is interrupted; the returned function forgets it. */
export function track(path: string): () => void {
  live.add(path);
  return () => { live.delete(path); };
}

/** Removes every registered path now (synchronously: it runs in a signal handler, just before exit). */
export function removeLitter(): void {
  for (const p of live) removeQuietly(p);
  live.clear();
}

/** Removes a file or folder of ours if it is there; a path that cannot hold it (a part of it not a
 * folder: $TMPDIR a file) has nothing to remove. */
export function removeQuietly(path: string): void {
  try {
    rmSync(path, { recursive: true, force: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOTDIR') throw e;
  }
}

const PREFIX = 'kaohe-cohort-';

/** Whether a process with this id is running (EPERM: it is, owned by someone else). */
export function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the spill folders under `base` whose process is gone (a killed run's). Best effort:
 * another user's folder or a vanished one is left alone. Looked at with lstat, never followed: a
 * symbolic link planted under the name is not a folder of ours (hostile audit H6 F6). */
export function sweepStale(base: string): void {
  let names: string[];
  try { names = readdirSync(base); } catch { return; }
  for (const name of names) {
    const m = /^kaohe-cohort-(\d+)-/.exec(name);
    if (!m || alive(Number(m[1]))) continue;
    const path = join(base, name);
    try {
      if (lstatSync(path).isDirectory()) rmSync(path, { recursive: true, force: true });
    } catch { /* not ours */ }
  }
}

/** A new spill folder under `base`, named by this process's id, registered for removal. */
export function spillFolder(base: string): { dir: string; done: () => void } {
  sweepStale(base);
  const dir = mkdtempSync(join(base, `${PREFIX}${process.pid}-`));
  const forget = track(dir);
  return { dir, done: () => { rmSync(dir, { recursive: true, force: true }); forget(); } };
}
