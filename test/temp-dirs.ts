// Temporary directories of one test file, removed after its tests. The shared vitest project runs
// with `isolate: false` (vitest.config.ts): a module is evaluated once per worker, so an afterAll
// at this module's top level would be registered for the first file that imports it only. Each
// call registers its own afterAll instead — call it at the top level of the test file:
//   const tempDir = tempDirs('kaohe-keys-');   …   const dir = tempDir();

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** A maker of fresh directories `$TMPDIR/PREFIX…`, all removed after the calling file's tests. */
export function tempDirs(prefix: string): () => string {
  const made: string[] = [];
  afterAll(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    made.push(dir);
    return dir;
  };
}
