// The library API of the package (issue 16, deliver 2): a Node service that depends on kaohe
// imports `{ compile, evaluate, … } from 'kaohe'` — dist/index.js with dist/index.d.ts through the
// package's "exports" — and sees every field of the declared result (engine/result-schema.ts).
// A consumer project (its own folder, kaohe linked into its node_modules as npm would) type-checks
// with tsc when it reads `result.indicators[0].score`, and fails to on a field the result does not
// have; the same consumer, run by plain node, evaluates a scheme. The good consumer (main.ts), the
// wrong one (wrong.ts) and the probes (probe.ts) are files of the package tests' one tsc program
// (typecheck.ts); each test reads its files' diagnostics.

import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { consumer, errorsIn, PROBES, typecheck, unexpected } from './typecheck.js';
import { CHILD_FLAGS } from '../child-flags.js';

describe("import … from 'kaohe'", () => {
  it('type-checks a consumer that reads result.indicators[0].score, and the consumer runs on dist/', async () => {
    const r = await typecheck();
    expect(r.stderr).toBe('');
    // Nothing but the refusals of the files written to fail (wrong.ts and probe.ts: tested below): main.ts type-checks.
    expect(unexpected(r)).toEqual([]);
    // The same code as JavaScript, run by node with no loader: the package's exports lead to dist/index.js.
    writeFileSync(join(r.dir, 'main.mjs'), consumer('score', false));
    const env = { ...process.env };
    delete env.NODE_OPTIONS;
    const run = spawnSync(process.execPath, [...CHILD_FLAGS, 'main.mjs'], { cwd: r.dir, encoding: 'utf8', env, timeout: 60_000 });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ score: 93.4, grade: '优秀', total: 93.4, members: 1, checked: 0, formatted: true, examples: 0 });
  }, 600_000);

  it('fails to type-check a consumer that reads a field the result does not have; no result field is `any`', async () => {
    const r = await typecheck();
    expect(r.status).not.toBe(0);
    expect(errorsIn(r, (p) => p === 'wrong.ts').join('\n')).toMatch(/wrong\.ts\(\d+,\d+\): error TS2551: Property 'scor' does not exist on type '.*'\. Did you mean 'score'\?/);
    const refused = errorsIn(r, (p) => p === 'probe.ts').filter((l) => /probe\.ts\(\d+,\d+\): error TS2322/.test(l));
    expect(refused).toHaveLength(PROBES.length);
  }, 600_000);
});
