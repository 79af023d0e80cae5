// A big cohort's request lets the event loop turn on the main thread too (user trial U7-15: /healthz
// waited seconds while three 2,500-person cohorts were read, checked and stored; their evaluation
// already runs in a worker). Reading a big body (evaluateBodyInTurns) turns before parsing and
// before checking, with the answers evaluateBody gives — the body, or the same error; the writer
// commits each big evaluation in a transaction of its own, a turn apart, while small ones written in
// the same turn still share one commit. How long /healthz waits is a measurement (status, not here).

import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { BODY_TURN_CHARS, evaluateBody, evaluateBodyInTurns } from '../../server/evaluations/request.js';
import type { NewEvaluation } from '../../server/evaluations/store.js';
import { BIG_ROW_CHARS, EvaluationWriter } from '../../server/evaluations/writer.js';
import type { Param, Store, Tx } from '../../server/store/types.js';
import { cohortCase, publishedProvince, removeTempDirs, setup, type Fixture, countOf } from './helpers.js';

/** A cohort body of `n` subjects (the spec's, ids made distinct). */
const cohortText = (n: number) => {
  const base = cohortCase().subjects!;
  return JSON.stringify({ subjects: Array.from({ length: n }, (_, i) => ({ ...base[i % base.length], id: `T${i}` })) });
};

/** How many loop turns (setImmediate callbacks run in a row) pass before `work` settles. */
async function turnsDuring<T>(work: () => Promise<T>): Promise<{ turns: number; value?: T; error?: unknown }> {
  let turns = 0, done = false;
  const tick = () => { if (!done) { turns++; setImmediate(tick); } };
  setImmediate(tick);
  try {
    const value = await work();
    return { turns, value };
  } catch (error) {
    return { turns, error };
  } finally {
    done = true;
  }
}

const errorOf = (f: () => unknown) => { try { f(); return undefined; } catch (e) { return e; } };

describe('evaluateBodyInTurns', () => {
  it('a big body: the same body as evaluateBody, two turns of the loop on the way', async () => {
    const text = cohortText(800);
    expect(text.length).toBeGreaterThanOrEqual(BODY_TURN_CHARS);
    const r = await turnsDuring(() => evaluateBodyInTurns(text, 10_000));
    expect(r.turns).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(r.value)).toBe(JSON.stringify(evaluateBody(text, 10_000)));
  });

  it('big bodies that arrive together take turns piece by piece: a turn before each of their four pieces', async () => {
    const a = cohortText(800), b = cohortText(801);
    const r = await turnsDuring(() => Promise.all([evaluateBodyInTurns(a, 10_000), evaluateBodyInTurns(b, 10_000)]));
    expect(r.turns).toBeGreaterThanOrEqual(4);
    expect(JSON.stringify(r.value)).toBe(JSON.stringify([evaluateBody(a, 10_000), evaluateBody(b, 10_000)]));
  });

  it('a small body: no turn, the same body', async () => {
    const text = cohortText(3);
    const r = await turnsDuring(() => evaluateBodyInTurns(text, 10_000));
    expect(r.turns).toBe(0);
    expect(r.value).toEqual(evaluateBody(text, 10_000));
  });

  it('a big body that is refused: the very error evaluateBody throws (malformed, too many subjects, a bad subject)', async () => {
    const big = cohortText(800);
    const bad = JSON.parse(big) as { subjects: Record<string, unknown>[] };
    bad.subjects[799] = { id: 7 };
    for (const [text, max] of [[big.slice(0, -1), 10_000], [big, 799], [JSON.stringify(bad), 10_000]] as const) {
      const expected = errorOf(() => evaluateBody(text, max));
      expect(expected).toBeDefined();
      const r = await turnsDuring(() => evaluateBodyInTurns(text, max));
      expect(r.error).toEqual(expected);
      expect((r.error as Error).constructor).toBe((expected as Error).constructor);
    }
  });
});

