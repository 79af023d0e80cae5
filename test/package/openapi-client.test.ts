// A client generated from the server's OpenAPI document (GET /api/openapi.json) with
// openapi-typescript sees every field of a result (issue 16, deliver 2): the evaluate response, a
// cohort's members and a stored evaluation's result carry the result schemas of
// engine/result-schema.ts — score, grade, indicators… — with real types (an explanation's values
// too: OpenAPI 3.0 has no null type, and the null of TraceValue used to make clients read `unknown`).
// The generated types and a consumer are type-checked with tsc; a consumer reading a field the
// result does not have is refused. Both consumers are files of one tsc program (one tsc child); each
// test reads its file's diagnostics.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, removeTempDirs, setup, type Fixture } from '../server/helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let dir: string;
let f: Fixture;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kaohe-openapi-client-'));
  f = await setup();
  const doc = (await call(f.app, 'GET', '/api/openapi.json')).body;
  writeFileSync(join(dir, 'openapi.json'), JSON.stringify(doc));
  const gen = spawnSync(process.execPath, [join(ROOT, 'node_modules/openapi-typescript/bin/cli.js'), 'openapi.json', '-o', 'api.d.ts'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  if (gen.status !== 0) throw new Error(`openapi-typescript: ${gen.stderr}`);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'client', type: 'module', private: true }));
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, types: [] },
  }));
}, 180_000);
afterAll(() => { f.close(); removeTempDirs(); rmSync(dir, { recursive: true, force: true }); });

const CLIENT = `
import type { components, paths } from './api.js';

type Evaluated = paths['/api/schemes/{id}/evaluate']['post']['responses'][201]['content']['application/json'];
declare const r: Evaluated;
if ('results' in r) {
  const member: number = r.results[0].score;
  const grade: string | null = r.results[0].grade;
} else {
  const score: number = r.indicators[0].score;
  const grade: string | null = r.grade;
  const points: number = r.groups[0].points;
  const id: string = r.evaluationId;
}
type Stored = paths['/api/evaluations/{id}']['get']['responses'][200]['content']['application/json'];
declare const stored: Stored;
const result = stored.result;
if (!('results' in result)) { const weight: number = result.indicators[0].weight; }
declare const value: components['schemas']['TraceValue'];
const shown: number | string | boolean | null | readonly unknown[] = value;
export {};
`;

/** The consumer reading a field the result does not have, and taking a TraceValue for something else. */
const WRONG = CLIENT.replace('r.indicators[0].score', 'r.indicators[0].scor').replace('const shown: number | string | boolean | null | readonly unknown[] = value;', 'const shown: { no: true } = value;');

/** tsc on client.ts and wrong.ts as one program (with api.d.ts); its output, read per file by the tests. */
let checked: { status: number | null; stdout: string; stderr: string } | undefined;
function tscOnce() {
  if (checked) return checked;
  writeFileSync(join(dir, 'client.ts'), CLIENT);
  writeFileSync(join(dir, 'wrong.ts'), WRONG);
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', dir], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  return (checked = { status: r.status, stdout: r.stdout, stderr: r.stderr });
}

describe('a client generated from /api/openapi.json', () => {
  it('has the result schema with its fields', () => {
    const api = readFileSync(join(dir, 'api.d.ts'), 'utf8');
    const subject = /\n {8}SubjectResult: \{([\s\S]*?)\n {8}\};/.exec(api)?.[1] ?? '';
    for (const field of ['score: number;', 'grade: string | null;', 'indicators: components["schemas"]["IndicatorResult"][];', 'groups:', 'gradeReasons: string[];']) {
      expect(subject, field).toContain(field);
    }
    expect(api).toContain('TraceValue: (number | string | boolean | ((number | string | boolean | unknown[]) | null)[]) | null;');
  });

  it('type-checks a client reading score, grade and indicators of the evaluate and stored-evaluation responses', () => {
    const r = tscOnce();
    expect(r.stderr).toBe('');
    // Nothing but the refusals of wrong.ts (tested below): client.ts and api.d.ts type-check.
    expect(r.stdout.split('\n').filter((l) => l && !/^ /.test(l) && !/^wrong\.ts\(\d+,\d+\): error TS/.test(l))).toEqual([]);
  }, 120_000);

  it('refuses a client reading a field the result does not have, or taking a value for something else', () => {
    expect(WRONG).not.toBe(CLIENT);
    const r = tscOnce();
    expect(r.status).not.toBe(0);
    expect(r.stdout).toMatch(/wrong\.ts\(\d+,\d+\): error TS2551: Property 'scor' does not exist on type '.*'\. Did you mean 'score'\?/);
    expect(r.stdout).toMatch(/wrong\.ts\(\d+,\d+\): error TS2322: Type .* is not assignable to type '\{ no: true; \}'/);
  }, 120_000);
});
