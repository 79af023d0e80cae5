// The feedback sheets' "earlier results" over HTTP (server/reports/gather.ts earlierResults), read for
// a whole file in one statement since issue 17: each person gets only their own earlier rows of the
// scheme — final or imported, periods before the round's, the newest row of a period (by when it was
// stored), oldest period first — and a person without any gets the "no earlier results" note.

import { expect, it } from 'vitest';
import { call, type Fixture } from './helpers.js';
import { ok, QUARTERLY, withRoundsApp } from './rounds-helpers.js';

let f: Fixture;
let round: string;
const SCHEME = '平时考核';
const PEOPLE = [
  { id: 'A01', unit: '办公室', input: { 实绩得分: 96, 测评票: [92, 93, 94] } },
  { id: 'A02', unit: '办公室', input: { 实绩得分: 80, 测评票: [80, 80, 80] } },
  { id: 'A03', unit: '办公室', input: { 实绩得分: 70, 测评票: [70, 70, 70] } },
];

/** subject_results rows: [subject, period, score, grade, final, imported, stored at]. */
type Seed = [string, string, string | null, string | null, number, number, string];
const EARLIER: Seed[] = [
  ['A01', '2025-Q3', '80.00', '一般', 1, 0, '2025-10-01T00:00:00.000Z'],
  ['A01', '2025-Q3', '85.00', '较好', 0, 1, '2025-12-01T00:00:00.000Z'], // newer: it is the period's
  ['A01', '2025-Q4', '90.00', '好', 1, 0, '2026-01-05T00:00:00.000Z'],
  ['A02', '2025-Q2', '99.00', '好', 0, 0, '2025-07-01T00:00:00.000Z'], // neither final nor imported
  ['A02', '2026-Q2', '99.00', '好', 1, 0, '2026-07-01T00:00:00.000Z'], // a later period
  ['A02', '2025-Q4', null, '较好', 0, 1, '2026-01-05T00:00:00.000Z'],
];

withRoundsApp(() => [QUARTERLY()], async (fx, rc) => {
  f = fx;
  round = await rc.rostered(SCHEME, '2026-Q1', PEOPLE.map((p) => ({ id: p.id, unit: p.unit, status: 'take' })));
  await ok(rc.inputs(round, { subjects: PEOPLE.map((p) => ({ id: p.id, input: p.input })) }), 201);
  await ok(rc.evaluate(round), 200);
  const { orgId, schemeId } = (await f.store.get<{ orgId: number; schemeId: number }>('SELECT org_id AS "orgId", scheme_id AS "schemeId" FROM rounds WHERE id = ?', [round]))!;
  for (const [subject, period, score, grade, final, imported, at] of EARLIER) {
    await f.store.run(
      `INSERT INTO subject_results (org_id, scheme_id, subject_id, period, round_id, revision, unit, score, score_exact, grade, final, imported, created_at)
       VALUES (?, ?, ?, ?, NULL, NULL, '办公室', ?, ?, ?, ?, ?, ?)`,
      [orgId, schemeId, subject, period, score, score, grade, final, imported, at],
    );
  }
});

interface Block { kind: string; head?: string[]; rows?: string[][]; text?: string }
interface Doc { pages: { blocks: Block[] }[] }

/** Each page's earlier results as [period, score, grade] (the trend table's columns but this period's). */
function histories(doc: Doc): string[][][] {
  return doc.pages.map((page) => {
    const table = page.blocks.find((b) => b.kind === 'table' && b.head?.[0] === 'Period')!;
    const periods = table.head!.slice(1, -1);
    return periods.map((p, k) => [p, table.rows![0]![k + 1]!, table.rows![1]![k + 1]!]);
  });
}

it('a file of sheets shows each person their own earlier results, newest row of each earlier period, oldest first', async () => {
  const r = await call(f.app, 'GET', `/api/rounds/${round}/feedback?lang=en`, { token: f.tokens.A.evaluator, headers: { accept: 'application/json' } });
  expect(r.status, r.text.slice(0, 300)).toBe(200);
  expect(histories(r.body as Doc)).toEqual([
    [['Q3 2025', '85.00', '较好'], ['Q4 2025', '90.00', '好']],
    [['Q4 2025', '—', '较好']],
    [],
  ]);
  const notes = (r.body as Doc).pages.map((p) => p.blocks.some((b) => b.kind === 'paragraph' && /no earlier results/i.test(b.text ?? '')));
  expect(notes).toEqual([false, false, true]);
});

it('one person\'s sheet shows the same as their page of the file', async () => {
  const r = await call(f.app, 'GET', `/api/rounds/${round}/feedback/A02?lang=en`, { token: f.tokens.A.evaluator, headers: { accept: 'application/json' } });
  expect(r.status, r.text.slice(0, 300)).toBe(200);
  expect(histories(r.body as Doc)).toEqual([[['Q4 2025', '—', '较好']]]);
});
