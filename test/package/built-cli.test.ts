// The built package at run time (issue 16, deliver 2): `node bin/kaohe.js` runs dist/ with no
// TypeScript loader — no tsx module and no .ts file is ever resolved — and `kaohe check` loads the
// language only (no server, database, exceljs or zod); the language worker pool starts its workers
// from dist/ too. Every process here is a plain `node` with the loader-free environment of a user
// (NODE_OPTIONS removed); module hooks (fixtures/trace-loads.mjs) record what it resolved.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, isStale } from '../../bin/build.js';
import { CHILD_FLAGS } from '../child-flags.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TRACE = join(ROOT, 'test/package/fixtures/register-trace.mjs');
let dir: string;

beforeAll(async () => {
  await ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'kaohe-package-'));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `node …args` in the project with module resolution traced; its output and what it loaded. */
function node(args: string[], name: string) {
  const trace = join(dir, `${name}.loads`);
  writeFileSync(trace, '');
  const env: Record<string, string | undefined> = { ...process.env, KAOHE_TRACE_LOADS: trace, LANG: 'C', LC_ALL: undefined, LC_MESSAGES: undefined };
  delete env.NODE_OPTIONS;
  for (const k of Object.keys(env)) if (k.startsWith('VITEST') || k === 'TSX_TSCONFIG_PATH') delete env[k];
  const r = spawnSync(process.execPath, [...CHILD_FLAGS, '--import', TRACE, ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
  const loads = readFileSync(trace, 'utf8').split('\n').filter(Boolean);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, loads };
}

const fromPackage = (loads: string[], pkg: string) => loads.filter((u) => u.includes(`/node_modules/${pkg}/`));
const typescriptFiles = (loads: string[]) => loads.filter((u) => /\.(c|m)?tsx?$/.test(new URL(u).pathname));

describe('bin/kaohe.js runs the built code', () => {
  it('kaohe check reports a file’s diagnostics, with no tsx and no TypeScript file loaded', () => {
    const bad = join(dir, 'bad.kaohe');
    writeFileSync(bad, 'scheme x {\n  indicator a weight 100% = 1 +\n}\n');
    const r = node(['bin/kaohe.js', 'check', bad], 'check');
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(`${bad}:3:1: error KH-P001: expected a number, a percentage, a string, \`true\`, \`false\`, \`(\`, a name, \`min\` or … but found \`}\`\n`);
    expect(r.loads.some((u) => u.includes('/dist/bin/'))).toBe(true); // the trace works: it saw the bundle
    expect(fromPackage(r.loads, 'tsx')).toEqual([]);
    expect(typescriptFiles(r.loads)).toEqual([]);
  }, 120_000); // hang guards: each child allows 60 s (the 30 s default ran out on a loaded machine)

  it('kaohe check loads the language only: no server, database, spreadsheet or zod module', () => {
    const r = node(['bin/kaohe.js', 'check', 'schemes/province-annual.kaohe'], 'check-lazy');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('warning KH-C040');
    const packages = new Set(r.loads.flatMap((u) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1] ?? []));
    for (const heavy of ['hono', '@hono/node-server', '@hono/zod-openapi', 'drizzle-orm', 'better-sqlite3', 'exceljs', 'zod', 'json-rules-engine']) {
      expect(packages.has(heavy), heavy).toBe(false);
    }
  }, 120_000);

  it('a command that needs more (eval) works from the bundle too', () => {
    const input = join(dir, 'subject.json');
    writeFileSync(input, JSON.stringify({ id: 'A1', input: { 岗位: '受理', 窗口: 'w1', 办件量: 250, 满意度评价: { 群众: [90, 80], 同事: [85] }, 投诉次数: 1 } }));
    const scheme = join(dir, 'window.kaohe');
    writeFileSync(scheme, WINDOW_SCHEME);
    const r = node(['bin/kaohe.js', 'eval', scheme, input], 'eval');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const result = JSON.parse(r.stdout) as { subject: string; score: number; grade: string };
    expect(result).toMatchObject({ subject: 'A1' });
    expect(typeof result.score).toBe('number');
    expect(fromPackage(r.loads, 'tsx')).toEqual([]);
    expect(typescriptFiles(r.loads)).toEqual([]);
  }, 120_000);
});

