// better-sqlite3 is the server's driver, not the library's (issue 16, user trial: it was a hard
// dependency of `import { evaluate } from 'kaohe'`, built from source where no prebuilt binary is at
// hand). It is an optional dependency: `npm ci` still installs it (so `npm ci && npm start` works as
// before), and an install that cannot build it goes on without it. Here, in plain node processes on
// dist/ with the package made unresolvable (fixtures/hide-sqlite.mjs, as when npm skipped it): the
// library evaluates and never loads it (nor drizzle, hono or zod), `kaohe eval` works, and the
// commands that need a database say so in one line in the reader's language, exit 2, no stack.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../../bin/build.js';
import { CHILD_FLAGS } from '../child-flags.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HIDE = join(ROOT, 'test/package/fixtures/register-hide-sqlite.mjs');
let dir: string;

beforeAll(async () => {
  await ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'kaohe-nosqlite-'));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `node --import HIDE …args` in `dir`, with a user's environment; output and the packages it loaded. */
function node(args: string[], name: string, lang = 'C') {
  const trace = join(dir, `${name}.loads`);
  writeFileSync(trace, '');
  const env: Record<string, string | undefined> = { ...process.env, KAOHE_TRACE_LOADS: trace, LANG: lang, LC_ALL: undefined, LC_MESSAGES: undefined };
  delete env.NODE_OPTIONS;
  for (const k of Object.keys(env)) if (k.startsWith('VITEST') || k === 'TSX_TSCONFIG_PATH') delete env[k];
  const r = spawnSync(process.execPath, [...CHILD_FLAGS, '--import', HIDE, ...args], { cwd: dir, env, encoding: 'utf8', timeout: 60_000 });
  const packages = new Set(readFileSync(trace, 'utf8').split('\n').flatMap((u) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1] ?? []));
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, packages };
}

const SCHEME = 'scheme 试算 {\n  input { 完成率: number }\n  indicator 完成情况 weight 100% = 完成率 * 100\n  grades { 优秀 when score >= 90  合格 otherwise }\n}\n';

describe('without better-sqlite3', () => {
  it("import … from 'kaohe' evaluates, loading no database, server or zod module", () => {
    const main = join(dir, 'main.mjs');
    writeFileSync(main, `import { compile, evaluate } from ${JSON.stringify(pathToFileURL(join(ROOT, 'dist/index.js')).href)};
const { value } = compile(${JSON.stringify(SCHEME)});
const out = await evaluate(value, { id: 'A1', input: { 完成率: 0.934 } });
console.log(JSON.stringify({ ok: out.ok, grade: out.value.grade }));
`);
    const r = node([main], 'library');
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ ok: true, grade: '优秀' });
    for (const heavy of ['better-sqlite3', 'drizzle-orm', 'hono', '@hono/node-server', 'zod', 'exceljs']) expect(r.packages.has(heavy), heavy).toBe(false);
  }, 120_000); // a hang guard: the child allows 60 s (on a loaded machine the 30 s default ran out)

  it('kaohe eval works; serve, token and account say in one line that the driver is missing, exit 2', () => {
    writeFileSync(join(dir, 's.kaohe'), SCHEME);
    writeFileSync(join(dir, 'a.json'), JSON.stringify({ id: 'A1', input: { 完成率: 0.5 } }));
    const ev = node([join(ROOT, 'bin/kaohe.js'), 'eval', 's.kaohe', 'a.json'], 'eval');
    expect(ev.stderr).toBe('');
    expect(JSON.parse(ev.stdout)).toMatchObject({ subject: 'A1', grade: '合格' });
    const cases: [string[], string, RegExp][] = [
      [['serve', '--port', '0', '--db', 'x.db'], 'C', /^kaohe serve: the server's SQLite driver \(better-sqlite3, an optional dependency\) is not installed or not built for this Node: run `npm install better-sqlite3` \(it needs a prebuilt binary or a C\+\+ compiler\)\n$/],
      [['token', 'create', '--org', 'o', '--role', 'admin', '--db', 'x.db'], 'zh_CN.UTF-8', /^kaohe token：未安装服务端的 “SQLite” 驱动（“better-sqlite3”，可选依赖）.*`npm install better-sqlite3`.*\n$/],
      [['account', 'create', '--name', '张三', '--role', 'evaluator', '--db', 'x.db', '--lang', 'en'], 'C', /^kaohe account: the server's SQLite driver .*\n$/],
    ];
    for (const [args, lang, want] of cases) {
      const r = node([join(ROOT, 'bin/kaohe.js'), ...args], args[0], lang);
      expect(r.stderr, args[0]).toMatch(want);
      expect(r.stdout).toBe('');
      expect(r.status).toBe(2);
    }
  }, 240_000); // a hang guard: four children of up to 60 s each
});

describe('package.json', () => {
  it('lists better-sqlite3 as an optional dependency (installed by npm ci), in the lock file too', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.dependencies['better-sqlite3']).toBeUndefined();
    expect(pkg.optionalDependencies['better-sqlite3']).toMatch(/^\d+\.\d+\.\d+$/);
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
    expect(lock.packages[''].optionalDependencies['better-sqlite3']).toBe(pkg.optionalDependencies['better-sqlite3']);
    expect(lock.packages[''].dependencies['better-sqlite3']).toBeUndefined();
    expect(lock.packages['node_modules/better-sqlite3'].optional).toBe(true);
  });
});
