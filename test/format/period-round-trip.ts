// The formatter checks shared by the forms that read results of other periods and subjects (issue 14:
// period-results.test.ts, related-results.test.ts): an English-keyword and a Chinese-keyword scheme,
// each printed in both keyword languages against goldens, and the round trip — converting back and
// forth is stable, formatting is idempotent and the tree survives, a period result's field names
// (`得分` / `score`) being one name.

import { expect } from 'vitest';
import { canonicalIn, PERIOD_RESULT_FIELDS } from '../../dsl/keywords.js';
import { fmt, normalize, parseOk } from './helpers.js';

/** The tree without spans, a period result's field names in English (`得分` and `score` are one name). */
export function periodTree(text: string): unknown {
  return normalize(JSON.parse(JSON.stringify(parseOk(text).scheme), (k, v) =>
    (k === 'field' || k === 'key') && v && typeof v.name === 'string' ? { ...v, name: canonicalIn(PERIOD_RESULT_FIELDS, v.name) ?? v.name } : v));
}

/** `en` and `zh` printed in both keyword languages match `__golden__/<dir>/<enName>.{en,zh}.kaohe` and
 * `__golden__/<dir>/<zhName>.{en,zh}.kaohe` (relative to the calling test file); each converts back and
 * forth to the same text and keeps its tree. */
export async function expectGoldensAndRoundTrip(dir: string, en: [name: string, text: string], zh: [name: string, text: string]): Promise<void> {
  for (const [name, text] of [en, zh]) {
    await expect(fmt(text, 'en')).toMatchFileSnapshot(`__golden__/${dir}/${name}.en.kaohe`);
    await expect(fmt(text, 'zh')).toMatchFileSnapshot(`__golden__/${dir}/${name}.zh.kaohe`);
  }
  for (const src of [en[1], zh[1]]) {
    const e = fmt(src, 'en'), z = fmt(src, 'zh');
    expect(fmt(z, 'en')).toBe(e);
    expect(fmt(e, 'zh')).toBe(z);
    expect(fmt(e)).toBe(e);
    expect(periodTree(z)).toEqual(periodTree(src));
    expect(periodTree(e)).toEqual(periodTree(src));
  }
}
