// An embedder's TypeScript without Node's types (issue 16 session 6, user trial B-3): the package's
// public declarations must compile for a strict consumer that has typescript but no @types/node —
// a browser bundle, a Deno or edge build, or a project pinned to `"types": []`. The consumer is the
// package tests' main.ts (typecheck.ts: analyze, compile, evaluate, evaluateCohort, format,
// runExamples and the result types from 'kaohe'), compiled alone under STRICT_CONSUMER with
// `types: []` against the tarball `npm pack` makes, installed with its dependencies linked one by one
// (packed.ts: not @types — npm would hoist @types/node 14 only through exceljs → fast-csv): tsc must
// pass, and Node's types must not be in the program (session 7: that strict program is the one
// typecheck.ts runs, and the tarball the one pack.test.ts installs). The same check on a copy whose
// index.d.ts names a Node module must fail — so this test can fail; that second program runs in
// `npm run test:differential` (FULL_TIER: ≈ 4 s of CPU that `npm test` need not pay each run).
// (Decided: the declarations stay free of Node's types; @types/node is no dependency of the package.
// README, embedding.)

import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FULL_TIER } from '../tier.js';
import { packed, ROOT } from './packed.js';
import { consumer, strictConfig, typecheck } from './typecheck.js';
import { CHILD_FLAGS } from '../child-flags.js';

let copy: string | undefined;
afterAll(() => { if (copy) rmSync(copy, { recursive: true, force: true }); });

describe('the package\'s declarations without @types/node', () => {
  it('compile for a strict consumer, and Node\'s types are not in its program', async () => {
    const { stdout, strict } = await typecheck();
    expect(strict.status, stdout).toBe(0);
    expect(strict.files.some((f) => f.endsWith('/node_modules/kaohe/dist/index.d.ts'))).toBe(true);
    expect(strict.files.filter((f) => f.includes('@types/node'))).toEqual([]);
  }, 600_000);

  it.runIf(FULL_TIER)('a declaration naming a Node module is refused (the check can fail)', async () => {
    const { dir } = await packed();
    copy = mkdtempSync(join(tmpdir(), 'kaohe-no-node-types-'));
    cpSync(join(dir, 'node_modules'), join(copy, 'node_modules'), { recursive: true, verbatimSymlinks: true });
    appendFileSync(join(copy, 'node_modules/kaohe/dist/index.d.ts'), "\nexport type NodeStream = import('node:stream').Readable;\n");
    writeFileSync(join(copy, 'package.json'), JSON.stringify({ name: 'consumer', type: 'module', private: true }));
    writeFileSync(join(copy, 'main.ts'), consumer('score'));
    writeFileSync(join(copy, 'tsconfig.json'), strictConfig(['main.ts']));
    const r = spawnSync(process.execPath, [...CHILD_FLAGS, join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', '.'], { cwd: copy, encoding: 'utf8', timeout: 240_000 });
    expect(r.status).not.toBe(0);
    expect(r.stdout).toMatch(/dist\/index\.d\.ts\(\d+,\d+\): error TS2307: Cannot find module 'node:stream'/);
  }, 600_000);
});
