// Inputs a library caller can pass that JSON text never holds (issue 16, hostile findings F9–F11):
// doubles beyond 10^±100 are refused as the JSON readers refuse them (same code and message), a
// BigInt is an input error like a Symbol (not a thrown TypeError), and a subject is read once as
// plain data, so a getter that answers differently on each read, an own non-enumerable property or
// one defined on Object.prototype give both backends the same answer.

import { describe, expect, it } from 'vitest';
import { render } from '../../dsl/i18n/index.js';
import { validatorFor } from '../../engine/codegen/validate.js';
import { codegenCounters, resetCounters } from '../../engine/codegen/index.js';
import { evaluate, planOf, prepare } from '../../engine/index.js';
import { parseJsonExact } from '../../engine/json-exact.js';
import type { EvalOutcome, PreparedScheme, SubjectInput, SubjectResult } from '../../engine/api.js';
import * as lib from '../../index.js';

const SRC = `scheme lib "library inputs" {
  version "1"
  precision 2
  panel 评 "评价" {
    甲 "甲" weight 50%
    乙 "乙" weight 50%
    missing renormalize
  }
  input {
    x: number >= 0
    r: ratings of 评
  }
  group g weight 100% {
    indicator i weight 50% = linear x { 0 => 0, 100 => 100 }
    indicator j weight 50% = rate r
  }
  grades {
    A when score >= 90
    B otherwise
  }
}`;

const scheme = (): PreparedScheme => prepare(SRC).value!;
const BACKENDS = ['compiled', 'closures'] as const;
type Run = (s: PreparedScheme, subject: SubjectInput, backend: (typeof BACKENDS)[number]) => Promise<EvalOutcome<SubjectResult>>;
const viaEngine: Run = (s, subject, backend) => evaluate(s, subject, { backend });
const viaLibrary: Run = (s, subject, backend) => lib.evaluate(s, subject, { backend });

/** Both backends' answers as JSON text (the compiled one really compiled when `compiled` is set). */
async function both(make: () => SubjectInput, run: Run = viaEngine, compiled?: boolean): Promise<[string, string]> {
  const s = scheme();
  resetCounters();
  const a = JSON.stringify(await run(s, make(), 'compiled'));
  if (compiled !== undefined) expect(codegenCounters.compiled > 0, 'compiled program ran').toBe(compiled);
  const b = JSON.stringify(await run(s, make(), 'closures'));
  return [a, b];
}

describe('F9: numbers beyond 10^±100 from a library caller', () => {
  const subject = (x: unknown, r: unknown = { 甲: [80] }): SubjectInput => ({ id: 'A', input: { x, r } as Record<string, unknown> });

  it('are refused with the JSON readers’ code and message, by both backends', async () => {
    const s = scheme();
    for (const [x, text] of [[1e308, '1e308'], [5e-324, '5e-324'], [1e101, '1e101'], [9.99e-101, '9.99e-101']] as const) {
      const fromJson = await evaluate(s, parseJsonExact(`{"id":"A","input":{"x":${text},"r":{"甲":[80]}}}`) as SubjectInput);
      expect(fromJson.ok).toBe(false);
      for (const backend of BACKENDS) {
        const got = await evaluate(s, subject(x), { backend });
        expect(got, `${text} ${backend}`).toEqual(fromJson);
        if (got.ok) continue;
        expect(got.errors[0]).toMatchObject({ code: 'KH-E003', path: 'x', found: text, message: `x: the number ${text} is beyond 10^±100 and cannot be read exactly` });
        expect(render(got.errors[0].msg!, 'zh')).toContain(`数值 ${text} 超出 10^±100`);
      }
    }
  });

  it('also as a rating (the ratings fast path) and as its negative', async () => {
    for (const backend of BACKENDS) {
      const got = await evaluate(scheme(), subject(1, { 甲: [5e-324] }), { backend });
      expect(got.ok ? [] : got.errors.map((e) => [e.code, e.path, e.found])).toEqual([['KH-E003', 'r.甲[0]', '5e-324']]);
      const neg = await evaluate(scheme(), subject(-1e101), { backend });
      expect(neg.ok ? [] : neg.errors.map((e) => e.found)).toEqual(['-1e101']);
    }
  });

  it('the limits themselves are read', async () => {
    for (const x of [1e-100, 9.99e100, 0, -0]) {
      const [a, b] = await both(() => subject(x));
      expect(JSON.parse(a).ok, String(x)).toBe(true);
      expect(a).toBe(b);
    }
  });

  it('the generated validator leaves them to the reference', () => {
    const check = validatorFor(planOf(scheme()).contract);
    expect(check({ x: 50, r: { 甲: [80] } })).toBe(true);
    for (const x of [1e308, 5e-324, 1e101]) expect(check({ x, r: { 甲: [80] } }), String(x)).toBe(false);
    expect(check({ x: 50, r: { 甲: [5e-324] } })).toBe(false);
  });
});

