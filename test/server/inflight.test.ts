// Idempotency keys in flight within one process (server/evaluations/idempotency.ts): the same request
// shares the first one's answer; a different request with the key is refused only once the first was
// answered — when the first fails (another server stored this very request under the key: trial X14),
// the second goes on and gets its own answer, not a 409 telling it to use a new key.

import { describe, expect, it } from 'vitest';
import { InFlight, type Answer } from '../../server/evaluations/idempotency.js';

const answer = (id: string): Answer => ({ status: 201, evaluationId: id, json: '{}', replayed: false, lang: 'en' });
const later = <T>(ms: number, v: () => T) => new Promise<T>((resolve, reject) => setTimeout(() => { try { resolve(v()); } catch (e) { reject(e); } }, ms));

describe('InFlight', () => {
  it('shares the first answer with the same request', async () => {
    const f = new InFlight();
    let runs = 0;
    const work = () => (runs++, later(10, () => answer('ev_1')));
    const [a, b] = await Promise.all([f.run(1, 'k', 'h1', work), f.run(1, 'k', 'h1', work)]);
    expect(runs).toBe(1);
    expect([a.status, b.status, b.replayed, b.evaluationId]).toEqual([201, 200, true, 'ev_1']);
  });

  it('refuses a different request once the first was answered', async () => {
    const f = new InFlight();
    const first = f.run(1, 'k', 'h1', () => later(10, () => answer('ev_1')));
    await expect(f.run(1, 'k', 'h2', () => later(1, () => answer('ev_2')))).rejects.toMatchObject({ code: 'idempotency_key_reused' });
    expect((await first).evaluationId).toBe('ev_1');
  });

  it('lets a different request go on when the first one failed', async () => {
    const f = new InFlight();
    const first = f.run(1, 'k', 'h2', () => later(10, () => { throw new Error('the key is another request’s'); })).catch((e: unknown) => e);
    const second = await f.run(1, 'k', 'h1', () => later(1, () => answer('ev_stored_elsewhere')));
    expect(await first).toBeInstanceOf(Error);
    expect(second.evaluationId).toBe('ev_stored_elsewhere');
  });
});
