// The language pool serves waiting jobs by owner, least recently served first (server/lang-pool/
// pool.ts; hostile H5 F9): one organization's queue of evaluations — the first preparations of its big
// schemes, seconds each — delays another's job by one job per worker, not by the whole queue. Checked
// with one real worker: three evaluations of organization 1 queued before a check (no owner) and one
// evaluation of organization 2; first come first served ran them in that order.

import { afterAll, describe, expect, it } from 'vitest';
import { WorkerPool } from '../../server/lang-pool/pool.js';
import { sourceHash } from '../../server/prepared.js';
import { PROVINCE, singleCase } from './helpers.js';

const pool = new WorkerPool({ size: 1 });
afterAll(() => pool.close());

describe('the language pool', () => {
  it('serves the owner served least recently first, then in arrival order', async () => {
    const source = PROVINCE();
    const evaluation = (owner: number) => ({
      kind: 'cohort' as const, source, hash: sourceHash(source), owner, text: JSON.stringify(singleCase().subject),
      opts: { explain: false, maxErrors: 49 }, limits: { cohortMsPerSubject: 1000, cohortMaxMs: 60_000 },
    });
    const done: string[] = [];
    const jobs = [
      ...[1, 2, 3].map((k) => pool.run(evaluation(1), 60_000).then((r) => done.push(`org 1 #${k} ${'json' in r}`))),
      pool.run({ kind: 'analyze', source }, 60_000).then(() => done.push('check')),
      pool.run(evaluation(2), 60_000).then((r) => done.push(`org 2 ${'json' in r}`)),
    ];
    await Promise.all(jobs);
    expect(done).toEqual(['org 1 #1 true', 'check', 'org 2 true', 'org 1 #2 true', 'org 1 #3 true']);
  }, 120_000);
});
