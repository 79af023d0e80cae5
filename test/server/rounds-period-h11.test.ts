// V11b MED-3 (issue 16, session 11): a period of the wrong form on POST /api/rounds and POST
// /api/subjects/import names the period it was probably meant as (2026-09 → 2026-Q3, the engine's
// periodSuggestion), in the message (是否指“2026-Q3”) and as `suggest`; `expected` stays the form —
// its example quarter, copied, would make a round of the wrong period.

import { describe, expect, it } from 'vitest';
import { call, type Fixture } from './helpers.js';
import { quarterScheme, withRoundsApp } from './rounds-helpers.js';

let f: Fixture;
withRoundsApp(() => [quarterScheme('季考')], (fx) => { f = fx; });

const post = (path: string, body: unknown, lang: 'zh' | 'en' = 'zh') => call(f.app, 'POST', `${path}?lang=${lang}`, { token: f.tokens.A.author, body });

describe('POST /api/rounds', () => {
  it('2026-09, 2026Q3, 2026年第3季度 under a quarterly scheme: 是否指“2026-Q3”, `suggest`, `expected` the form', async () => {
    for (const period of ['2026-09', '2026Q3', '2026年第3季度']) {
      const r = await post('/api/rounds', { scheme: '季考', period });
      expect(r.status, r.text).toBe(422);
      expect(r.body.error.message).toMatch(/；是否指“2026-Q3”？$/);
      expect(r.body.error.details).toEqual([expect.objectContaining({ path: 'period', code: 'KH-E031', expected: '2026-Q1', found: period, suggest: '2026-Q3' })]);
    }
    const en = await post('/api/rounds', { scheme: '季考', period: '2026-09' }, 'en');
    expect(en.body.error.message).toBe('the period `2026-09` does not match the scheme\'s `period` kind: expected the form `2026-Q1`; did you mean "2026-Q3"?');
    // nothing to suggest: no `suggest`, the message as before
    const none = await post('/api/rounds', { scheme: '季考', period: 'abc' });
    expect(none.body.error.details[0].suggest).toBeUndefined();
    expect(none.body.error.message).not.toMatch(/是否指/);
  });
});

describe('POST /api/subjects/import', () => {
  it('a row of period 2025-09: 是否指“2025-Q3” at results[i].period, with `suggest`', async () => {
    const r = await post('/api/subjects/import', { scheme: '季考', results: [{ subject: 'a', period: '2025-Q2', grade: '优秀' }, { subject: 'b', period: '2025-09', grade: '优秀' }] });
    expect(r.status, r.text).toBe(422);
    expect(r.body.error.details).toEqual([expect.objectContaining({ path: 'results[1].period', suggest: '2025-Q3' })]);
    expect(r.body.error.details[0].message).toBe('考核期“2025-09”不符合方案“季考”的考核期格式 2026-Q1；是否指“2025-Q3”？');
    const en = await post('/api/subjects/import', { scheme: '季考', results: [{ subject: 'b', period: '2025-09', grade: '优秀' }] }, 'en');
    expect(en.body.error.details[0].message).toMatch(/; did you mean "2025-Q3"\?$/);
  });
});
