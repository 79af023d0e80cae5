// Resource limits of the server (server/limits.ts, issue 10): the source cap on every route that
// takes a source, capped lists of problems in every response, the byte-bounded caches that never
// keep a failure, the language workers (a budget per job) and the cohort's time budget. Measured in
// limits.measure.test.ts (`npm run test:differential`): the prepared cache's bytes per character and
// /healthz's wait while junk is checked.

import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateScheme } from '../../bench/gen-scheme.js';
import { run as serve } from '../../cli/commands/serve.js';
import type { Diagnostic } from '../../dsl/diagnostics.js';
import type { EngineApi, ExampleOutcome } from '../../engine/api.js';
import { SnapshotCache } from '../../server/db/snapshot-cache.js';
import { engine as realEngine } from '../../server/default-engine.js';
import { lang as realLang } from '../../server/default-lang.js';
import type { LanguageApi } from '../../server/deps.js';
import { WorkerPool } from '../../server/lang-pool/pool.js';
import { PreparedCache, preparedBytes } from '../../server/prepared.js';
import { call, cohortCase, enc, type Fixture, PROVINCE, PROVINCE_ID, publishedProvince, setup, rowsIn } from './helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const S = `/api/schemes/${enc(PROVINCE_ID)}`;

/** The source of issue 10: 900,000 stray `@`, under a new name each time. */
const junk = (k: number, reps = 900_000) => `scheme 垃圾${k} { ` + '@ '.repeat(reps) + '}';

/** `n` diagnostics, warnings but for one error at `errorAt`. */
function many(n: number, errorAt = n - 1): Diagnostic[] {
  return Array.from({ length: n }, (_, i) => ({
    code: i === errorAt ? 'KH-C001' : 'KH-C014',
    severity: i === errorAt ? ('error' as const) : ('warning' as const),
    message: `problem ${i}`,
    span: { start: i, end: i + 1 },
    range: { start: { line: i + 1, column: 1 }, end: { line: i + 1, column: 2 } },
  }));
}

const evaluations = (f: Fixture) => rowsIn(f, 'evaluations');

describe('the source cap', () => {
  let f: Fixture;
  const limit = Buffer.byteLength(PROVINCE());
  beforeAll(async () => {
    f = await setup({ maxSourceBytes: limit });
    await publishedProvince(f);
  });
  afterAll(() => f.close());

  const over = () => PROVINCE() + ' ';
  const routes: [string, string, string, () => Record<string, unknown>][] = [
    ['check', 'POST', '/api/check', () => ({ source: over() })],
    ['format', 'POST', '/api/format', () => ({ source: over() })],
    ['examples', 'POST', '/api/examples', () => ({ source: over() })],
    ['create', 'POST', '/api/schemes', () => ({ source: over() })],
    ['draft', 'PUT', `${S}/draft`, () => ({ source: over() })],
  ];

  it.each(routes)('%s: a source one byte over the limit is 413 source_too_large naming the limit', async (_name, method, path, body) => {
    const r = await call(f.app, method, path, { token: f.tokens.A.author, body: body() });
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('source_too_large');
    expect(r.body.error.details[0]).toMatchObject({ path: 'source', limit, bytes: limit + 1 });
    expect(r.body.error.message).toContain(String(limit));
  });

  it('a source of exactly the limit is accepted', async () => {
    expect((await call(f.app, 'POST', '/api/check', { token: f.tokens.A.author, body: { source: PROVINCE() } })).status).toBe(200);
  });

  it('counts UTF-8 bytes, as stored, not UTF-16 units', async () => {
    const g = await setup({ maxSourceBytes: 30 });
    const cjk = 'scheme 方案 { input { 甲: number } }'; // 33 UTF-16 units would pass a count of units…
    const ascii = 'scheme x { input { a: number } }';
    expect(Buffer.byteLength(cjk)).toBeGreaterThan(30);
    expect((await call(g.app, 'POST', '/api/check', { token: g.tokens.A.author, body: { source: cjk } })).status).toBe(413);
    expect((await call(g.app, 'POST', '/api/check', { token: g.tokens.A.author, body: { source: ascii.slice(0, 30) } })).status).toBe(200);
    g.close();
  });

  it('by default refuses the 1.8 MB junk source and admits the 1.09 MB scheme of 10,000 indicators', async () => {
    const g = await setup();
    const r = await call(g.app, 'POST', '/api/examples', { token: g.tokens.A.author, body: { source: junk(1) } });
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('source_too_large');
    const big = generateScheme(10000);
    expect(Buffer.byteLength(big)).toBeGreaterThan(1_000_000);
    const ok = await call(g.app, 'POST', '/api/check', { token: g.tokens.A.author, body: { source: big } });
    expect(ok.status).toBe(200);
    expect(ok.body.diagnostics.filter((d: Diagnostic) => d.severity === 'error')).toEqual([]);
    g.close();
  });

  it('kaohe serve refuses a --max-source-bytes that is not a positive integer', async () => {
    for (const v of ['abc', '0', '-5', '1.5']) {
      let stderr = '';
      const io = { out: () => {}, err: (t: string) => void (stderr += t), read: () => '', cwd: ROOT };
      expect(await serve(['--max-source-bytes', v], io)).toBe(2);
      expect(stderr).toMatch(/--max-source-bytes/);
    }
  });
});