describe('dist/ is rebuilt when a source is newer', () => {
  it('a touched source makes the build stale, and ensureBuilt rebuilds it (the CLI bundle too)', async () => {
    const source = join(ROOT, 'index.ts');
    const bundle = join(ROOT, 'dist/bin/main.js');
    await ensureBuilt(); // sources others edit meanwhile are built first
    const before = statSync(bundle).mtimeMs;
    const was = statSync(source);
    const now = Date.now() / 1000;
    utimesSync(source, now, now); // edited now, after the last build started
    try {
      expect(isStale('js')).toBe(true);
      expect(await ensureBuilt()).toEqual(['js']);
      expect(isStale('js')).toBe(false);
      expect(statSync(bundle).mtimeMs).toBeGreaterThan(before);
    } finally {
      // The file's own time back: the declarations (not rebuilt here) stay as fresh as they were, so
      // the tests that need them (typed-api, result-types, pack) do not rebuild them (tsc, ≈ 10 s CPU).
      utimesSync(source, was.atime, was.mtime);
    }
  }, 300_000); // a hang guard: up to two builds (passed 120 s at load 25 in session 7)
});

describe('the language workers start from dist/', () => {
  it('a WorkerPool of the built server answers an analyze job from the built worker, without tsx', () => {
    const script = join(dir, 'pool.mjs');
    writeFileSync(script, `
      const { WorkerPool } = await import(${JSON.stringify(join(ROOT, 'dist/server/lang-pool/pool.js'))});
      const { workerScript } = await import(${JSON.stringify(join(ROOT, 'dist/server/lang-pool/script.js'))});
      const pool = new WorkerPool({ size: 1 });
      const result = await pool.run({ kind: 'analyze', source: 'scheme x {\\n  indicator a weight 100% = 1 +\\n}\\n' }, 60000);
      console.log(JSON.stringify({ script: (await workerScript()).href, codes: result.diagnostics.map((d) => d.code) }));
      await pool.close();
    `);
    const r = node([script], 'pool');
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { script: string; codes: string[] };
    expect(out.script).toBe(new URL('dist/server/lang-pool/worker.js', `file://${ROOT}`).href);
    expect(out.codes).toEqual(['KH-P001']);
    expect(fromPackage(r.loads, 'tsx')).toEqual([]);
    expect(typescriptFiles(r.loads)).toEqual([]);
    // The worker is one built module: nothing in it registers a TypeScript loader.
    expect(readFileSync(join(ROOT, 'dist/server/lang-pool/worker.js'), 'utf8')).not.toMatch(/from ["']tsx|tsx\/esm/);
  }, 120_000);
});

const WINDOW_SCHEME = `scheme 窗口季度考核 "窗口单位工作人员季度考核" {
  version "2026.Q1"
  precision 2
  cohort by 窗口
  enum 岗位 { 受理, 审批 }
  panel 服务评价 { 群众 weight 60%  同事 weight 40% }
  input {
    岗位: 岗位
    窗口: text
    办件量: integer >= 0
    满意度评价: ratings of 服务评价
    投诉次数: integer >= 0 = 0
  }
  group 共性指标 weight 40% {
    indicator 服务态度 weight 100% = rate 满意度评价
  }
  group 个性指标 weight 60% {
    when 岗位 == 受理 { indicator 办件效率 weight 100% = linear 办件量 { 0 => 60, 500 => 100 } }
    when 岗位 == 审批 { indicator 审批时效 weight 100% = bands 办件量 { >= 300: 100, >= 100: 80, else: 60 } }
  }
  negative 扣分 { item 投诉 when 投诉次数 > 0 => deduct 2 per 投诉次数 max 6 }
  grades {
    优秀 when score >= 90
    称职 when score >= 70
    基本称职 when score >= 60
    不称职 otherwise
  }
}
`;
