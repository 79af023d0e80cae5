// The spec examples' *.cases.json through the compiled path, the CLI and the server (issue 16).
// test/engine/conformance.test.ts checks every expected value with each backend as a row; here:
// - engine: each case through `backend: 'compiled'` gives the closures' result JSON, and the codegen
//   counters show the valid single cases were compiled (not bailed) once engine/codegen exists; with
//   the json-rules-engine runtime the compiled backend runs closures (the contract);
// - CLI: `kaohe eval --backend compiled` prints what `--backend closures` prints and what the engine
//   gives, and the counters show the compiled engine ran;
// - server: POST /api/schemes/:id/evaluate answers the engine's result (its default backend), and the
//   counters move as they do for the engine's default.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { SubjectResult } from '../../engine/api.js';
import { evaluate, evaluateCohort } from '../../engine/index.js';
import { run as evalCmd } from '../../cli/commands/eval.js';
import { memoryIO } from '../memory-io.js';
import { EXAMPLES, exampleNames, loadCases, loadExample, type Case } from '../engine/helpers.js';
import { call, enc, setup, type Fixture } from '../server/helpers.js';
import { codegen, counted, planOf, snapshot, type MatrixOptions } from './corpus.js';

const cg = await codegen();

/** A case's subject(s) through the engine with `opts`, as JSON text. */
async function viaEngine(name: string, c: Case, opts: MatrixOptions): Promise<string> {
  const { scheme } = loadExample(name);
  return JSON.stringify(c.subjects ? await evaluateCohort(scheme, c.subjects, opts) : await evaluate(scheme, c.subject!, opts));
}

const cases = exampleNames().flatMap((name) => loadCases(name).map((c) => ({ name, c })));

describe('conformance cases through the compiled path', () => {
  for (const { name, c } of cases) {
    it(`${name}: ${c.name}`, async () => {
      const before = snapshot(cg);
      const compiled = await viaEngine(name, c, { backend: 'compiled', lang: 'zh' });
      const moved = counted(cg, before);
      expect(compiled).toBe(await viaEngine(name, c, { backend: 'closures', lang: 'zh' }));
      const supported = !!cg?.compileJs(planOf(loadExample(name).scheme)).program;
      if (supported && c.subject && c.expect) expect(moved, 'a valid single case runs compiled').toMatchObject({ compiled: 1, bailed: 0 });
      if (supported && c.expectErrors) expect(moved.compiled, 'an invalid case falls back').toBe(0);
    });
  }

  it('json-rules-engine always runs on closures, explain may: same results, never counted compiled', async () => {
    for (const { name, c } of cases) {
      const want = await viaEngine(name, c, { backend: 'closures', rulesRuntime: 'jre', explain: true });
      const before = snapshot(cg);
      expect(await viaEngine(name, c, { backend: 'compiled', rulesRuntime: 'jre', explain: true }), `${name}: ${c.name}`).toBe(want);
      expect(counted(cg, before).compiled).toBe(0);
    }
  });
});

// ---- the CLI

const inputText = (c: Case) => JSON.stringify(c.subjects ? { subjects: c.subjects } : c.subject);

async function cli(name: string, c: Case, backend: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = memoryIO({ 'in.json': inputText(c) }, { disk: true });
  const code = await evalCmd([join(EXAMPLES, `${name}.kaohe`), 'in.json', '--lang', 'zh', '--backend', backend], io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

describe('conformance cases through `kaohe eval --backend compiled`', () => {
  for (const { name, c } of cases) {
    it(`${name}: ${c.name}`, async () => {
      const before = snapshot(cg);
      const compiled = await cli(name, c, 'compiled');
      const moved = counted(cg, before);
      const closures = await cli(name, c, 'closures');
      expect(compiled).toEqual(closures);
      // --backend compiled reaches the compiled engine: a valid single case of a scheme it compiles runs there.
      if (c.subject && c.expect && cg?.compileJs(planOf(loadExample(name).scheme)).program) expect(moved.compiled, JSON.stringify(moved)).toBe(1);
      expect(compiled.code).toBe(c.expectErrors ? 1 : 0);
      if (compiled.code === 0) {
        const engine = JSON.parse(await viaEngine(name, c, { backend: 'closures', lang: 'zh' })) as { value: SubjectResult };
        expect(JSON.stringify(JSON.parse(compiled.stdout))).toBe(JSON.stringify(engine.value));
      } else {
        const paths = (JSON.parse(compiled.stdout) as { errors: { path: string }[] }).errors.map((e) => e.path);
        for (const p of c.expectErrors!) expect(paths).toContain(p);
      }
    });
  }
});

// ---- the server

describe('conformance cases through the server (its default engine)', () => {
  let f: Fixture;
  const ids = new Map<string, string>();
  beforeAll(async () => {
    f = await setup();
    for (const name of exampleNames()) {
      const { scheme, source } = loadExample(name);
      const created = await call(f.app, 'POST', '/api/schemes', { token: f.tokens.A.author, body: { source } });
      if (created.status !== 201) throw new Error(`create ${name}: ${created.status} ${created.text}`);
      const pub = await call(f.app, 'POST', `/api/schemes/${enc(scheme.id)}/publish`, { token: f.tokens.A.author });
      if (pub.status !== 200) throw new Error(`publish ${name}: ${pub.status} ${pub.text}`);
      ids.set(name, scheme.id);
    }
  }, 120_000); // three schemes created and published: slow on a loaded machine
  afterAll(() => f?.close());

  for (const { name, c } of cases) {
    it(`${name}: ${c.name}`, async () => {
      const body = c.subjects ? { subjects: c.subjects } : c.subject;
      // The engine with no backend named: the default the server must use.
      const engineBefore = snapshot(cg);
      const engine = JSON.parse(await viaEngine(name, c, {})) as { ok: boolean; value: unknown };
      const engineMoved = counted(cg, engineBefore);
      const before = snapshot(cg);
      const r = await call(f.app, 'POST', `/api/schemes/${enc(ids.get(name)!)}/evaluate`, { token: f.tokens.A.evaluator, body, headers: { 'accept-language': 'en' } });
      const moved = counted(cg, before);
      if (c.expectErrors) {
        expect(r.status, r.text).toBe(422);
        const paths = (r.body.error.details as { path?: string }[]).map((d) => d.path);
        for (const p of c.expectErrors) expect(paths.some((x) => x === p || x?.endsWith(`.${p}`)), `an error at ${p}: ${r.text.slice(0, 300)}`).toBe(true);
      } else {
        expect(r.status, r.text).toBe(201);
        const { evaluationId: _id, ...result } = r.body as Record<string, unknown>;
        expect(JSON.stringify(result)).toBe(JSON.stringify(engine.value));
      }
      expect(moved.compiled, 'the server takes the engine default path').toBe(engineMoved.compiled);
    });
  }
});
