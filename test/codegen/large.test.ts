// Schemes too big for one generated function (CG3, hostile finding F7): a source past MAX_SOURCE is
// not compiled ("too large") and runs on closures; an exception that is not a subject's bail (a
// RangeError such as "Maximum call stack size exceeded") disables the program for its plan once,
// instead of retrying the failing program for every subject.

import { describe, expect, it } from 'vitest';
import { evaluate, planOf, prepare } from '../../engine/index.js';
import { codegenCounters, compileJs, MAX_SOURCE, resetCounters } from '../../engine/codegen/index.js';
import { Bail } from '../../engine/codegen/runtime.js';

/** One `normalize` group of n `x * k / 7` indicators (the hostile scheme's shape). */
function big(n: number, tag: string): string {
  const lines = Array.from({ length: n }, (_, i) => `    indicator i${i} weight 1% = x * ${(i % 7) + 1} / 7`);
  return `scheme Big${tag} {\n  input { x: number in [0, 100] }\n  group g weight 100% normalize {\n${lines.join('\n')}\n  }\n}\n`;
}

describe('large schemes', () => {
  it('a scheme whose generated source passes MAX_SOURCE is "too large" and runs on closures', async () => {
    const s = prepare(big(3000, 'L')).value!;
    const c = compileJs(planOf(s));
    expect(c.program).toBeUndefined();
    expect(c.unsupported).toEqual([{ what: 'too large' }]);
    resetCounters();
    const a = await evaluate(s, { id: 'a', input: { x: 50 } }, { backend: 'compiled' });
    const b = await evaluate(s, { id: 'a', input: { x: 50 } }, { backend: 'closures' });
    expect(a).toEqual(b);
    expect(codegenCounters).toEqual({ compiled: 0, bailed: 1, reasons: { 'unsupported scheme': 1 } });
  }, 60_000);

  it('a smaller generated scheme stays compiled, below MAX_SOURCE, with the closures\' results', async () => {
    const s = prepare(big(200, 'S')).value!;
    const c = compileJs(planOf(s));
    expect(c.program!.source.length).toBeLessThan(MAX_SOURCE);
    resetCounters();
    for (const x of [0, 7, 33, 100]) {
      const a = await evaluate(s, { id: 'a', input: { x } }, { backend: 'compiled' });
      expect(a).toEqual(await evaluate(s, { id: 'a', input: { x } }, { backend: 'closures' }));
    }
    expect(codegenCounters.compiled).toBe(4);
  });

  it('an exception that is not a bail disables the program for the plan, recorded once', async () => {
    const s = prepare(big(20, 'E')).value!;
    const c = compileJs(planOf(s));
    const prog = c.program!;
    let calls = 0;
    prog.run = () => { calls++; throw new RangeError('Maximum call stack size exceeded'); };
    resetCounters();
    for (const x of [1, 2, 3]) {
      const a = await evaluate(s, { id: 'a', input: { x } }, { backend: 'compiled' });
      expect(a).toEqual(await evaluate(s, { id: 'a', input: { x } }, { backend: 'closures' }));
    }
    expect(calls).toBe(1); // not retried per subject
    expect(c.program).toBeUndefined();
    expect(c.unsupported).toEqual([{ what: 'exception: Maximum call stack size exceeded' }]);
    expect(codegenCounters).toEqual({ compiled: 0, bailed: 3, reasons: { 'exception: Maximum call stack size exceeded': 1, 'unsupported scheme': 2 } });
  });

  it('a subject\'s bail does not disable the program', async () => {
    const s = prepare(big(20, 'B')).value!;
    const c = compileJs(planOf(s));
    const prog = c.program!;
    const run = prog.run;
    let first = true;
    prog.run = (...args) => { if (first) { first = false; throw new Bail('overflow'); } return run(...args); };
    resetCounters();
    await evaluate(s, { id: 'a', input: { x: 1 } }, { backend: 'compiled' });
    await evaluate(s, { id: 'a', input: { x: 2 } }, { backend: 'compiled' });
    expect(c.program).toBe(prog);
    expect(codegenCounters).toEqual({ compiled: 1, bailed: 1, reasons: { overflow: 1 } });
  });
});
