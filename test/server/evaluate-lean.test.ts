// The lean evaluate path (issue 16): what it skips must change no answer.
// - isPlainSingleBody (schemas.ts) lets the common body skip zod: it must never accept a body zod
//   refuses (fast-check over generated JSON bodies, read as the server reads them), and it must
//   recognize the common body.
// - The request reader's other shortcuts (no query string, a plain scheme id, no Idempotency-Key)
//   answer as zod did on each side of them.
// - The server evaluates on the engine's default path (no switch of its own: the compiled program
//   once that is the default) and answers the engine's own result.
// - Request log lines are written once per turn of the event loop, in order, and the last turn's
//   still reach stdout when the process dies of an uncaught error (log.ts).
// - A row and an answer written from UTF-8 bytes (the fast lane's body, the result encoded once) are
//   the row and the answer written from the text: the same TEXT values, the same answer bytes.

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codegenCounters, resetCounters } from '../../engine/codegen/index.js';
import * as engine from '../../engine/index.js';
import { parseJsonExact } from '../../engine/json-exact.js';
import { evaluateBodySchema, isPlainSingleBody } from '../../server/evaluations/schemas.js';
import { lineBuffer } from '../../server/log.js';
import { withEvaluationId, withEvaluationIdBytes } from '../../server/evaluations/idempotency.js';
import { insertEvaluation } from '../../server/evaluations/store.js';
import { call, enc, PROVINCE, PROVINCE_ID, publishedProvince, removeTempDirs, setup, singleCase, type Fixture } from './helpers.js';
import { RUN_BUILT } from '../built/index.js';
import { CHILD_FLAGS } from '../child-flags.js';

/** More evaluations of one plan than the engine makes before it compiles the plan (engine/batch.ts WARM_UP). */
const WARM = 40;

const zodAccepts = (v: unknown) => evaluateBodySchema(v).safeParse(v).success;

/** JSON texts of bodies near the common shape: the keys a body may have and some it may not, values
 * of every JSON kind, ids and periods around their length limits, lone surrogates, `__proto__` and
 * `constructor` keys, numbers a double does not carry (read as exact Rationals). */
const jsonValue = fc.oneof(
  fc.constantFrom('null', 'true', '1', '-0.5', '12345678901234567890', '1e400', '""', '"x"', '[]', '[1]', '{}', '{"a":1}', '{"__proto__":{}}', '{"constructor":1}', '"\\ud800"'),
  fc.string({ maxLength: 3 }).map((s) => JSON.stringify(s)),
);
const idValue = fc.oneof(
  jsonValue,
  fc.constantFrom('"A001"', '""', `"${'i'.repeat(200)}"`, `"${'i'.repeat(201)}"`, '"a\\ud800"', '"\\udc00b"', '"张三"'),
);
const periodValue = fc.oneof(jsonValue, fc.constantFrom('"2026"', '""', `"${'p'.repeat(100)}"`, `"${'p'.repeat(101)}"`));
const inputValue = fc.oneof(jsonValue, fc.constantFrom('{"岗位":"行政执法","缺勤天数":1}', '{"__proto__":1}', '{"constructor":{}}', '{"x":12345678901234567890}'));
const member = fc.oneof(
  idValue.map((v) => `"id":${v}`),
  inputValue.map((v) => `"input":${v}`),
  periodValue.map((v) => `"period":${v}`),
  jsonValue.map((v) => `"display":${v}`),
  jsonValue.map((v) => `"decision":${v}`),
  jsonValue.map((v) => `"subjects":${v}`),
  fc.constantFrom('"other":1', '"__proto__":{}', '"constructor":1', '"ID":"x"'),
);
const bodyText = fc.oneof(
  fc.array(member, { maxLength: 5 }).map((ms) => `{${ms.join(',')}}`),
  jsonValue,
);

