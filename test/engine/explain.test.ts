// Golden explanations of the reference schemes: the first single-subject case of each, explained,
// and one cohort (quota decisions). Regenerate with `npx vitest run test/engine -u` after a
// deliberate change, and read the diff.

import { describe, expect, it } from 'vitest';
import { evaluate, evaluateCohort } from '../../engine/index.js';
import { exampleNames, loadCases, loadExample } from './helpers.js';

const pretty = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

describe('explanations', () => {
  for (const name of exampleNames()) {
    it(`${name}: single subject`, async () => {
      const { scheme } = loadExample(name);
      const c = loadCases(name).find((x) => x.subject && x.expect)!;
      const r = await evaluate(scheme, c.subject!, { explain: true });
      expect(r.ok).toBe(true);
      await expect(pretty(r)).toMatchFileSnapshot(`__golden__/${name}.explain.json`);
    });
  }

  it('quarterly-routine: cohort with quota decisions', async () => {
    const { scheme } = loadExample('quarterly-routine');
    const c = loadCases('quarterly-routine').find((x) => x.subjects)!;
    const r = await evaluateCohort(scheme, c.subjects!, { explain: true });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    // The quota part of every result, and the cohort summaries.
    const quota = r.value.results.map((x) => ({ subject: x.subject, grade: x.grade, quota: x.quota ?? null, gradeReasons: x.gradeReasons }));
    await expect(pretty({ results: quota, cohorts: r.value.cohorts })).toMatchFileSnapshot('__golden__/quarterly-routine.cohort.json');
  });

  it('province-annual: linear forms, deductions and actions (B003, A006 alone)', async () => {
    const { scheme } = loadExample('province-annual');
    const c = loadCases('province-annual').find((x) => x.subjects)!;
    const out: unknown[] = [];
    for (const id of ['B003', 'A006', 'A007']) {
      const r = await evaluate(scheme, c.subjects!.find((x) => x.id === id)!, { explain: true });
      expect(r.ok).toBe(true);
      if (r.ok) out.push(r.value);
    }
    await expect(pretty(out)).toMatchFileSnapshot('__golden__/province-annual.more.explain.json');
  });

  it('records nothing unless asked', async () => {
    const { scheme } = loadExample('province-annual');
    const c = loadCases('province-annual')[0];
    const r = await evaluate(scheme, c.subject!);
    expect(r.ok && 'explain' in r.value).toBe(false);
    expect(r.ok && r.value.indicators.some((i) => 'trace' in i)).toBe(false);
  });
});