describe('every list of problems in a response is capped', () => {
  // A language and an engine that report 5,000 problems, the one error last: the DSL caps its own
  // diagnostics, the server must not depend on it.
  const lang: LanguageApi = {
    analyze: (source) => ({ schemeName: realLang.analyze(source).schemeName, diagnostics: many(5000) }),
    format: () => ({ diagnostics: many(5000) }),
  };
  let failPrepare = false;
  let outcomes: ExampleOutcome[] | undefined;
  const engine: EngineApi = {
    ...realEngine,
    prepare: (source, path) => {
      const p = realEngine.prepare(source, path);
      const errors = many(5000).map((d) => ({ ...d, severity: 'error' as const }));
      return failPrepare ? { diagnostics: errors } : { value: p.value, diagnostics: many(5000, -1) };
    },
    runExamples: async (s) => outcomes ?? realEngine.runExamples(s),
  };
  let f: Fixture;
  beforeAll(async () => {
    f = await setup({ lang, engine });
  });
  afterAll(() => f.close());
  const author = () => f.tokens.A.author;

  const expectCapped = (body: { diagnostics: Diagnostic[]; omitted?: number }, withError = true) => {
    expect(body.diagnostics).toHaveLength(1000);
    expect(body.omitted).toBe(4000);
    // Errors are kept first: the one error, the last of 5,000, is still listed.
    expect(body.diagnostics.some((d) => d.severity === 'error')).toBe(withError);
  };

  it('check: 1,000 diagnostics and `omitted`', async () => {
    const r = await call(f.app, 'POST', '/api/check', { token: author(), body: { source: PROVINCE() } });
    expect(r.status).toBe(200);
    expectCapped(r.body);
  });

  it('create and draft', async () => {
    const created = await call(f.app, 'POST', '/api/schemes', { token: author(), body: { source: PROVINCE() } });
    expect(created.status).toBe(201);
    expectCapped(created.body);
    const draft = await call(f.app, 'PUT', `${S}/draft`, { token: author(), body: { source: PROVINCE() + '\n' } });
    expect(draft.status).toBe(200);
    expectCapped(draft.body);
  });

  it('publish: the warnings of a clean draft', async () => {
    const r = await call(f.app, 'POST', `${S}/publish`, { token: author() });
    expect(r.status, r.text.slice(0, 200)).toBe(200);
    expectCapped(r.body, false);
  });

  it('422 details of format, examples, publish and a renamed draft: 999, the error among them, and one entry counting the rest', async () => {
    const expectDetails = (r: { status: number; body: any }) => {
      expect(r.status).toBe(422);
      expect(r.body.error.details).toHaveLength(1000);
      expect(r.body.error.details.at(-1)).toMatchObject({ omitted: 4001 });
      expect(r.body.error.details.some((d: Diagnostic) => d.severity === 'error')).toBe(true);
    };
    expectDetails(await call(f.app, 'POST', '/api/format', { token: author(), body: { source: PROVINCE() } }));
    expectDetails(await call(f.app, 'PUT', `${S}/draft`, { token: author(), body: { source: PROVINCE().replace(PROVINCE_ID, '改名') } }));
    failPrepare = true;
    try {
      expectDetails(await call(f.app, 'POST', '/api/examples', { token: author(), body: { source: PROVINCE() } }));
      await call(f.app, 'PUT', `${S}/draft`, { token: author(), body: { source: PROVINCE() + '\n\n' } });
      expectDetails(await call(f.app, 'POST', `${S}/publish`, { token: author() }));
    } finally {
      failPrepare = false;
    }
  });

  it('examples: 1,000 outcomes, failing ones kept, and `omitted`', async () => {
    const failure = { expect: 'score == 1', line: 1, message: 'no' };
    outcomes = Array.from({ length: 1500 }, (_, i) => ({
      name: `例${i}`, line: i + 1, passed: i < 1400, failures: i < 1400 ? [] : Array.from({ length: 1200 }, () => failure),
    }));
    try {
      const r = await call(f.app, 'POST', '/api/examples', { token: author(), body: { source: PROVINCE() } });
      expect(r.status).toBe(200);
      expect(r.body.examples).toHaveLength(1000);
      expect(r.body.omitted).toBe(500);
      const failing = r.body.examples.filter((o: ExampleOutcome) => !o.passed);
      expect(failing).toHaveLength(100);
      expect(failing[0].failures).toHaveLength(1000);
      expect(failing[0].omitted).toBe(200);
    } finally {
      outcomes = undefined;
    }
  });

  it('the OpenAPI document declares the caps', async () => {
    const doc = (await call(f.app, 'GET', '/api/openapi.json')).body;
    const schema = doc.paths['/api/check'].post.responses['200'].content['application/json'].schema;
    expect(Object.keys(schema.properties)).toEqual(['diagnostics', 'omitted']);
    expect(doc.components.schemas.DraftResult.properties).toHaveProperty('omitted');
    expect(doc.components.schemas.PublishResult.properties).toHaveProperty('omitted');
  });
});

