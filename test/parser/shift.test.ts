// SpanShifter (dsl/parser/shift.ts) is written out per node kind for speed; this checks it against a
// generic walk over every object of the tree: on random valid schemes of every construct and on the
// reference schemes, each span at or after the edit moves exactly once and no other span moves. A
// field with a span added to dsl/ast.ts but not to the shifter fails here. 40 random schemes at a fixed
// seed (issue 16, session 6; 150 at a random one before): a shifter that skips a panel's `trim … at least`,
// a quota's `normal` or `by committee` fails by the 5th of them (and on the reference schemes).

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { schemeSourceArb } from '../gen/scheme-arb.js';
import { shiftsExactlyOnce } from './helpers.js';

const DIR = join(import.meta.dirname, '../../schemes');
const REFERENCE = readdirSync(DIR).filter((f) => f.endsWith('.kaohe')).map((f) => readFileSync(join(DIR, f), 'utf8'));

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
    }), { numRuns: 40, seed: 20261206, endOnFailure: true }); // (shrinking a generated scheme takes minutes)
  });
});
