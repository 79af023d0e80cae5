// Mutation checks for the reference schemes: a scheme's examples must catch a changed share, amount or
// decision. Shared by reference-schemes.test.ts (issue 12) and cohort-schemes.test.ts (issue 13).

import { expect } from 'vitest';
import { prepare, runExamples } from '../../engine/index.js';

/** Names of the examples that fail (or `errors` when the scheme no longer compiles). */
export async function failing(source: string): Promise<string[] | 'errors'> {
  const p = prepare(source, 'mutant.kaohe');
  if (!p.value) return 'errors';
  return (await runExamples(p.value)).filter((o) => !o.passed).map((o) => o.name);
}

/** `source` with each `from` (which must occur exactly once) replaced by its `to`. */
export function mutate(source: string, from: string | string[], to: string | string[]): string {
  const froms = [from].flat(), tos = [to].flat();
  return froms.reduce((s, f, i) => {
    expect(s.split(f).length - 1, `"${f}" occurs once`).toBe(1);
    return s.replace(f, tos[i]);
  }, source);
}

export type Mutation = [why: string, from: string | string[], to: string | string[], example: string];

/** Each mutant must still compile (a mutation that breaks the scheme proves nothing about the
 * examples) and must fail the named example. */
export async function expectCaught(source: string, from: string | string[], to: string | string[], example: string): Promise<void> {
  const r = await failing(mutate(source, from, to));
  expect(r, 'the mutant compiles').not.toBe('errors');
  expect(r, JSON.stringify(r)).toContain(example);
}