describe('F10: a BigInt input', () => {
  it('is an input error (KH-E003, found “1n”), not a thrown TypeError, on both backends', async () => {
    for (const backend of BACKENDS) {
      const got = await evaluate(scheme(), { id: 'A', input: { x: 1n, r: { 甲: [80] } } as Record<string, unknown> }, { backend });
      expect(got.ok).toBe(false);
      if (got.ok) continue;
      expect(got.errors.map((e) => [e.code, e.path, e.found])).toEqual([['KH-E003', 'x', '1n']]);
      expect(render(got.errors[0].msg!, 'zh')).toMatch(/^x：/);
    }
  });

  it('inside an unknown field or a rating list too', async () => {
    for (const backend of BACKENDS) {
      const got = await evaluate(scheme(), { id: 'A', input: { x: 1, r: { 甲: [2n] }, y: { n: 3n } } as Record<string, unknown> }, { backend });
      expect(got.ok ? [] : got.errors.map((e) => [e.code, e.found])).toEqual([['KH-E001', '{"n":3n}'], ['KH-E003', '2n']]);
    }
  });
});

describe('F11: a subject is read once, as plain data', () => {
  it('a getter answering differently on each read: both backends evaluate its first answer', async () => {
    // the first answer is one the compiled engine's fast check leaves to the reference validator
    const first = 12.3456789012345678;
    const make = () => {
      let reads = 0;
      return { id: 'A', input: { get x() { reads++; return reads === 1 ? first : 99; }, r: { 甲: [80] } } };
    };
    const [a, b] = await both(make, viaLibrary);
    expect(a).toBe(b);
    const [plain] = await both(() => ({ id: 'A', input: { x: first, r: { 甲: [80] } } }), viaLibrary);
    expect(a).toBe(plain);
  });

  it('the library calls each getter once, and a throwing one rejects the promise', async () => {
    let reads = 0;
    const input = { get x() { reads++; return 50; }, r: { 甲: [80] } };
    await lib.evaluate(scheme(), { id: 'A', input }, { backend: 'closures' });
    await lib.evaluate(scheme(), { id: 'A', input }, { backend: 'compiled' });
    expect(reads).toBe(2);
    const bad = { id: 'A', input: { get x(): number { throw new Error('boom'); }, r: {} } };
    await expect(lib.evaluate(scheme(), bad)).rejects.toThrow('boom');
  });

  it('the reference validator reads a field once', async () => {
    let reads = 0;
    await evaluate(scheme(), { id: 'A', input: { get x() { reads++; return 50; }, r: { 甲: [80] } } }, { backend: 'closures' });
    expect(reads).toBe(1);
  });

  it('an own non-enumerable category is not read, by either backend (engine and library)', async () => {
    const make = () => {
      const r = { 甲: [80] };
      Object.defineProperty(r, '乙', { value: [0], enumerable: false });
      return { id: 'A', input: { x: 50, r } };
    };
    const [plain] = await both(() => ({ id: 'A', input: { x: 50, r: { 甲: [80] } } }), viaEngine, true);
    for (const run of [viaEngine, viaLibrary]) {
      const [a, b] = await both(make, run);
      expect(a).toBe(b);
      expect(a).toBe(plain);
    }
  });

  it('a non-enumerable category defined on Object.prototype after compiling is not read either', async () => {
    const s = scheme();
    const subject = () => ({ id: 'A', input: { x: 50, r: { 甲: [80] } } });
    const plain = JSON.stringify(await evaluate(s, subject(), { backend: 'compiled' }));
    Object.defineProperty(Object.prototype, '乙', { value: [0], enumerable: false, configurable: true });
    try {
      for (const backend of BACKENDS) expect(JSON.stringify(await evaluate(s, subject(), { backend })), backend).toBe(plain);
    } finally {
      delete (Object.prototype as Record<string, unknown>)['乙'];
    }
  });

  it('keeps `__proto__` keys, holes and deep values as they were (library and engine answer alike)', async () => {
    const deep: unknown[] = [];
    let at = deep;
    for (let i = 0; i < 100_000; i++) { const next: unknown[] = []; at.push(next); at = next; }
    const cases: (() => SubjectInput)[] = [
      () => JSON.parse('{"id":"A","input":{"x":50,"r":{"甲":[80]},"__proto__":{"x":7}}}') as SubjectInput,
      () => ({ id: 'A', input: { x: 50, r: { 甲: [80, , 90] } } }), // eslint-disable-line no-sparse-arrays
      () => ({ id: 'A', input: { x: 50, r: { 甲: [80] }, y: deep } }),
      () => ({ id: 'A', input: Object.assign(Object.create(null) as object, { x: 50, r: { 甲: [80] } }) as Record<string, unknown> }),
    ];
    for (const make of cases) {
      for (const backend of BACKENDS) {
        expect(JSON.stringify(await lib.evaluate(scheme(), make(), { backend }))).toBe(JSON.stringify(await evaluate(scheme(), make(), { backend })));
      }
    }
  });
});
