// Properties over generated schemes (test/gen): the formatter keeps the tree and every comment,
// is idempotent, and its keyword-language switch round-trips.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { schemeArb } from '../gen/scheme-arb.js';
import { fmt, parseOk, sameTree } from './helpers.js';

// fc.gen-based generation and chevrotain parsing cost ~50 ms a case; 50 runs keep this file near 10 s.
// No shrinking (endOnFailure): shrinking fc.gen draws re-generates and re-parses for minutes; the failing
// source is in the assertion message anyway.
const runs = { numRuns: 50, endOnFailure: true };

describe('formatting generated schemes', () => {
  it('parse(format(x)) equals parse(x), ignoring spans', () => {
    fc.assert(fc.property(schemeArb({ tokenComments: 0.05 }), ({ source }) => {
      const before = parseOk(source);
      sameTree(before, parseOk(fmt(source)));
    }), runs);
  });

  it('is idempotent in both keyword languages', () => {
    fc.assert(fc.property(schemeArb(), ({ source }) => {
      for (const lang of [undefined, 'en', 'zh'] as const) {
        const once = fmt(source, lang);
        expect(fmt(once, lang)).toBe(once);
        if (lang) expect(fmt(once)).toBe(once); // without a language: the line above
      }
    }), runs);
  });

  it('switches zh → en and en → zh to the canonical forms', () => {
    fc.assert(fc.property(schemeArb({ keywords: 'mixed' }), ({ source }) => {
      const en = fmt(source, 'en');
      const zh = fmt(source, 'zh');
      expect(fmt(zh, 'en')).toBe(en);
      expect(fmt(en, 'zh')).toBe(zh);
      sameTree(parseOk(source), parseOk(zh));
    }), runs);
  });
});
