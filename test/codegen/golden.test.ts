// Goldens of the code generator for a small scheme (test/codegen/schemes/small.kaohe): its IR and
// the emitted JavaScript, so a change to lowering or emitting shows up as a reviewed diff.
// UPDATE_GOLDEN=1 rewrites them. The program also runs: its results equal the closures'.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, planOf, prepare } from '../../engine/index.js';
import { codegenCounters, compileJs, resetCounters } from '../../engine/codegen/index.js';
import { recordArb } from '../jre/subjects.js';

const s = prepare(readFileSync('test/codegen/schemes/small.kaohe', 'utf8')).value!;
const plan = planOf(s);
const c = compileJs(plan);

function golden(path: string, text: string): void {
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) writeFileSync(path, text);
  expect(text).toBe(readFileSync(path, 'utf8'));
}

describe('small scheme goldens', () => {
  it('IR', () => {
    expect(c.unsupported).toEqual([]);
    // contract types by their text (they carry AST and message objects)
    const ir = JSON.stringify(c.program!.ir, (k, v) => (k === 'spec' ? v.text : k === 'hash' ? 'sha256:…' : v), 1);
    golden('test/codegen/golden/small.ir.json', `${ir}\n`);
  });
  it('JavaScript', () => {
    golden('test/codegen/golden/small.js.txt', c.program!.source.replace(/sha256:[0-9a-f]+/, 'sha256:…'));
  });
  it('runs as the closures do', async () => {
    resetCounters();
    const inputs = fc.sample(recordArb(plan.contract), { seed: 16, numRuns: 400 });
    for (let i = 0; i < inputs.length; i++) {
      for (const lang of ['zh', 'en'] as const) {
        const sub = { id: `s${i}`, input: inputs[i] };
        expect(JSON.stringify(await evaluate(s, sub, { lang, backend: 'compiled' }))).toBe(JSON.stringify(await evaluate(s, sub, { lang, backend: 'closures' })));
      }
    }
    expect(codegenCounters.compiled).toBeGreaterThan(700);
  });
});
