// The papers of a round whose version is longer than the event loop prepares (limits.mainPrepareMaxChars):
// what they read of the scheme — its tables and its terms in words — is made by a language worker
// (server/reports/paper-scheme.ts), as the rounds already do (rounds-off-loop.test.ts), not prepared on
// the loop. Two apps over their own SQLite files, the same steps: one counts the version as long (a real
// worker), one prepares it on the loop; the loop's engine of the first never prepares the long source,
// and every paper (feedback sheets in both languages, 公示名单) is the other app's, word for word.
// Scheme: schemes/quarterly-review.kaohe (deductions, a cap and an action: the terms the sheets explain).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineApi } from '../../engine/api.js';
import { engine as realEngine } from '../../server/default-engine.js';
import { call, removeTempDirs, type Fixture } from './helpers.js';
import { appWith, client, QUARTERLY } from './rounds-helpers.js';

const LONG = 1000;
const SOURCE = () => `${'// 这一行只为加长方案的源文本，不影响计算。\n'.repeat(40)}${QUARTERLY()}`;
const PEOPLE = [
  { id: 'A01', unit: '办公室', name: '张三', input: { 实绩得分: 96, 测评票: [92, 93, 94] } },
  { id: 'A02', unit: '办公室', name: '王五', input: { 实绩得分: 94, 测评票: [90, 90, 93], 迟到早退次数: 2 } },
  { id: 'A03', unit: '办公室', name: '丁一', input: { 实绩得分: 95, 测评票: [95, 95, 95], 通报批评: true } },
  { id: 'A04', unit: '办公室', name: '李四', input: { 实绩得分: 50, 测评票: [60, 60, 60] } },
];

let offLoop: Fixture, onLoop: Fixture;
const rounds = new Map<Fixture, string>();
/** Source lengths the event loop's engine of `offLoop` prepared. */
const prepared: number[] = [];

beforeAll(async () => {
  expect(SOURCE().length).toBeGreaterThan(LONG);
  const counting: EngineApi = { ...realEngine, prepare: (source, name) => (prepared.push(source.length), realEngine.prepare(source, name)) };
  [offLoop, onLoop] = await Promise.all([appWith([], { engine: counting, langWorkers: 1, mainPrepareMaxChars: LONG }), appWith([])]);
  for (const f of [offLoop, onLoop]) {
    const c = await call(f.app, 'POST', '/api/schemes', { token: f.tokens.A.author, body: { source: SOURCE() } });
    expect(c.status, c.text).toBe(201);
    const p = await call(f.app, 'POST', `/api/schemes/${encodeURIComponent(c.body.id)}/publish`, { token: f.tokens.A.author });
    expect(p.status, p.text).toBe(200);
    const rc = client(f);
    const id = await rc.rostered('平时考核', '2026-Q1', PEOPLE.map((x) => ({ id: x.id, unit: x.unit, status: 'take', display: { 姓名: x.name } })), { name: '一季度考核' });
    expect((await rc.inputs(id, { subjects: PEOPLE.map((x) => ({ id: x.id, input: x.input })) })).status).toBe(201);
    expect((await rc.evaluate(id)).status).toBe(200);
    rounds.set(f, id);
  }
  prepared.length = 0;
}, 180_000);

afterAll(() => {
  for (const f of [offLoop, onLoop]) f?.close();
  removeTempDirs();
});

/** What two apps cannot share: the round's id, times. */
const same = (text: string, f: Fixture) => text.split(rounds.get(f)!).join('<round>').replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'T');

describe('the papers of a long version', () => {
  it('are made by a worker: the same papers, the long source never prepared on the loop', async () => {
    const papers = await Promise.all([offLoop, onLoop].map(async (f) => {
      const id = rounds.get(f)!;
      const out: string[] = [];
      for (const path of [`/api/rounds/${id}/feedback/A02`, `/api/rounds/${id}/feedback/A03?lang=en`, `/api/rounds/${id}/feedback`, `/api/rounds/${id}/papers/publicity`]) {
        const r = await call(f.app, 'GET', path, { token: f.tokens.A.evaluator, headers: { accept: 'application/json' } });
        expect(r.status, `${path}: ${r.text}`).toBe(200);
        out.push(same(r.text, f));
      }
      return out;
    }));
    expect(papers[0]).toEqual(papers[1]);
    // The terms are in the sheets: the deduction of 迟到早退 and the cap of 通报批评, in words.
    expect(papers[0][0]).toContain('迟到早退');
    expect(prepared.filter((n) => n > LONG)).toEqual([]);
  }, 120_000);
});
