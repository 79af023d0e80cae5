// The checks every issue-14 reference scheme gets (rounds-schemes.test.ts, related-schemes.test.ts): it
// checks clean in its keyword language, its hand-computed examples pass (in-process and through
// `kaohe test`), it is written in canonical form and its zh ↔ en conversion keeps the meaning; and the
// mutations that pin each rule to a named example. One copy, so a scheme added later gets all of them.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../dsl/index.js';
import type { Lang } from '../../dsl/keywords.js';
import { prepare, runExamples } from '../../engine/index.js';
import type { PreparedScheme } from '../../engine/api.js';
import { run as testCmd } from '../../cli/commands/test.js';
import { memoryIO } from '../memory-io.js';
import { fmt } from '../format/helpers.js';
import { expectCaught, type Mutation } from './mutants.js';

export const ROOT = join(import.meta.dirname, '../..');

/** A file of the repository (a path from its root). */
export const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/** The prepared scheme; fails the test on any error. */
export function prepared(source: string): PreparedScheme {
  const p = prepare(source, 'scheme.kaohe');
  expect(p.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`)).toEqual([]);
  return p.value!;
}

export type SchemeFile = [file: string, lang: Lang, examples: number];

/** A `describe` per file (named by its path): clean, its `examples` examples pass, canonical, converts. */
export function describeSchemeFiles(files: SchemeFile[]): void {
  describe.each(files)('%s', (file, lang, count) => {
    const source = read(file);

    it('checks clean', () => {
      const a = analyze(source, file);
      expect(a.diagnostics.map((d) => `${d.severity} ${d.code} ${d.range.start.line}: ${d.message}`)).toEqual([]);
      expect(a.parsed.keywordLang).toBe(lang);
    });

    it('its hand-computed examples pass', async () => {
      const outcomes = await runExamples(prepared(source));
      expect(outcomes.length).toBe(count);
      expect(outcomes.filter((o) => !o.passed).map((o) => `${o.name}: ${o.failures.map((f) => f.message).join('; ')}`)).toEqual([]);
    });

    it('`kaohe test` passes it', async () => {
      const io = memoryIO({}, { disk: true });
      expect(await testCmd([join(ROOT, file)], io), io.stdout + io.stderr).toBe(0);
      expect(io.stdout).toContain(`${count} passed, 0 failed`);
    });

    it('formats idempotently; zh ↔ en conversion round-trips and keeps the meaning', async () => {
      const other: Lang = lang === 'zh' ? 'en' : 'zh';
      const own = fmt(source, lang);
      const converted = fmt(source, other);
      expect(own, 'written in canonical form, its comments where they were').toBe(source);
      expect(fmt(converted, lang)).toBe(own);
      expect(converted).not.toBe(own);
      const outcomes = await runExamples(prepared(converted));
      expect(outcomes.map((o) => [o.name, o.passed])).toEqual((await runExamples(prepared(source))).map((o) => [o.name, true]));
    });
  });
}

/** One test per mutation of `file`, named `<label>: <why>`: the mutant compiles and fails the named example. */
export function pinRules(label: string, file: string, mutations: Mutation[]): void {
  const source = read(file);
  it.each(mutations)(`${label}: %s`, async (_why, from, to, example) => expectCaught(source, from, to, example));
}
