// GET /api/statistics prepares nothing on the event loop (note16-s6 "Left" 5): the scheme's period
// kind (stats/query.ts kindOf) and the facts of a revision stored without them (stats/facts-store.ts
// backfill) used to prepare the round's version on the loop whatever its length — a 1.46 MB scheme
// held every organization for seconds. Checked as prepare-off-loop.test.ts does: every version counts
// as long (mainPrepareMaxChars 10) with a real worker, the loop's engine never prepares, and the
// backfilled facts are the ones stored when the round was evaluated, byte for byte.

import { describe, expect, it } from 'vitest';
import type { EngineApi } from '../../engine/api.js';
import { engine as realEngine } from '../../server/default-engine.js';
import { call, type Fixture } from './helpers.js';
import { FIVE, quarterScheme, withRoundsApp, type RoundsClient } from './rounds-helpers.js';

const SCHEME = '统计七';
const PEOPLE = FIVE.map((p, i) => ({ ...p, unit: i < 2 ? '一科' : '二科' }));
/** Source lengths the event loop's engine prepared. */
const prepared: number[] = [];
const counting: EngineApi = { ...realEngine, prepare: (source: string, name?: string) => { prepared.push(source.length); return realEngine.prepare(source, name); } };

describe('statistics of a version the loop does not prepare', () => {
  let f: Fixture;
  let rc: RoundsClient;
  withRoundsApp(() => [quarterScheme(SCHEME, { quota: true })], (fx, c) => { f = fx; rc = c; }, { engine: counting, langWorkers: 1, mainPrepareMaxChars: 10 });

  it('the period kind and a missing revision\'s facts are made by the worker; the facts are the stored ones', async () => {
    const round = await rc.finalRound(SCHEME, '2026-Q1', PEOPLE);
    const facts = async () => (await f.store.get<{ facts: string }>('SELECT facts FROM revision_facts WHERE round_id = ?', [round]))?.facts;
    const stored = await facts();
    expect(stored).toBeDefined();
    await f.store.run('DELETE FROM revision_facts WHERE round_id = ?', [round]);
    prepared.length = 0;
    const r = await call(f.app, 'GET', `/api/statistics?scheme=${encodeURIComponent(SCHEME)}&period=2026-Q1`, { token: f.tokens.A.author });
    expect(r.status, r.text.slice(0, 300)).toBe(200);
    expect(prepared).toEqual([]);
    expect(await facts()).toBe(stored);
    const again = await call(f.app, 'GET', `/api/statistics?scheme=${encodeURIComponent(SCHEME)}&period=2026-Q1`, { token: f.tokens.A.author });
    expect(again.text).toBe(r.text);
  });
});