describe('the writer and big evaluations', () => {
  let f: Fixture;
  let row: (over?: Partial<NewEvaluation>) => NewEvaluation;
  beforeAll(async () => {
    f = await setup();
    await publishedProvince(f);
    // Any stored version and token will do: the rows only have to be valid.
    const ids = (await f.store.get<{ versionId: number; tokenId: number }>('SELECT (SELECT id FROM scheme_versions LIMIT 1) AS "versionId", (SELECT id FROM tokens LIMIT 1) AS "tokenId"'))!;
    row = (over = {}) => ({ ...ids, hash: 'h', kind: 'cohort', subjectIds: ['A'], input: '{}', result: '{"score":1}', explain: false, lang: 'en', ...over });
  });
  afterAll(() => { f.close(); removeTempDirs(); });

  /** The evaluations one statement of the writer's inserts: each `INSERT INTO evaluations` part's
   * placeholders over its columns. */
  const evaluationRowsOf = (q: string) => q.split(/\bw\d+ AS \(/).filter((part) => part.startsWith('INSERT INTO evaluations'))
    .reduce((n, part) => n + (part.match(/\?/g)?.length ?? 0) / part.slice(part.indexOf('(') + 1, part.indexOf(')')).split(',').length, 0);

  it('commits each big one alone, a turn apart; small ones of the same turn in one commit; all stored', async () => {
    const store = f.store as { tx: Store['tx'] };
    const original = store.tx;
    // Count the writer's transactions: each is one commit of a batch of as many evaluations as it inserts,
    // listed in the order the writer began them (on PostgreSQL a turn's transaction may finish after the
    // next turn's, on a connection of its own).
    const began: number[] = [];
    const order: string[] = [];
    store.tx = ((fn: Parameters<Store['tx']>[0], o: Parameters<Store['tx']>[1]) => {
      const slot = began.push(0) - 1;
      order.push(`tx${slot}`);
      return original.call(f.store, async (tx) => {
        let n = 0;
        // Rows, not statements: on PostgreSQL one INSERT carries a batch's rows (store/coalesce.ts).
        const rowsOf = (q: string, p: Param[] = []) => p.length / q.slice(q.indexOf('(') + 1, q.indexOf(')')).split(',').length;
        const counted = Object.create(tx, { run: { value: (q: string, p?: Param[]) => { if (q.includes('INSERT INTO evaluations')) n += rowsOf(q, p); return tx.run(q, p); } } }) as Tx;
        const value = await fn(counted);
        began[slot] = n;
        return value;
      }, o);
    }) as never;
    // On PostgreSQL a batch is first tried as one statement outside a transaction (writer.ts): counted alike.
    const plain = f.store as { run: Store['run'] };
    const originalRun = plain.run;
    plain.run = ((q: string, p?: Param[]) => {
      if (q.startsWith('WITH ') && q.includes('INSERT INTO evaluations')) {
        const slot = began.push(0) - 1;
        order.push(`tx${slot}`);
        return originalRun.call(f.store, q, p).then((changed) => {
          began[slot] = evaluationRowsOf(q);
          return changed;
        });
      }
      return originalRun.call(f.store, q, p);
    }) as never;
    const writer = new EvaluationWriter(f.store);
    onTestFinished(() => void ((store.tx = original), (plain.run = originalRun)));
    const big = 'x'.repeat(BIG_ROW_CHARS);
    const write = (name: string, over: Partial<NewEvaluation>) => writer.write(row(over)).then((s) => { order.push(name); return s; });
    const writes = [write('s1', {}), write('s2', {}), write('B1', { result: big }), write('B2', { input: big }), write('s3', {}), write('s4', {})];
    setImmediate(() => setImmediate(() => order.push('turn')));
    const stored = await Promise.all(writes);
    const batches = began.flatMap((n, slot) => (n > 0 ? [{ n, begun: order.indexOf(`tx${slot}`) }] : []));
    expect(batches.map((b) => b.n)).toEqual([2, 1, 1, 2]);
    // A turn apart: the batch of s1 and s2 begun before the marked turn, the one of s3 and s4 after it.
    expect(order.indexOf('turn')).toBeGreaterThan(batches[0].begun);
    expect(order.indexOf('turn')).toBeLessThan(batches[3].begun);
    if (f.store.dialect === 'sqlite') {
      // SQLite commits a batch within its turn: its callers are answered in it too. (PostgreSQL's commit
      // takes round trips, many turns: the answers come when they come.)
      expect(order.indexOf('turn')).toBeGreaterThan(order.indexOf('s2'));
      expect(order.indexOf('turn')).toBeLessThan(order.indexOf('s4'));
    }
    for (const s of stored) expect(await countOf(f, 'SELECT count(*) AS "n" FROM evaluations WHERE id = ?', [s.id])).toBe(1);
  });
});
