// format() is total on any parse: it never throws, whatever tree error recovery built. That it places
// comments in O((lines + comments) log lines) is a time bound: totality.measure.test.ts (`npm run
// test:measure`; moved there in issue 16, session 8 — docs/testing.md: no time bound in `npm test`).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { format } from '../../dsl/format/index.js';
import { parse } from '../../dsl/parser/index.js';
import { SourceFile } from '../../dsl/source.js';
import { deepestAccepted, SHAPES } from '../parser/deep-shapes.js';
import { JUNK, tokenSoup } from '../parser/junk-shapes.js';

function formatAny(text: string): string {
  const file = new SourceFile(text, 'any.kaohe');
  return format(parse(file).value, file);
}

describe('format is total', () => {
  it('never throws on token soup from the keyword tables in both languages', () => {
    fc.assert(fc.property(fc.nat(1_000_000), fc.integer({ min: 10, max: 600 }), (seed, size) => {
      expect(typeof formatAny(`scheme s {\n${tokenSoup(size, seed)}\n}\n`)).toBe('string');
    }), { numRuns: 300 });
  });

  it('never throws on the pathological inputs, at 15 KB', () => {
    for (const make of Object.values(JUNK)) expect(typeof formatAny(make(15_000))).toBe('string');
  });

  it('formats the deepest tree of every shape the parser accepts', () => {
    for (const make of Object.values(SHAPES)) expect(formatAny(make(deepestAccepted(make)))).toContain('深');
  });
});
