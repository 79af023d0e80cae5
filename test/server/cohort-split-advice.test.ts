// 413 `cohort_too_large` says how to split (user trial U7-16): by the scheme's `cohort by` field,
// each group whole in one request (its quotas and in-group ranks are then those of one request),
// and that the overall rank is per request; a round has the same cap, `kaohe eval` none. The advice
// is checked against what a split does: a cohort split by unit gives every field of every result
// as the whole cohort does, except `rank.overall`.

import { describe, expect, it } from 'vitest';
import { call, cohortCase, enc, PROVINCE_ID, publishedProvince, setup } from './helpers.js';

const S = `/api/schemes/${enc(PROVINCE_ID)}`;

type Result = { subject: string; rank: { overall: number; cohort: number }; [k: string]: unknown };

describe('413 cohort_too_large', () => {
  it('advises splitting by the cohort key and says the overall rank is per request (en, zh)', async () => {
    const subjects = cohortCase().subjects!;
    const f = await setup({ maxCohortSubjects: subjects.length - 1 });
    await publishedProvince(f);
    const en = await call(f.app, 'POST', `${S}/evaluate`, { token: f.tokens.A.evaluator, body: { subjects } });
    expect(en.status).toBe(413);
    expect(en.body.error.message).toMatch(/split it by the scheme’s `cohort by` field .* each group whole in one request: quotas and the ranks within a group .* overall rank \(`rank\.overall`\) counts only the people of its own request; a round has the same cap, and `kaohe eval`/);
    const zh = await call(f.app, 'POST', `${S}/evaluate?lang=zh`, { token: f.tokens.A.evaluator, body: { subjects } });
    expect(zh.status).toBe(413);
    expect(zh.body.error.message).toMatch(/按方案“分组”所按的字段（如单位）分批提交.*总排名（“rank\.overall”）只在每批之内计算.*“kaohe eval”/);
    f.close();
  }, 60_000);

  it('what it says holds: split by unit, every field equals the whole cohort\'s but rank.overall', async () => {
    const subjects = cohortCase().subjects!;
    const f = await setup();
    await publishedProvince(f);
    const whole = await call(f.app, 'POST', `${S}/evaluate`, { token: f.tokens.A.evaluator, body: { subjects } });
    expect(whole.status, whole.text).toBe(201);
    const byId = new Map((whole.body.results as Result[]).map((r) => [r.subject, r]));
    const units = new Map<string, typeof subjects>();
    for (const s of subjects) {
      const unit = (s.input as Record<string, unknown>).单位 as string;
      units.set(unit, [...(units.get(unit) ?? []), s]);
    }
    expect(units.size).toBeGreaterThan(1);
    let overallDiffers = 0;
    for (const part of units.values()) {
      const r = await call(f.app, 'POST', `${S}/evaluate`, { token: f.tokens.A.evaluator, body: { subjects: part } });
      expect(r.status, r.text).toBe(201);
      for (const x of r.body.results as Result[]) {
        const w = byId.get(x.subject)!;
        if (x.rank.overall !== w.rank.overall) overallDiffers++;
        expect({ ...x, rank: { ...x.rank, overall: 0 } }).toEqual({ ...w, rank: { ...w.rank, overall: 0 } });
      }
    }
    expect(overallDiffers).toBeGreaterThan(0);
    f.close();
  }, 60_000);
});
