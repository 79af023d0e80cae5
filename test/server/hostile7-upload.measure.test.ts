// A round's roster and inputs uploads of 9,999 people (note16-s6 "Left" 5, hostile H6 F5: /healthz
// waited 1.1–2 s while one was checked) no longer hold the event loop for the whole request: their
// checks run in turns (server/loop-turns.ts), each stage — parse, checks, the write, the answer — is
// a piece of its own, and a big batch's parts are validated by a worker (rounds/version-scheme.ts).
// Measured in-process as the longest gap between 2 ms timer ticks while the request runs, against
// the request's own time: before, the longest hold was the request (ratio 0.99–1.0, load 22–26);
// after, 0.36–0.55 at load 26–28. The bound (0.8) says "the loop turned", whatever the machine's load.

import { describe, expect, it } from 'vitest';
import { type Fixture } from './helpers.js';
import { FIVE, quarterScheme, withRoundsApp } from './rounds-helpers.js';

const N = 9_999;
const UNITS = ['综合科', '办公室', '人事处', '财务处'];

/** The request's time and the longest the loop was held meanwhile (ms). */
async function held(work: () => Promise<number>): Promise<{ status: number; ms: number; hold: number }> {
  let last = performance.now(), hold = 0;
  const tick = setInterval(() => { const t = performance.now(); hold = Math.max(hold, t - last); last = t; }, 2);
  const started = performance.now();
  const status = await work();
  const ms = performance.now() - started;
  await new Promise((r) => setTimeout(r, 5));
  clearInterval(tick);
  return { status, ms, hold };
}

describe(`uploads of ${N} people turn the event loop`, () => {
  let f: Fixture;
  withRoundsApp(() => [quarterScheme('上传七')], (fx) => { f = fx; });

  it('roster and inputs: the longest hold is well below the request', async () => {
    const send = async (method: string, path: string, body: string) => {
      const res = await f.app.request(path, { method, headers: { authorization: `Bearer ${f.tokens.A.author}`, 'content-type': 'application/json' }, body });
      await res.text();
      return res.status;
    };
    const roster = JSON.stringify({ members: Array.from({ length: N }, (_, i) => ({ id: `P${i}`, unit: UNITS[i % 4], status: 'take', display: { 姓名: `张${i}` } })) });
    const inputs = JSON.stringify({ subjects: Array.from({ length: N }, (_, i) => ({ id: `P${i}`, input: { 实绩: FIVE[i % 5].input.实绩 } })) });
    const rows: string[] = [];
    for (const period of ['2026-Q1', '2026-Q2']) {
      const made = await f.app.request('/api/rounds', { method: 'POST', headers: { authorization: `Bearer ${f.tokens.A.author}`, 'content-type': 'application/json' }, body: JSON.stringify({ scheme: '上传七', period }) });
      const id = ((await made.json()) as { id: string }).id;
      const r = await held(() => send('PUT', `/api/rounds/${id}/roster`, roster));
      const p = await held(() => send('POST', `/api/rounds/${id}/inputs`, inputs));
      expect([r.status, p.status]).toEqual([200, 201]);
      rows.push(`${period}: roster ${r.ms.toFixed(0)} ms hold ${r.hold.toFixed(0)}; inputs ${p.ms.toFixed(0)} ms hold ${p.hold.toFixed(0)}`);
      if (period === '2026-Q2') {
        // the second round: warm (the first pays the module loads and the worker's start)
        expect(r.hold / r.ms, rows.join('\n')).toBeLessThan(0.8);
        expect(p.hold / p.ms, rows.join('\n')).toBeLessThan(0.8);
      }
    }
    console.log(rows.join('\n'));
  });
});
