// The result types (issue 16, user trial: the .d.ts of the result schema was 2.25 MB and a 40-line
// consumer took 7–20 s to type-check): the library declares them as plain types (engine/result-types.ts),
// and engine/result-schema.ts asserts at compile time that each zod schema infers exactly its
// declaration. Here: the assertion holds, and it fails when a declaration drifts (a copy with one
// field made optional, one dropped, one widened: drift/, in the package tests' one tsc program,
// typecheck.ts), and the package's declarations reachable from dist/index.d.ts never mention zod and
// stay small.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../../bin/build.js';
import { drifted, errorsIn, ROOT, typecheck, unexpected } from './typecheck.js';

describe('engine/result-types.ts against the zod schema', () => {
  it('every schema infers exactly its declared type; a declaration that drifts is a compile error', async () => {
    const types = readFileSync(join(ROOT, 'engine/result-types.ts'), 'utf8');
    expect(drifted(types).length).toBeLessThan(types.length - 10);
    const r = await typecheck();
    expect(r.stderr).toBe('');
    // The real pair agrees (nothing in the program fails but the files written to fail).
    expect(unexpected(r)).toEqual([]);
    const lines = errorsIn(r, (p) => p.startsWith('drift/'));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => /^drift\/result-schema\.ts\(\d+,\d+\): error TS2322/.test(l))).toBe(true);
    // Each `true` of the agreement tuple whose pair differs is refused: SubjectResult (bonus),
    // CohortMemberResult, CohortResult (both hold it), QuotaSummary, CohortSummary (ties),
    // TraceStep, Trace, IndicatorResult, Explain (missing), at least.
    expect(lines.length).toBeGreaterThanOrEqual(6);
  }, 600_000);
});

describe("the package's declarations", () => {
  beforeAll(async () => { await ensureBuilt({ types: true }); }, 180_000);

  it('reachable from dist/index.d.ts: no zod, well under 200 KB, the result types declared plainly', () => {
    const seen = new Set<string>();
    const queue = [join(ROOT, 'dist/index.d.ts')];
    let bytes = 0;
    while (queue.length) {
      const file = queue.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      const text = readFileSync(file, 'utf8');
      bytes += statSync(file).size;
      expect(text, file).not.toMatch(/from ['"]zod['"]|import\(['"]zod['"]\)/);
      for (const m of text.matchAll(/(?:from|import\()\s*['"](\.{1,2}\/[^'"]+)\.js['"]/g)) {
        const next = resolve(dirname(file), `${m[1]}.d.ts`);
        if (existsSync(next)) queue.push(next);
      }
    }
    expect(seen.has(join(ROOT, 'dist/engine/result-types.d.ts'))).toBe(true);
    expect(seen.has(join(ROOT, 'dist/engine/result-schema.d.ts'))).toBe(false);
    expect(bytes).toBeLessThan(200_000);
    expect(readFileSync(join(ROOT, 'dist/engine/result-types.d.ts'), 'utf8')).toMatch(/export type SubjectResult = \{[^]*improve: string\[\];/);
  }, 60_000);
});