describe('isPlainSingleBody', () => {
  it('accepts only bodies zod accepts', () => {
    fc.assert(
      fc.property(bodyText, (text) => {
        const value = parseJsonExact(text);
        if (isPlainSingleBody(value)) expect(zodAccepts(value), text).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('recognizes the common body, with and without a period', () => {
    const { subject } = singleCase();
    expect(isPlainSingleBody(parseJsonExact(JSON.stringify(subject)))).toBe(true);
    expect(isPlainSingleBody(parseJsonExact(JSON.stringify({ ...subject, period: '2026' })))).toBe(true);
  });

  it('leaves every edge to zod', () => {
    const cases = [
      '{"id":"","input":{}}', `{"id":"${'i'.repeat(201)}","input":{}}`, '{"id":"a\\ud800","input":{}}', '{"id":"a","input":[]}',
      '{"id":"a","input":{},"period":""}', '{"id":"a","input":{},"display":{}}', '{"id":"a","input":{},"__proto__":{}}',
      '{"id":"a","input":12345678901234567890}', '{"id":1,"input":{}}', '{"subjects":[]}',
    ];
    for (const text of cases) expect(isPlainSingleBody(parseJsonExact(text)), text).toBe(false);
  });
});

describe('the request reader around its shortcuts', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await setup();
    await publishedProvince(f);
  });
  afterAll(() => {
    f.close();
    removeTempDirs();
  });
  const S = `/api/schemes/${enc(PROVINCE_ID)}/evaluate`;
  const evaluate = (path: string, opts: { headers?: Record<string, string>; body?: unknown } = {}) =>
    call(f.app, 'POST', path, { token: f.tokens.A.evaluator, body: singleCase().subject, ...opts });

  it('evaluates without a query, with an empty one and with a real one', async () => {
    const plain = await evaluate(S);
    expect(plain.status).toBe(201);
    expect(plain.body.explain).toBeUndefined();
    expect((await evaluate(`${S}?`)).status).toBe(201);
    const explained = await evaluate(`${S}?explain=1`);
    expect(explained.status).toBe(201);
    expect(explained.body.explain).toBeTypeOf('object');
  });

  it('still refuses a bad query, path id, key or body with zod’s details', async () => {
    const bad = await evaluate(`${S}?version=x`);
    expect([bad.status, bad.body.error.code, bad.body.error.details[0].path]).toEqual([400, 'invalid_request', 'version']);
    const longId = await evaluate(`/api/schemes/${'s'.repeat(201)}/evaluate`);
    expect([longId.status, longId.body.error.code, longId.body.error.details[0].path]).toEqual([400, 'invalid_request', 'id']);
    const key = await evaluate(S, { headers: { 'idempotency-key': 'a b' } });
    expect([key.status, key.body.error.code]).toEqual([400, 'invalid_request']);
    const body = await evaluate(S, { body: { id: '', input: {} } });
    expect([body.status, body.body.error.code, body.body.error.details[0].path]).toEqual([400, 'invalid_request', 'id']);
  });

  it('evaluates on the engine’s default path (the compiled program once the default is compiled and the plan warm), with the engine’s own result', async () => {
    // The engine compiles a plan after a few evaluations of it (engine/batch.ts): warm both plans —
    // the server's stays in its prepared-scheme cache, so it is warmed and compiled once.
    const prepared = engine.prepare(PROVINCE()).value!;
    for (let i = 0; i < WARM; i++) await engine.evaluate(prepared, singleCase().subject!);
    for (let i = 0; i < WARM; i++) expect((await evaluate(S)).status).toBe(201);
    resetCounters();
    const direct = await engine.evaluate(prepared, singleCase().subject!);
    const directPath = { ...codegenCounters };
    resetCounters();
    const first = await evaluate(S);
    const second = await evaluate(S);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(codegenCounters.compiled).toBe(2 * directPath.compiled);
    expect(codegenCounters.bailed).toBe(2 * directPath.bailed);
    const { evaluationId, ...result } = second.body;
    expect(evaluationId).toMatch(/^ev_/);
    expect(JSON.stringify(result)).toBe(JSON.stringify(direct.ok && direct.value));
  });

  it('replays by a valid Idempotency-Key', async () => {
    const first = await evaluate(S, { headers: { 'idempotency-key': 'lean-1' } });
    const again = await evaluate(S, { headers: { 'idempotency-key': 'lean-1' } });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body.evaluationId).toBe(first.body.evaluationId);
  });

  it('stores a row from UTF-8 bytes exactly as from its text, and answers the same bytes', async () => {
    expect((await evaluate(S)).status).toBe(201);
    // The newest row (ids begin with their time): its version and token make the rows below valid.
    const last = (await f.store.get<{ version_id: number; hash: string; token_id: number }>('SELECT version_id, hash, token_id FROM evaluations ORDER BY id DESC LIMIT 1'))!;
    const input = '{"id":"张三 😀","input":{"岗位":"行政执法","x":"\\ud800"}}';
    const result = '{"总分":"95.5","等次":"优秀","note":"a\\"b"}';
    const row = { versionId: last.version_id, hash: last.hash, tokenId: last.token_id, kind: 'single' as const, subjectIds: ['张三 😀'], input, result, explain: false, lang: 'zh' as const };
    const fromText = (await insertEvaluation(f.store, row)).id;
    const fromBytes = (await insertEvaluation(f.store, { ...row, bytes: { input: Buffer.from(input), result: Buffer.from(result) } })).id;
    // The stored type and bytes of each column, in each dialect's words.
    const typeAndHex = f.store.dialect === 'sqlite'
      ? (c: string) => `typeof(${c}) AS "t${c[0]}", hex(${c}) AS "h${c[0]}"`
      : (c: string) => `pg_typeof(${c})::text AS "t${c[0]}", encode(convert_to(${c}, 'UTF8'), 'hex') AS "h${c[0]}"`;
    const read = (id: string) => f.store.get(`SELECT input, result, ${typeAndHex('input')}, ${typeAndHex('result')} FROM evaluations WHERE id = ?`, [id]);
    const [a, b] = [await read(fromText), await read(fromBytes)];
    expect(b).toEqual(a);
    expect(b).toMatchObject({ input, result, ti: 'text', tr: 'text' });
    for (const text of [result, '{}', ' { } ', '{"a":1} \n']) {
      expect(withEvaluationIdBytes(Buffer.from(text), text, 'ev_1').equals(Buffer.from(withEvaluationId(text, 'ev_1')))).toBe(true);
    }
  });
});

describe('lineBuffer', () => {
  it('writes a turn’s lines at once, in order, and the next turn’s apart', async () => {
    const writes: string[] = [];
    const lines = lineBuffer((t) => writes.push(t));
    lines.add('a\n');
    lines.add('b\n');
    expect(writes).toEqual([]);
    await new Promise((r) => setImmediate(r));
    lines.add('c\n');
    await new Promise((r) => setImmediate(r));
    expect(writes).toEqual(['a\nb\n', 'c\n']);
  });

  it('writes at once past 64 KiB, and on flush()', () => {
    const writes: string[] = [];
    const lines = lineBuffer((t) => writes.push(t));
    lines.add('x'.repeat(70_000));
    expect(writes.length).toBe(1);
    lines.add('y\n');
    lines.flush();
    expect(writes).toEqual(['x'.repeat(70_000), 'y\n']);
  });
});

describe('jsonLog', () => {
  it('writes the lines of the last turn when the process dies of an uncaught error', () => {
    const child = fileURLToPath(new URL('./log-exit-child.ts', import.meta.url));
    const r = spawnSync(process.execPath, [...CHILD_FLAGS, ...RUN_BUILT, child], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout.trim().split('\n').map((l) => JSON.parse(l).msg)).toEqual(['first', 'last words']);
  });
});
