// The reference schemes check clean (the only diagnostic: province-annual's unused 职级), and the
// checker's maps are complete: every NameRef resolved, every expression typed.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../dsl/index.js';
import type { NameRef } from '../../dsl/ast.js';
import { exprNodes } from './helpers.js';

const examples = join(dirname(fileURLToPath(import.meta.url)), '../../../shared/spec/examples');

describe.each(['province-annual', 'annual-composite', 'quarterly-routine'])('%s', (name) => {
  const a = analyze(readFileSync(join(examples, `${name}.kaohe`), 'utf8'), `${name}.kaohe`);

  it('checks clean', () => {
    const shown = a.diagnostics.map((d) => `${d.severity} ${d.code}: ${d.message}`);
    expect(shown).toEqual(name === 'province-annual' ? ['warning KH-C040: input 职级 is declared but never used'] : []);
  });

  it('resolves every name and types every expression', () => {
    const c = a.checked!;
    const all = exprNodes(c.scheme);
    const names = all.filter((e): e is NameRef => e.kind === 'Name');
    expect(names.filter((n) => !c.refs.has(n)).map((n) => n.name)).toEqual([]);
    expect(all.filter((e) => !c.types.has(e)).map((e) => a.file.slice(e.span))).toEqual([]);
  });

  it('resolves result names, binders and members by type', () => {
    const c = a.checked!;
    const kinds = new Set([...c.refs.values()].map((r) => r.kind));
    expect(kinds).toContain('result');
    expect(kinds).toContain('binder');
    for (const [n, r] of c.refs) if (r.kind === 'result') expect(r.name).toBe(n.builtin ?? r.name);
  });
});

it('province-annual: `q == 好` resolves to the 平时等次 member and `grade == 基本称职` to a grade', () => {
  const a = analyze(readFileSync(join(examples, 'province-annual.kaohe'), 'utf8'));
  const c = a.checked!;
  const find = (name: string) => [...c.refs].filter(([n]) => n.name === name).map(([, r]) => r);
  expect(find('好').every((r) => r.kind === 'member' && r.enumName === '平时等次')).toBe(true);
  expect(find('基本称职').every((r) => r.kind === 'grade')).toBe(true);
  expect(find('t').every((r) => r.kind === 'binder')).toBe(true);
  expect(find('score')[0]).toEqual({ kind: 'result', name: 'score' });
});
