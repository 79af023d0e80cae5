// A measurement (`npm run test:measure` only; docs/testing.md): the time bounds of a broken file
// (limits.test.ts proves the output bounds and where the parser stops). Error recovery is linear —
// one error inside 95 brackets followed by 15 KB of `=>` took 7 s — and 900,000 unexpected characters
// no longer cost seconds. Times are CPU times, the best of three, with bounds about 4× what a loaded
// 2-core machine measured (in the comments).

import { describe, expect, it } from 'vitest';
import { analyze } from '../../dsl/index.js';
import { SYNTAX_ERROR_LIMIT } from '../../dsl/parser/error-limit.js';
import { JUNK, syntax, timed } from './junk-shapes.js';

describe('a broken file costs bounded time', () => {
  it('warms up', () => { analyze('scheme S { let a = 1 }'); });

  it('900,000 unexpected characters in under 500 ms', () => {
    const { ms, a } = timed(`scheme 垃圾K { ${'@ '.repeat(900_000)}}`, 500); // measured 30–110 ms (before: 1.9–3.4 s)
    expect(a.diagnostics).toHaveLength(SYNTAX_ERROR_LIMIT + 1);
    expect(ms).toBeLessThan(500);
  });

  it('one error deep in brackets before 30 KB that no rule can resume on', () => {
    const { ms, a } = timed(JUNK.deepResync(30_000), 400); // measured 20–60 ms (before: 7 s)
    expect(syntax(a).length).toBeGreaterThan(0);
    expect(ms).toBeLessThan(400);
  });

  // Measured on a loaded 2-core machine: at most 60 ms at 15 KB, 1 s at 1.5 MB (most of it lexing
  // and, for unterminated strings, checking 115,000 declarations).
  for (const [shape, make] of Object.entries(JUNK)) {
    it(`${shape}: 15 KB in under 100 ms, 150 KB in under 600 ms, at most ${SYNTAX_ERROR_LIMIT + 1} syntax diagnostics`, () => {
      for (const [size, bound] of [[15_000, 100], [150_000, 600]]) {
        const { ms, a } = timed(make(size), bound);
        expect(syntax(a).length).toBeLessThanOrEqual(SYNTAX_ERROR_LIMIT + 1);
        expect(ms, `${shape} at ${size} characters`).toBeLessThan(bound);
      }
    });
  }

  it('1.5 MB of the slowest shapes in under 4 s each', () => {
    for (const shape of ['atSigns', 'soup', 'mixedWithValid', 'lets', 'indexes', 'deepResync']) {
      const { ms, a } = timed(JUNK[shape](1_500_000), 4_000);
      expect(syntax(a).length).toBeLessThanOrEqual(SYNTAX_ERROR_LIMIT + 1);
      expect(ms, shape).toBeLessThan(4_000);
    }
  }, 120_000);
});
