// A broken file costs bounded time and bounded output: at most SYNTAX_ERROR_LIMIT syntax problems and
// one KH-P009 for the rest (the audit's 1.8 MB of `@ ` was 900,000 diagnostics, a 180 MB answer), the
// parser stops at the first error beyond the limit and then gives no tree to check, and error recovery
// is linear (one error inside 95 brackets followed by 15 KB of `=>` took 7 s). The time bounds (CPU,
// the best of three, at 15 KB, 150 KB and 1.5 MB of every junk shape) are measurements:
// limits.measure.test.ts, in `npm run test:differential` (docs/testing.md).

import fc from 'fast-check';
import type { IToken, TokenType } from 'chevrotain';
import { describe, expect, it } from 'vitest';
import { analyze, type Analysis } from '../../dsl/index.js';
import { CappedSink, SYNTAX_ERROR_LIMIT, TooManyErrors } from '../../dsl/parser/error-limit.js';
import { tokenize } from '../../dsl/parser/lexer.js';
import { KaoheParser } from '../../dsl/parser/parser.js';
import { planResync } from '../../dsl/parser/recovery.js';
import { JUNK, syntax } from './junk-shapes.js';

const codes = (a: Analysis, code: string) => a.diagnostics.filter((d) => d.code === code);
const lets = (n: number) => 'let a = +\n'.repeat(n); // one syntax error each

describe('too many syntax errors (KH-P009)', () => {
  it('reports the first 100 of 900,000 unexpected characters and one KH-P009 where the rest begin', () => {
    const head = 'scheme 垃圾K { ';
    const a = analyze(head + '@ '.repeat(900_000) + '}');
    expect(codes(a, 'KH-P004')).toHaveLength(SYNTAX_ERROR_LIMIT);
    expect(a.diagnostics).toHaveLength(SYNTAX_ERROR_LIMIT + 1);
    const last = a.diagnostics[SYNTAX_ERROR_LIMIT];
    expect(last.code).toBe('KH-P009');
    expect(last.span.start).toBe(head.length + 2 * SYNTAX_ERROR_LIMIT); // the 101st `@`
  });

  it('keeps the tree but does not check it when only the lexer had too many problems', () => {
    // Past the limit the checker's findings are noise, and on 1.5 MB of broken lets they doubled the cost.
    const a = analyze(`scheme S {\n  let a = b ${'@'.repeat(150)}\n}\n`);
    expect(codes(a, 'KH-P004')).toHaveLength(SYNTAX_ERROR_LIMIT);
    expect(codes(a, 'KH-P009')).toHaveLength(1);
    expect(a.parsed.scheme).toBeDefined();
    expect(a.checked).toBeUndefined();
    expect(a.diagnostics.filter((d) => d.code.startsWith('KH-C'))).toEqual([]); // not even `b`
    const fewer = analyze(`scheme S {\n  let a = b ${'@'.repeat(99)}\n}\n`);
    expect(codes(fewer, 'KH-C001')).toHaveLength(1); // below the limit it is checked: `b`
  });

  it('reports exactly 100 parser errors without KH-P009 and keeps the tree', () => {
    const a = analyze(`scheme S {\n${lets(SYNTAX_ERROR_LIMIT)}}\n`);
    expect(codes(a, 'KH-P001')).toHaveLength(SYNTAX_ERROR_LIMIT);
    expect(codes(a, 'KH-P009')).toEqual([]);
    expect(a.parsed.scheme).toBeDefined();
  });

  it('stops the parser at the 101st error: no tree, nothing checked, nothing reported after the stop', () => {
    const text = `scheme S {\n${lets(SYNTAX_ERROR_LIMIT + 50)}  indicator i points 100 = unknown ${'@'.repeat(5)}\n}\n`;
    const a = analyze(text);
    expect(codes(a, 'KH-P001')).toHaveLength(SYNTAX_ERROR_LIMIT);
    const [stop] = codes(a, 'KH-P009');
    expect(stop.range.start.line).toBe(SYNTAX_ERROR_LIMIT + 2); // the line of the 101st error
    expect(a.parsed.scheme).toBeUndefined();
    expect(a.diagnostics.filter((d) => d.code.startsWith('KH-C'))).toEqual([]); // not a flood of false errors
    expect(a.diagnostics.every((d) => d.span.start <= stop.span.start)).toBe(true);
  });

  it('keeps the first 100 problems in the file when lexer and parser problems interleave', () => {
    const line = (k: number) => (k % 3 === 0 ? 'let a = +\n' : `let b${k} = 1 @\n`);
    const text = `scheme S {\n${Array.from({ length: 180 }, (_, k) => line(k)).join('')}}\n`;
    const a = analyze(text);
    const found = syntax(a);
    expect(found).toHaveLength(SYNTAX_ERROR_LIMIT + 1);
    expect(found.slice(0, -1).map((d) => d.range.start.line)).toEqual(Array.from({ length: SYNTAX_ERROR_LIMIT }, (_, k) => k + 2));
    expect(found[SYNTAX_ERROR_LIMIT].code).toBe('KH-P009');
    expect(found[SYNTAX_ERROR_LIMIT].range.start.line).toBe(SYNTAX_ERROR_LIMIT + 2);
  });
});

