// A number thousands of digits long in a request (hostile X14): an integer field given
// 50.777…7 with 100,000 decimals froze the server for 7 s (500,000: minutes) while its error's
// `found` text was written out exactly — counting the denominator's factors of 2 and 5 one division of
// the whole number at a time. Now refused at once, the number elided in the error.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rational } from '../../dsl/rational.js';
import { exactText } from '../../engine/scales.js';
import { call, enc, PROVINCE_ID, publishedProvince, setup, singleCase, type Fixture } from './helpers.js';

let f: Fixture;
beforeAll(async () => {
  f = await setup();
  await publishedProvince(f);
});
afterAll(() => f.close());

describe('a number of 100,000 digits', () => {
  it('is refused for an integer field in well under a second, elided in the error', async () => {
    const subject = structuredClone(singleCase().subject!) as { input: Record<string, unknown> };
    const long = `50.${'7'.repeat(100_000)}`;
    const body = JSON.stringify(subject).replace('"案件受理数":50', `"案件受理数":${long}`);
    expect(body).toContain(long);
    const cpu = process.cpuUsage();
    const r = await call(f.app, 'POST', `/api/schemes/${enc(PROVINCE_ID)}/evaluate`, { token: f.tokens.A.evaluator, body });
    const used = process.cpuUsage(cpu);
    const ms = (used.user + used.system) / 1000;
    expect(r.status, r.text).toBe(422);
    const detail = r.body.error.details.find((d: { code: string }) => d.code === 'KH-E005');
    expect(detail.found).toBe('50.777777777777777777777777777778…');
    expect(ms).toBeLessThan(1000); // was ≈ 7,400 ms
  });

  it('is written as its first decimals or its magnitude, never expanded', () => {
    const cases: [string, string][] = [
      [`50.${'7'.repeat(100_000)}`, '50.777777777777777777777777777778…'],
      [`5${'7'.repeat(1_000_000)}`, '≈5.777778e+1000000'],
      [`-${'9'.repeat(400)}.5`, '-≈1.000000e+400'],
      ['95.0000000000000000000000001', '95.0000000000000000000000001'],
    ];
    for (const [text, shown] of cases) {
      const start = performance.now();
      expect(exactText(Rational.parse(text)!)).toBe(shown);
      expect(performance.now() - start).toBeLessThan(500);
    }
  });
});
