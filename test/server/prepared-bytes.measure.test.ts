// The prepared-scheme cache's estimate (server/prepared.ts PREPARED_BYTES_PER_CHAR) against the heap
// prepared schemes of three sizes keep, measured in a child with --expose-gc
// (prepared-bytes-measure.ts). A measurement, so `npm run test:measure` only (docs/testing.md).

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PREPARED_BYTES_PER_CHAR } from '../../server/prepared.js';
import { DEFAULT_MAIN_PREPARE_MAX_CHARS } from '../../server/limits.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('the prepared-scheme cache estimate', () => {
  it(`is above what schemes of three sizes keep per source character`, () => {
    const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(ROOT, 'test/server/prepared-bytes-measure.ts')], {
      cwd: ROOT, encoding: 'utf8', timeout: 120_000,
    });
    expect(child.status, child.stderr).toBe(0);
    const sizes = JSON.parse(child.stdout) as { name: string; chars: number; perChar: number }[];
    expect(sizes).toHaveLength(3);
    for (const s of sizes) {
      expect(s.chars, s.name).toBeLessThanOrEqual(DEFAULT_MAIN_PREPARE_MAX_CHARS); // a size the event loop prepares
      expect(s.perChar, s.name).toBeGreaterThan(5); // it measured something
      expect(s.perChar, s.name).toBeLessThan(PREPARED_BYTES_PER_CHAR);
    }
  }, 150_000);
});