describe('error recovery is linear', () => {
  it('plans a resynchronisation as Chevrotain does, level by level (recovery.ts)', () => {
    // Chevrotain: at each level d from the deepest, find the first token ahead in the union of the
    // follow sets of levels 0..d; recover at d if its type follows level d, else try d - 1.
    const types = Array.from({ length: 6 }, (_, i) => ({ name: `T${i}`, tokenTypeIdx: i + 1 }) as TokenType);
    const eof = { name: 'EOF', tokenTypeIdx: 99 } as TokenType;
    const chevrotain = (follows: TokenType[][], la: (k: number) => IToken) => {
      for (let d = follows.length - 1; d >= 0; d--) {
        const union = follows.slice(0, d + 1).flat();
        let k = 1;
        while (!union.some((t) => t.tokenTypeIdx === la(k).tokenTypeIdx)) k++;
        if (follows[d].some((t) => t.tokenTypeIdx === la(k).tokenTypeIdx)) return { level: d, type: la(k).tokenType };
      }
      throw new Error('unreachable: end of file follows level 0');
    };
    const typeArb = fc.nat(types.length - 1).map((i) => types[i]);
    fc.assert(fc.property(
      fc.array(fc.array(typeArb, { maxLength: 3 }), { maxLength: 8 }), fc.array(typeArb, { maxLength: 30 }),
      (upper, input) => {
        const follows = [[eof], ...upper];
        const la = (k: number): IToken => {
          const type = input[k - 1] ?? eof;
          return { tokenType: type, tokenTypeIdx: type.tokenTypeIdx!, image: '', startOffset: k };
        };
        const { level, type } = planResync(follows, la);
        expect({ level, type }).toEqual(chevrotain(follows, la));
      }), { numRuns: 500 });
  });

  it('stops when recovery has scanned its budget of tokens (a bound no input above comes near)', () => {
    const text = JUNK.deepResync(15_000); // its one error scans 5,000 tokens ahead
    const tokens = tokenize(text, new CappedSink({ add() {} }, 0)).tokens;
    const parser = new KaoheParser();
    parser.begin(tokens, 200);
    let stop: unknown;
    try { parser.scheme(); } catch (e) { stop = e; }
    expect(stop).toBeInstanceOf(TooManyErrors);
    expect((stop as TooManyErrors).reason).toBe('recovery');
    parser.begin(tokens);
    expect(() => parser.scheme()).not.toThrow(TooManyErrors); // … with the ordinary budget, not even 100 errors
  });

  for (const [shape, make] of Object.entries(JUNK)) {
    it(`${shape}: at most ${SYNTAX_ERROR_LIMIT + 1} syntax diagnostics at 15 KB, nothing checked after a stop`, () => {
      const a = analyze(make(15_000));
      expect(syntax(a).length).toBeLessThanOrEqual(SYNTAX_ERROR_LIMIT + 1);
      if (codes(a, 'KH-P009').length && !a.parsed.scheme) expect(a.diagnostics.filter((d) => d.code.startsWith('KH-C'))).toEqual([]);
    });
  }
});
