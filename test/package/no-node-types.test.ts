// An embedder's TypeScript without Node's types (issue 16 session 6, user trial B-3): the package's
// public declarations must compile for a strict consumer that has typescript but no @types/node —
// a browser bundle, a Deno or edge build, or a project pinned to `"types": []`. The tarball `npm pack`
// makes, unpacked as an installed package whose dependencies are linked one by one (not @types: npm
// would hoist @types/node 14 only through exceljs → fast-csv), and a strict consumer importing
// { analyze, compile, evaluate, evaluateCohort } from 'kaohe': tsc must pass, and Node's types must
// not be in the program. The same check on a copy whose index.d.ts names a Node module must fail —
// so this test can fail; that second program runs in `npm run test:differential` (FULL_TIER: ≈ 4 s of
// CPU that `npm test` need not pay each run). (Decided: the declarations stay free of Node's types; @types/node is no
// dependency of the package. README, embedding.)

import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../../bin/build.js';
import { FULL_TIER } from '../tier.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let dir: string;

const CONSUMER = `import { analyze, compile, evaluate, evaluateCohort } from 'kaohe';
const source = 'scheme 试算 {\\n  input { 完成率: number }\\n  indicator 完成情况 weight 100% = 完成率 * 100\\n  grades { 优秀 when score >= 90  合格 otherwise }\\n}\\n';
const { value: scheme } = compile(source);
if (!scheme) throw new Error('no scheme');
const one = await evaluate(scheme, { id: 'A1', input: { 完成率: 0.934 } });
const all = await evaluateCohort(scheme, [{ id: 'A1', input: { 完成率: 0.5 } }]);
const score: number | false = one.ok && one.value.score;
console.log(analyze(source).diagnostics.length, score, all.ok && all.value.results.length);
`;

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', noEmit: true,
    strict: true, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, skipLibCheck: false,
  },
  files: ['main.ts'],
};

/** A consumer folder with the unpacked package in node_modules/kaohe (its dependencies linked one by one). */
function consumerOf(pkg: string, at: string): string {
  mkdirSync(join(at, 'node_modules'), { recursive: true });
  cpSync(pkg, join(at, 'node_modules/kaohe'), { recursive: true });
  const deps = Object.keys((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies);
  for (const d of deps) {
    mkdirSync(dirname(join(at, 'node_modules/kaohe/node_modules', d)), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules', d), join(at, 'node_modules/kaohe/node_modules', d), 'dir');
  }
  writeFileSync(join(at, 'package.json'), JSON.stringify({ name: 'consumer', type: 'module', private: true }));
  writeFileSync(join(at, 'main.ts'), CONSUMER);
  writeFileSync(join(at, 'tsconfig.json'), JSON.stringify(TSCONFIG));
  return at;
}

const tsc = (at: string) => spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', '.', '--listFiles'], { cwd: at, encoding: 'utf8', timeout: 240_000 });

beforeAll(async () => {
  await ensureBuilt({ types: true });
  dir = mkdtempSync(join(tmpdir(), 'kaohe-no-node-types-'));
  const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const { filename } = (JSON.parse(out) as { filename: string }[])[0]!;
  mkdirSync(join(dir, 'pkg'));
  execFileSync('tar', ['-xzf', join(dir, filename), '-C', join(dir, 'pkg'), '--strip-components=1']);
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the package\'s declarations without @types/node', () => {
  it('compile for a strict consumer, and Node\'s types are not in its program', () => {
    const r = tsc(consumerOf(join(dir, 'pkg'), join(dir, 'app')));
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const files = r.stdout.split('\n');
    expect(files.some((f) => f.includes('/node_modules/kaohe/dist/index.d.ts'))).toBe(true);
    expect(files.filter((f) => f.includes('@types/node'))).toEqual([]);
  }, 240_000);

  it.runIf(FULL_TIER)('a declaration naming a Node module is refused (the check can fail)', () => {
    const at = consumerOf(join(dir, 'pkg'), join(dir, 'refused'));
    appendFileSync(join(at, 'node_modules/kaohe/dist/index.d.ts'), "\nexport type NodeStream = import('node:stream').Readable;\n");
    const r = tsc(at);
    expect(r.status).not.toBe(0);
    expect(r.stdout).toMatch(/dist\/index\.d\.ts\(\d+,\d+\): error TS2307: Cannot find module 'node:stream'/);
  }, 240_000);
});
