// SpanShifter (dsl/parser/shift.ts) is written out per node kind for speed; this checks it against a
// generic walk over every object of the tree: on random valid schemes of every construct and on the
// reference schemes, each span at or after the edit moves exactly once and no other span moves. A
// field with a span added to dsl/ast.ts but not to the shifter fails here.

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Scheme, Span } from '../../dsl/ast.js';
import { SpanShifter } from '../../dsl/parser/shift.js';
import { schemeSourceArb } from '../gen/scheme-arb.js';
import { parseText } from './helpers.js';

const DIR = join(import.meta.dirname, '../../schemes');
const REFERENCE = readdirSync(DIR).filter((f) => f.endsWith('.kaohe')).map((f) => readFileSync(join(DIR, f), 'utf8'));

/** Every span object reachable from the tree, with its offsets before shifting. */
function spans(scheme: Scheme): Map<Span, [number, number]> {
  const out = new Map<Span, [number, number]>();
  const walk = (v: unknown, key: string): void => {
    if (v === null || typeof v !== 'object') return;
    if (key === 'span') { const s = v as Span; out.set(s, [s.start, s.end]); return; }
    if (Array.isArray(v)) { for (const x of v) walk(x, ''); return; }
    for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  walk(scheme, '');
  return out;
}

function shiftsExactlyOnce(text: string, at: number): void {
  const r = parseText(text);
  expect(r.diagnostics.filter((d) => d.code.startsWith('KH-P'))).toEqual([]);
  const before = spans(r.scheme!);
  new SpanShifter(at, 3).scheme(r.scheme!);
  for (const [s, [start, end]] of before) {
    expect([s.start, s.end]).toEqual([start >= at ? start + 3 : start, end >= at ? end + 3 : end]);
  }
}

describe('SpanShifter', () => {
  it('moves every span of the reference schemes once', () => {
    for (const text of REFERENCE) {
      shiftsExactlyOnce(text, 0);
      shiftsExactlyOnce(text, Math.floor(text.length / 2));
    }
  });

  it('moves every span of random valid schemes once', () => {
    fc.assert(fc.property(schemeSourceArb(), fc.integer({ min: 0, max: 999 }), (text, at) => {
      shiftsExactlyOnce(text, 0);
      shiftsExactlyOnce(text, Math.floor((at / 1000) * text.length));
    }), { numRuns: 150, endOnFailure: true }); // (shrinking a generated scheme takes minutes)
  });
});
