// The generator's contract: every generated scheme parses and checks without errors, and the
// generated inputs name every required field.

import fc from 'fast-check';
import { expect, it } from 'vitest';
import { analyze } from '../../dsl/index.js';
import { genInput, schemeArb, seededRng } from './scheme-arb.js';

it('generates schemes without parse or check errors', () => {
  fc.assert(fc.property(schemeArb(), ({ source }) => {
    const errors = analyze(source).diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.column} ${d.message}`), source).toEqual([]);
  }), { numRuns: 40, endOnFailure: true });
});

it('generates inputs with every required field', () => {
  fc.assert(fc.property(schemeArb({ examples: false }), fc.nat(), ({ model }, seed) => {
    const input = genInput(seededRng(seed), model);
    for (const f of model.inputs) if (f.required) expect(input).toHaveProperty([f.name]);
  }), { numRuns: 20, endOnFailure: true });
});