describe('the prepared-scheme cache', () => {
  /** An engine whose prepare counts its calls; sources containing `@` fail. */
  function countingEngine() {
    const calls: string[] = [];
    const engine = {
      ...realEngine,
      prepare(source: string) {
        calls.push(source);
        return source.includes('@')
          ? { diagnostics: many(3) }
          : { value: { id: 'x', hash: 'h', inputFields: [] }, diagnostics: [] };
      },
    } as EngineApi;
    return { engine, calls };
  }

  it('never keeps a failed preparation', () => {
    const { engine, calls } = countingEngine();
    const cache = new PreparedCache();
    const bad = 'scheme x { @ }';
    expect(cache.get(engine, bad).value).toBeUndefined();
    expect(cache.get(engine, bad).value).toBeUndefined();
    expect(calls).toEqual([bad, bad]);
    expect(cache.size).toBe(0);
    expect(cache.bytes).toBe(0);
  });

  it('is bounded by estimated bytes, least recently used first', () => {
    const { engine, calls } = countingEngine();
    const src = (c: string) => c.repeat(1000);
    const cache = new PreparedCache(Math.floor(preparedBytes(1000) * 2.5));
    cache.get(engine, src('a'));
    cache.get(engine, src('b'));
    cache.get(engine, src('a')); // a is now the most recent
    cache.get(engine, src('c')); // evicts b
    expect(cache.size).toBe(2);
    expect(cache.bytes).toBe(preparedBytes(1000) * 2);
    cache.get(engine, src('a'));
    cache.get(engine, src('b'));
    expect(calls).toEqual([src('a'), src('b'), src('c'), src('b')]);
    cache.get(engine, src('x').repeat(3)); // larger than the whole cache: answered, not kept
    expect(cache.bytes).toBeLessThanOrEqual(Math.floor(preparedBytes(1000) * 2.5));
  });
  // Its bytes per source character, measured with --expose-gc: limits.measure.test.ts.
});

