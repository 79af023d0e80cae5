// server/evaluations/utf8-slab.ts: the evaluate route's result bytes (stored and answered) are
// Buffer.from's, byte for byte, and a view handed out is never written over by a later one.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utf8Bytes } from '../../server/evaluations/utf8-slab.js';

describe('utf8Bytes', () => {
  it('equals Buffer.from for any text, lone surrogates included', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
      expect(utf8Bytes(text).equals(Buffer.from(text))).toBe(true);
    }), { numRuns: 3000 });
    for (const text of ['', '{}', '\ud800', 'a\udc00b', '😀', '考核'.repeat(2000), 'x'.repeat(70_000)]) {
      expect(utf8Bytes(text).equals(Buffer.from(text)), text.slice(0, 10)).toBe(true);
    }
  });

  it('keeps every view it handed out as it was, across new slabs', () => {
    const texts = Array.from({ length: 400 }, (_, i) => `{"id":"${i}","等级":"${'优秀'.repeat(i % 50)}"}`);
    const views = texts.map(utf8Bytes); // more room asked for than one slab holds
    views.forEach((v, i) => expect(v.toString('utf8')).toBe(texts[i]));
  });
});
