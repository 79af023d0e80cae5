// The library's door (issue 16, user trial U7-1, U7-2, U7-6): a JavaScript caller is not held to the
// TypeScript types, so an unknown language, backend or a malformed option is a KH-E060 error naming the
// option (it used to be an internal error about a JavaScript property, or silently the default), and one
// subject needs the same text id a cohort's members need (a missing, numeric or flawed id used to come
// back as the result's `subject`).

import { describe, expect, it } from 'vitest';
import { render } from '../../dsl/i18n/index.js';
import type { EvalOptions, SubjectInput } from '../../engine/api.js';
import * as lib from '../../index.js';

const SRC = `scheme opt "options" {
  version "1"
  precision 2
  input { x: number >= 0 }
  indicator i weight 100% = x
  grades {
    A when score >= 90
    B otherwise
  }
}`;

const scheme = lib.prepare(SRC).value!;
const one = (opts: unknown, subject: unknown = { id: 'p1', input: { x: 95 } }) =>
  lib.evaluate(scheme, subject as SubjectInput, opts as EvalOptions);

describe('evaluation options', () => {
  it('refuses an unknown language, backend and malformed options, every problem at once, in zh and en', async () => {
    const out = await one({ lang: 'fr', backend: 'fast', maxErrors: -1, explain: 'yes' });
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.errors.map((e) => [e.code, e.path])).toEqual([
      ['KH-E060', 'lang'], ['KH-E060', 'backend'], ['KH-E060', 'maxErrors'], ['KH-E060', 'explain'],
    ]);
    expect(out.errors[0]!.message).toContain('"fr"');
    expect(render(out.errors[0]!.msg!, 'zh')).toMatch(/^选项“lang”的值为“fr”，应为“zh”、“en”之一$/);
    for (const e of out.errors) expect(e.message).not.toMatch(/Cannot read|undefined/);
  });

  it('refuses options that are not an object, and the same for a cohort', async () => {
    const bad = await one('zh');
    expect(bad.ok || bad.errors.map((e) => e.code)).toEqual(['KH-E060']);
    const cohort = await lib.evaluateCohort(scheme, [{ id: 'a', input: { x: 1 } }], { lang: 'de' } as unknown as EvalOptions);
    expect(cohort.ok || cohort.errors.map((e) => e.path)).toEqual(['lang']);
  });

  it('takes every valid option as before', async () => {
    for (const opts of [undefined, {}, { lang: 'zh', backend: 'closures', maxErrors: 0, explain: true }, { backend: 'compiled', maxErrors: Infinity, exactValues: false }]) {
      const out = await one(opts);
      expect(out.ok, JSON.stringify(opts)).toBe(true);
      if (out.ok) expect(out.value.grade).toBe('A');
    }
  });
});

describe('one subject’s id', () => {
  it.each([
    ['missing', { input: { x: 1 } }],
    ['a number', { id: 42, input: { x: 1 } }],
    ['empty', { id: '', input: { x: 1 } }],
    ['too long', { id: 'x'.repeat(300), input: { x: 1 } }],
    ['a control character', { id: 'a\u0001', input: { x: 1 } }],
  ])('refuses an id that is %s, as a cohort does', async (_, subject) => {
    const out = await one(undefined, subject);
    expect(out.ok || out.errors.map((e) => [e.code, e.path])).toEqual([['KH-E008', 'id']]);
    const cohort = await lib.evaluateCohort(scheme, [subject as SubjectInput]);
    expect(cohort.ok).toBe(false);
  });

  it('answers with the id it was given', async () => {
    const out = await one(undefined, { id: '530623197002190657', input: { x: 50 } });
    expect(out.ok && out.value.subject).toBe('530623197002190657');
  });
});
