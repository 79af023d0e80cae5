// Work the package tests share, done once per `npm test` (issue 16: the tarball and the tsc programs
// were made again by each file that needed them): whichever test process asks first does it in the
// run's folder (the globalSetup's, through inject), a lock in that folder says who does, and the
// others wait for the JSON result it writes. A run without the globalSetup (one file alone) gets a
// folder of its own for the process.

import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext { packageTestDir: string }
}

let own: string | undefined;

/** The run's shared folder of the package tests. */
export function runDir(): string {
  return inject('packageTestDir') || (own ??= mkdtempSync(join(tmpdir(), 'kaohe-package-run-')));
}

const mine = new Map<string, Promise<unknown>>();

/** `make(dir)`'s result, made once per run under `name` (a JSON value), in the run's shared folder. */
export function oncePerRun<T>(name: string, make: (dir: string) => Promise<T>): Promise<T> {
  let p = mine.get(name) as Promise<T> | undefined;
  if (!p) mine.set(name, (p = shared(name, make)));
  return p;
}

async function shared<T>(name: string, make: (dir: string) => Promise<T>): Promise<T> {
  const dir = runDir();
  const done = join(dir, `${name}.json`);
  try {
    mkdirSync(join(dir, `${name}.lock`)); // the first to get here makes it
  } catch {
    const deadline = Date.now() + 600_000;
    while (!existsSync(done)) {
      if (Date.now() > deadline) throw new Error(`${name}: not made by another test process within 600 s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return unwrap(name, JSON.parse(readFileSync(done, 'utf8')) as T | { failed: string });
  }
  let r: T | { failed: string };
  try {
    r = await make(dir);
  } catch (e) {
    r = { failed: (e as Error).stack ?? String(e) };
  }
  writeFileSync(`${done}.part`, JSON.stringify(r));
  renameSync(`${done}.part`, done);
  return unwrap(name, r);
}

function unwrap<T>(name: string, r: T | { failed: string }): T {
  if (r !== null && typeof r === 'object' && 'failed' in r) throw new Error(`${name} could not be made: ${r.failed}`);
  return r as T;
}