describe('the snapshot cache', () => {
  it('is bounded by estimated bytes', async () => {
    const f = await setup();
    const cache = new SnapshotCache(f.store, 10_000);
    await cache.refresh();
    for (let i = 0; i < 200; i++) await cache.get(`key ${i}`, async () => ({ id: i, name: 'x'.repeat(100) }));
    expect(cache.bytes).toBeGreaterThan(0);
    expect(cache.bytes).toBeLessThanOrEqual(10_000);
    expect(await cache.get('huge', async () => 'y'.repeat(20_000))).toHaveLength(20_000); // answered, not kept
    expect(cache.bytes).toBeLessThanOrEqual(10_000);
    f.close();
  });
});

describe('language work runs in worker threads', () => {
  // /healthz answering while junk is checked (a median wait): limits.measure.test.ts.
  it('a job that overruns its budget is stopped: 503 budget_exceeded, and the next job runs', async () => {
    const f = await setup({ langWorkers: 1, langBudgetMs: 50 });
    const author = f.tokens.A.author;
    const t = performance.now();
    const r = await call(f.app, 'POST', '/api/check', { token: author, body: { source: generateScheme(10000) } });
    expect(r.status).toBe(503);
    expect(r.body.error.code).toBe('budget_exceeded');
    expect(r.body.error.details[0]).toMatchObject({ budgetMs: 50 });
    expect(performance.now() - t).toBeLessThan(15_000); // a worker start, then 50 ms, not the whole check
    const next = await call(f.app, 'POST', '/api/check', { token: author, body: { source: 'scheme 小 { }' } });
    expect(next.status).toBe(200);
    f.close();
  });

  it('a full queue refuses at once: 503 busy', async () => {
    const pool = new WorkerPool({ size: 1, maxQueue: 1 });
    const outcome = (p: Promise<unknown>) => p.then(() => 'ok', (e: { status?: number; code?: string }) => `${e.status} ${e.code}`);
    const first = outcome(pool.run({ kind: 'analyze', source: 'scheme 小 { }' }, 10_000)); // waits for the worker to start
    const more = await Promise.all([1, 2].map(() => outcome(pool.run({ kind: 'analyze', source: 'scheme 小 { }' }, 10_000))));
    expect(more).toEqual(['503 busy', '503 busy']);
    await pool.close();
    expect(await first).toBe('undefined undefined'); // refused by close(), not answered
  });

  it('a job that waits too long for a worker is refused: 503 busy', async () => {
    const pool = new WorkerPool({ size: 1, maxWaitMs: 50 }); // a worker takes far longer to start
    const e = await pool.run({ kind: 'analyze', source: 'scheme 小 { }' }, 10_000).catch((x: { status?: number; code?: string }) => x);
    expect(e).toMatchObject({ status: 503, code: 'busy' });
    await pool.close();
  });
});

