// POST evaluate's cohort over its time budget says what to do (issue 16, user trial U7-17): the 503
// `budget_exceeded` carries `Retry-After` and its message advises a retry, smaller requests keeping
// each quota group whole, or `kaohe eval`, in the reader's language; still nothing is stored.

import { describe, expect, it } from 'vitest';
import { OVERRUN_RETRY_S } from '../../server/evaluations/budget.js';
import { call, cohortCase, enc, PROVINCE_ID, publishedProvince, setup, rowsIn } from './helpers.js';

const S = `/api/schemes/${enc(PROVINCE_ID)}`;
const subjects = (n: number) => {
  const base = cohortCase().subjects!;
  return Array.from({ length: n }, (_, i) => ({ ...base[i % base.length], id: `S${i}` }));
};

describe('a cohort over its budget', () => {
  it('answers 503 with Retry-After and advice, in en and zh, on the loop and in a worker', async () => {
    for (const size of [30, 300]) { // below and above cohortOffLoopSubjects (200): in-process, then the worker
      const f = await setup({ cohortMaxMs: 1 });
      await publishedProvince(f);
      const en = await call(f.app, 'POST', `${S}/evaluate`, { token: f.tokens.A.evaluator, body: { subjects: subjects(size) } });
      expect(en.status, en.text.slice(0, 300)).toBe(503);
      expect(en.headers.get('retry-after')).toBe(String(OVERRUN_RETRY_S));
      expect(en.body.error.code).toBe('budget_exceeded');
      expect(en.body.error.message).toMatch(/overran its time budget of 1 ms.*retry after 30 s \(Retry-After\), or send fewer subjects a request, keeping each quota group .* whole in one request.*`kaohe eval`/);
      expect(en.body.error.details[0]).toMatchObject({ path: 'subjects', subjects: size });
      const zh = await call(f.app, 'POST', `${S}/evaluate?lang=zh`, { token: f.tokens.A.evaluator, body: { subjects: subjects(size) }, headers: { 'accept-language': 'zh' } });
      expect(zh.status).toBe(503);
      expect(zh.body.error.message).toMatch(/超出 1 毫秒的时间限额.*请 30 秒后重试.*同一名额范围/);
      expect(await rowsIn(f, 'evaluations')).toBe(0);
      f.close();
    }
  }, 120_000);
});
