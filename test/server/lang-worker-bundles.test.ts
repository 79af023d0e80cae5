// The language workers' bundles in $TMPDIR (server/lang-pool/script.ts): one per version of the
// sources, ≈4 MB each, so one unused for an hour is removed when a new one is written — never the
// new one, one used recently, or a file of another name.

import { existsSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeStale } from '../../server/lang-pool/script.js';
import { tempDirs } from '../temp-dirs.js';

const tempDir = tempDirs('kaohe-bundles-');

describe('language worker bundles', () => {
  it('are removed when unused for an hour, the new one and recent ones kept', () => {
    const dir = tempDir();
    const file = (name: string, hoursAgo: number) => {
      const path = join(dir, name);
      writeFileSync(path, 'export {}');
      const then = new Date(Date.now() - hoursAgo * 3600_000);
      utimesSync(path, then, then);
      return path;
    };
    const kept = file('kaohe-lang-worker-00000000000000aa.mjs', 5); // the one just written (its hash)
    const old = file('kaohe-lang-worker-00000000000000bb.mjs', 2);
    const half = file('kaohe-lang-worker-00000000000000cc.mjs.123.tmp', 2);
    const recent = file('kaohe-lang-worker-00000000000000dd.mjs', 0.5);
    const other = file('kaohe-lang-worker-notes.txt', 2);
    removeStale(kept, dir);
    expect([kept, old, half, recent, other].map(existsSync)).toEqual([true, false, false, true, true]);
  });
});
