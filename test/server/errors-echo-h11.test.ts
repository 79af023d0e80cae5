// V11b LOW-10 (issue 16, session 11): an error answer echoes a long key or value of the request cut
// to MAX_ECHO (200) characters — in the message “…（共 N 字）” (in the reader's language, from the
// message's data), in `path`/`found` with `…#` and a digest so that two long keys stay two paths —
// not three times whole (a 1.5 MB key made a 4.5 MB answer). Short texts are answered as before.

import { describe, expect, it } from 'vitest';
import { cutEntry, cutField, MAX_ECHO } from '../../server/errors-echo.js';
import { call, type Fixture } from './helpers.js';
import { inDays, ok, QUARTERLY, withRoundsApp, type RoundsClient } from './rounds-helpers.js';

let f: Fixture, rc: RoundsClient;
withRoundsApp(() => [QUARTERLY()], (fx, c) => { f = fx; rc = c; });

const send = (method: 'POST' | 'PUT', path: string, body: unknown, lang: 'zh' | 'en') => call(f.app, method, `${path}?lang=${lang}`, { token: f.tokens.A.author, body });
const big = (c: string, n = 1_500_000) => c.repeat(n);

describe('long keys echoed in error answers are cut', () => {
  it('scheme evaluate: a 1.5 MB unknown key answers a few KB, the message in zh and en', async () => {
    const key = big('k');
    for (const lang of ['zh', 'en'] as const) {
      const r = await send('POST', '/api/schemes/平时考核/evaluate', { id: 'S1', input: { [key]: 1 } }, lang);
      expect(r.status).toBe(422);
      expect(r.text.length).toBeLessThan(5_000);
      const d = r.body.error.details.find((x: { code: string }) => x.code === 'KH-E001');
      const head = 'k'.repeat(MAX_ECHO);
      expect(d.message).toBe(lang === 'zh' ? `${head}…（共 1500000 字）：未知字段` : `${head}… (1500000 characters in all): unknown field`);
      expect(d.path).toBe(cutField(key));
      expect(d.path).toMatch(new RegExp(`^k{${MAX_ECHO}}…#[0-9a-f]{8}$`));
    }
  });

  it('round inputs and roster: cut in message, msg and path; two long keys with one head keep two paths', async () => {
    const id = (await ok(rc.create({ scheme: '平时考核', period: `${Number(inDays(0).slice(0, 4)) + 1}-Q1` }), 201)).id as string;
    await ok(rc.roster(id, [{ id: 'A1', unit: '办公室', status: 'take' }]), 200);
    const [k1, k2] = [`${big('K', 8000)}1`, `${big('K', 8000)}2`];
    const r = await send('POST', `/api/rounds/${id}/inputs`, { subjects: [{ id: 'A1', input: { [k1]: 1, [k2]: 2 } }] }, 'zh');
    expect(r.status).toBe(422);
    expect(r.text.length).toBeLessThan(3_000);
    const paths = r.body.error.details.map((d: { path: string }) => d.path);
    expect(new Set(paths).size).toBe(2);
    expect(r.body.error.details[0].message).toBe(`方案没有顶层输入“${'K'.repeat(MAX_ECHO)}…（共 8001 字）”`);
    const roster = await send('PUT', `/api/rounds/${id}/roster`, { members: [{ id: 'A1', unit: '办公室', status: 'take', [k1]: 1 }] }, 'en');
    expect(roster.text.length).toBeLessThan(2_000);
    expect(roster.body.error.details[0].message.startsWith(`unrecognized key \`${'K'.repeat(MAX_ECHO)}… (8001 characters in all)\``)).toBe(true);
  });

  it('leaves short texts, the scheme\'s `expected` and diagnostics as they are; does not split a surrogate pair', () => {
    const plain = { path: 'a.b', code: 'x', message: 'm', msg: { id: 'rounds.unknownField', args: { field: 'b' } }, expected: 'x'.repeat(500) };
    expect(cutEntry(plain)).toBe(plain);
    const diag = { code: 'KH-C007', severity: 'error', range: {}, message: 'y'.repeat(5000) };
    expect(cutEntry(diag)).toBe(diag);
    const emoji = `${'a'.repeat(MAX_ECHO - 1)}😀tail`;
    expect(cutField(emoji).startsWith(`${'a'.repeat(MAX_ECHO - 1)}…#`)).toBe(true);
  });
});
