// Hostile H5 F9: a long scheme not in the prepared cache is prepared — and its request evaluated —
// in a language worker, never on the event loop (server/prepared.ts preparesOnLoop, server/
// evaluations/cohort-job.ts); and one organization cannot evict everyone's prepared schemes
// (OWNER_SHARE). Checked with the province scheme counted as long (mainPrepareMaxChars below its
// length) and a real worker: the event loop's engine never prepares it, and every answer — single,
// explained in Chinese, a small cohort, invalid input, a draft with errors, a replay — is byte for byte the answer of an
// app that prepares it on the loop as before.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineApi } from '../../engine/api.js';
import { engine as realEngine } from '../../server/default-engine.js';
import { OWNER_SHARE, PreparedCache, preparedBytes, sourceHash as hashOf } from '../../server/prepared.js';
import { call, cohortCase, enc, invalidCase, PROVINCE, PROVINCE_ID, publishedProvince, removeTempDirs, setup, singleCase, type Fixture } from './helpers.js';

let offLoop: Fixture, onLoop: Fixture;
/** Source lengths the event loop's engine of `offLoop` prepared. */
const prepared: number[] = [];

beforeAll(async () => {
  const counting: EngineApi = {
    ...realEngine,
    prepare: (source: string, name?: string) => {
      prepared.push(source.length);
      return realEngine.prepare(source, name);
    },
  };
  offLoop = await setup({ engine: counting, langWorkers: 1, mainPrepareMaxChars: 1000 });
  onLoop = await setup();
  for (const f of [offLoop, onLoop]) await publishedProvince(f);
}, 120_000);

afterAll(() => {
  offLoop?.close();
  onLoop?.close();
  removeTempDirs();
});

const path = `/api/schemes/${enc(PROVINCE_ID)}/evaluate`;
/** The answer without its evaluation id (the one thing two apps cannot share). */
const answer = (text: string) => text.replace(/"evaluationId":"[^"]*"/, '"evaluationId":"-"');

describe('a scheme longer than the event loop prepares', () => {
  const requests: [string, () => unknown, string, Record<string, string>][] = [
    ['a single subject', () => singleCase().subject, '', {}],
    ['explained, in Chinese', () => singleCase().subject, '?explain=true', { 'accept-language': 'zh' }],
    ['a small cohort', () => ({ subjects: cohortCase().subjects }), '', {}],
    ['invalid input', () => invalidCase().subject ?? { subjects: invalidCase().subjects }, '', {}],
  ];
  for (const [name, body, query, headers] of requests) {
    it(`${name}: the answer of the event loop's preparation, byte for byte`, async () => {
      const [a, b] = await Promise.all([offLoop, onLoop].map((f) => call(f.app, 'POST', path + query, { token: f.tokens.A.evaluator, body: body(), headers })));
      expect(a.status, a.text).toBe(b.status);
      expect(answer(a.text)).toBe(answer(b.text));
    }, 60_000);
  }

  it('a draft with errors: the same 422 invalid_scheme, refused by the worker', async () => {
    const source = PROVINCE() + '\n@ @ @\n';
    const [a, b] = await Promise.all([offLoop, onLoop].map(async (f) => {
      const draft = await call(f.app, 'PUT', `/api/schemes/${enc(PROVINCE_ID)}/draft`, { token: f.tokens.A.author, body: { source } });
      expect(draft.status, draft.text).toBe(200);
      return call(f.app, 'POST', `${path}?version=draft`, { token: f.tokens.A.author, body: singleCase().subject });
    }));
    expect(a.status, a.text).toBe(422);
    expect(a.body.error.code).toBe('invalid_scheme');
    expect(a.text).toBe(b.text);
  }, 60_000);

  it('is never prepared on the event loop; a replay is identical', async () => {
    const first = await call(offLoop.app, 'POST', path, { token: offLoop.tokens.A.evaluator, body: singleCase().subject });
    const replay = await call(offLoop.app, 'GET', `${first.headers.get('location')}?replay=1`, { token: offLoop.tokens.A.evaluator });
    expect(replay.status, replay.text).toBe(200);
    expect(replay.body.replay).toEqual({ identical: true });
    expect(prepared.filter((n) => n >= PROVINCE().length)).toEqual([]);
  }, 60_000);
});

describe('the prepared cache shared by organizations', () => {
  const engine = { prepare: (source: string) => ({ value: { source }, diagnostics: [] }) } as unknown as EngineApi;
  const src = (c: string) => c.repeat(1000);

  it(`an organization holding over ${OWNER_SHARE * 100}% of a full cache evicts its own schemes, not another's`, () => {
    const cache = new PreparedCache(preparedBytes(1000) * 4);
    cache.get(engine, src('b'), undefined, 2); // organization 2's one scheme, the least recently used
    for (const c of 'acdefgh') cache.get(engine, src(c), undefined, 1); // organization 1 keeps asking
    expect(cache.has(hashOf(src('b')))).toBe(true);
    expect(['e', 'f', 'g', 'h'].map((c) => cache.has(hashOf(src(c))))).toEqual([false, true, true, true]);
    expect(cache.bytes).toBe(preparedBytes(1000) * 4);
  });

  it('evicts the least recently used when no organization is over its share', () => {
    const cache = new PreparedCache(preparedBytes(1000) * 2);
    cache.get(engine, src('a'), undefined, 1);
    cache.get(engine, src('b'), undefined, 2);
    cache.get(engine, src('c'), undefined, 3);
    expect([hashOf(src('a')), hashOf(src('b')), hashOf(src('c'))].map((h) => cache.has(h))).toEqual([false, true, true]);
  });
});
