// engine/stream/texts.ts: the packed texts answer as an array and a Set of the same strings would —
// ids of every shape (empty, long, non-ASCII, lone surrogates), repeated, across the table's growth.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PackedTexts, TextSet } from '../../engine/stream/texts.js';

describe('packed texts', () => {
  it('a list and a set of them, as an array and a Set', () => {
    const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('', 'P1', 'P10', '单位1', '\ud800'));
    fc.assert(fc.property(fc.array(text, { maxLength: 3000 }), (texts) => {
      const all = [...texts, ...texts.slice(0, 50)]; // repeats, some after growth
      const list = new PackedTexts(), set = new TextSet(), ref = new Set<string>();
      const added = all.map((t) => { list.push(t); return set.add(t); });
      const expected = all.map((t) => { const fresh = !ref.has(t); ref.add(t); return fresh; });
      expect(added).toEqual(expected);
      expect(list.all()).toEqual(all);
      expect(texts.every((t) => set.has(t))).toBe(true);
      expect(set.has('never pushed \u0000')).toBe(false);
    }), { numRuns: 25, seed: 5 });
  });

  it('a text longer than a chunk of the reader (at) and a million short ids', () => {
    const list = new PackedTexts(), long = 'x'.repeat(10_000) + '考核';
    list.push(long);
    expect(list.at(0)).toBe(long);
    const set = new TextSet();
    for (let i = 0; i < 1_000_000; i++) set.add(`P${i}`);
    expect(set.add('P999999')).toBe(false);
    expect(set.add('P1000000')).toBe(true);
  });
});