describe('evaluating a draft', () => {
  it('a draft with errors is refused after an analysis in a worker, never prepared on the event loop', async () => {
    const prepared: string[] = [];
    const counting: EngineApi = { ...realEngine, prepare: (source, path) => (prepared.push(source), realEngine.prepare(source, path)) };
    const f = await setup({ engine: counting, langWorkers: 1 });
    await publishedProvince(f);
    const source = PROVINCE() + '\n@ @ @\n';
    const draft = await call(f.app, 'PUT', `${S}/draft`, { token: f.tokens.A.author, body: { source } });
    expect(draft.status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const r = await call(f.app, 'POST', `${S}/evaluate?version=draft`, { token: f.tokens.A.author, body: cohortCase().subjects![0] });
      expect(r.status).toBe(422);
      expect(r.body.error.code).toBe('invalid_scheme');
      expect(r.body.error.details.length).toBeGreaterThan(0);
    }
    expect(prepared).not.toContain(source);
    // A clean draft is prepared here once, then cached.
    await call(f.app, 'PUT', `${S}/draft`, { token: f.tokens.A.author, body: { source: PROVINCE() + '\n' } });
    for (let i = 0; i < 2; i++) {
      const r = await call(f.app, 'POST', `${S}/evaluate?version=draft`, { token: f.tokens.A.author, body: cohortCase().subjects![0] });
      expect(r.status, r.text.slice(0, 200)).toBe(201);
    }
    expect(prepared.filter((s) => s === PROVINCE() + '\n')).toHaveLength(1);
    f.close();
  });
});

describe('the cohort time budget', () => {
  const subjects = (n: number) => {
    const base = cohortCase().subjects!;
    return Array.from({ length: n }, (_, i) => ({ ...base[i % base.length], id: `S${i}` }));
  };

  it('a cohort over its budget is 503 budget_exceeded and nothing is stored', async () => {
    const f = await setup({ cohortMaxMs: 1 });
    await publishedProvince(f);
    const before = await evaluations(f);
    const r = await call(f.app, 'POST', `${S}/evaluate`, { token: f.tokens.A.evaluator, body: { subjects: subjects(300) } });
    expect(r.status).toBe(503);
    expect(r.body.error.code).toBe('budget_exceeded');
    expect(r.body.error.details[0]).toMatchObject({ path: 'subjects', subjects: 300 });
    expect(await evaluations(f)).toBe(before);
    f.close();
  });

  it('a cohort of more subjects than maxCohortSubjects is 413 cohort_too_large before anything runs', async () => {
    const f = await setup({ maxCohortSubjects: 299 });
    await publishedProvince(f);
    const r = await call(f.app, 'POST', `${S}/evaluate`, { token: f.tokens.A.evaluator, body: { subjects: subjects(300) } });
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('cohort_too_large');
    expect(r.body.error.details[0]).toMatchObject({ path: 'subjects', subjects: 300, limit: 299 });
    expect(await evaluations(f)).toBe(0);
    const ok = await call(f.app, 'POST', `${S}/evaluate`, { token: f.tokens.A.evaluator, body: { subjects: subjects(299) } });
    expect(ok.status, ok.text.slice(0, 300)).toBe(201);
    f.close();
  });

  it('the same cohort within the default budget is evaluated', async () => {
    const f = await setup();
    await publishedProvince(f);
    const r = await call(f.app, 'POST', `${S}/evaluate`, { token: f.tokens.A.evaluator, body: { subjects: subjects(300) } });
    expect(r.status, r.text.slice(0, 300)).toBe(201);
    f.close();
  });

  it('stops between two subjects, not after the whole cohort', async () => {
    // An engine that spends 20 ms on every subject it reads: 50 subjects would take a second.
    let read = 0;
    const slow: EngineApi = {
      ...realEngine,
      async evaluateCohort(s, list, opts) {
        for (let i = 0; i < list.length; i++) {
          void list[i];
          read++;
          const until = performance.now() + 20;
          while (performance.now() < until);
        }
        return realEngine.evaluateCohort(s, list, opts);
      },
    };
    const f = await setup({ engine: slow, cohortMaxMs: 100 });
    await publishedProvince(f);
    const r = await call(f.app, 'POST', `${S}/evaluate`, { token: f.tokens.A.evaluator, body: { subjects: subjects(50) } });
    expect(r.status).toBe(503);
    expect(r.body.error.code).toBe('budget_exceeded');
    expect(read).toBeLessThan(15);
    expect(await evaluations(f)).toBe(0);
    f.close();
  });
});
