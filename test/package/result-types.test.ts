// The result types (issue 16, user trial: the .d.ts of the result schema was 2.25 MB and a 40-line
// consumer took 7–20 s to type-check): the library declares them as plain types (engine/result-types.ts),
// and engine/result-schema.ts asserts at compile time that each zod schema infers exactly its
// declaration. Here: the assertion holds, and it fails when a declaration drifts (a copy with one
// field made optional, one dropped, one widened: one tsc program for both), and the package's
// declarations reachable from dist/index.d.ts never mention zod and stay small.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, copyFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../../bin/build.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** tsc --noEmit on `files` alone, with the project's options (one program: zod's types load once). */
function tsc(dir: string, files: string[]) {
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: join(ROOT, 'tsconfig.json'), compilerOptions: { noEmit: true, types: [] }, include: [], files }));
  return spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', dir], { cwd: dir, encoding: 'utf8', timeout: 240_000 });
}

describe('engine/result-types.ts against the zod schema', () => {
  it('every schema infers exactly its declared type; a declaration that drifts is a compile error', () => {
    // Beside the real pair, a copy (inside the project, so `zod` resolves) with three declarations changed.
    const dir = mkdtempSync(join(ROOT, 'test/package/.result-types-'));
    try {
      copyFileSync(join(ROOT, 'engine/result-schema.ts'), join(dir, 'result-schema.ts'));
      const types = readFileSync(join(ROOT, 'engine/result-types.ts'), 'utf8');
      const drifted = types
        .replace('  bonus: number | null;', '  bonus?: number | null;') // made optional
        .replace('  ties: string[];', '') // dropped
        .replace("  missing: 'skip' | 'breaks';", '  missing: string;'); // widened
      expect(drifted.length).toBeLessThan(types.length - 10);
      writeFileSync(join(dir, 'result-types.ts'), drifted);
      const r = tsc(dir, [join(ROOT, 'engine/result-schema.ts'), join(dir, 'result-schema.ts')]);
      const lines = r.stdout.split('\n').filter((l) => /error TS/.test(l));
      expect(lines.filter((l) => !l.startsWith('result-schema.ts('))).toEqual([]); // the real pair agrees
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.every((l) => /^result-schema\.ts\(\d+,\d+\): error TS2322/.test(l))).toBe(true);
      // Each `true` of the agreement tuple whose pair differs is refused: SubjectResult (bonus),
      // CohortMemberResult, CohortResult (both hold it), QuotaSummary, CohortSummary (ties),
      // TraceStep, Trace, IndicatorResult, Explain (missing), at least.
      expect(lines.length).toBeGreaterThanOrEqual(6);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
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
