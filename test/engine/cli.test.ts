// `kaohe eval` and `kaohe test` run in-process with a fake IO: output shapes and exit codes (API.md).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run as evalCmd } from '../../cli/commands/eval.js';
import { run as testCmd } from '../../cli/commands/test.js';
import { EXAMPLES, loadCases } from './helpers.js';
import { memoryIO } from '../memory-io.js';

/** Files from a map, then from disk (the reference schemes); `stdin` for `-`. */
const fakeIO = (files: Record<string, string>, stdin = '') => memoryIO(files, { stdin, disk: true });

const scheme = join(EXAMPLES, 'province-annual.kaohe');
const cases = loadCases('province-annual');

describe('kaohe eval', () => {
  it('reads JSON numbers exactly: 9007199254740993 - 9007199254740992 is 1, 1e99999 is refused at its path', async () => {
    const src = 'scheme 精确 { precision 0  input { n: integer }  indicator 差 weight 100% = n - 9007199254740992 }';
    const io = fakeIO({ 's.kaohe': src, 'in.json': '{"id": "a", "input": {"n": 9007199254740993}}', 'bad.json': '{"id": "a", "input": {"n": 1e99999}}' });
    expect(await evalCmd(['s.kaohe', 'in.json'], io)).toBe(0);
    expect(JSON.parse(io.stdout).score).toBe(1);
    const bad = fakeIO({ 's.kaohe': src, 'bad.json': '{"id": "a", "input": {"n": 1e99999}}' });
    expect(await evalCmd(['s.kaohe', 'bad.json'], bad)).toBe(1);
    expect(JSON.parse(bad.stdout).errors).toEqual([expect.objectContaining({ code: 'KH-E003', path: 'n', found: '1e99999' })]);
  });

  it('evaluates one subject and prints unescaped Chinese', async () => {
    const io = fakeIO({ 'in.json': JSON.stringify(cases[0].subject) });
    expect(await evalCmd([scheme, 'in.json'], io)).toBe(0);
    expect(io.stdout).toContain('"grade": "优秀"');
    expect(JSON.parse(io.stdout).score).toBe(95.17);
  });

  it('evaluates a cohort from standard input, with --explain', async () => {
    const io = fakeIO({}, JSON.stringify({ subjects: cases[1].subjects }));
    expect(await evalCmd([scheme, '-', '--explain'], io)).toBe(0);
    const out = JSON.parse(io.stdout);
    expect(out.results).toHaveLength(cases[1].subjects!.length);
    expect(out.results[0].explain).toBeDefined();
  });

  it('exits 1 with every input problem', async () => {
    const io = fakeIO({ 'in.json': JSON.stringify(cases[2].subject) });
    expect(await evalCmd([scheme, 'in.json'], io)).toBe(1);
    const paths = JSON.parse(io.stdout).errors.map((e: { path: string }) => e.path);
    for (const p of cases[2].expectErrors!) expect(paths).toContain(p);
  });

  it('exits 1 on malformed JSON and 2 on scheme errors', async () => {
    expect(await evalCmd([scheme, 'in.json'], fakeIO({ 'in.json': '{' }))).toBe(1);
    const io = fakeIO({ 's.kaohe': 'scheme X { indicator A weight 100% = nope }', 'in.json': '{"id":"a","input":{}}' });
    expect(await evalCmd(['s.kaohe', 'in.json'], io)).toBe(2);
    expect(io.stderr).toMatch(/^s\.kaohe:1:\d+: error KH-C001/m);
  });
});

describe('kaohe test', () => {
  it('passes the reference schemes', async () => {
    const io = fakeIO({});
    const files = ['annual-composite', 'province-annual', 'quarterly-routine'].map((n) => join(EXAMPLES, `${n}.kaohe`));
    expect(await testCmd(files, io)).toBe(0);
    expect(io.stdout).toContain('4 passed, 0 failed');
  });

  it('shows both sides of a failing expect and exits 1', async () => {
    const src = readFileSync(join(EXAMPLES, 'annual-composite.kaohe'), 'utf8').replace('expect score == 94.41', 'expect score == 94.40');
    const io = fakeIO({ 'a.kaohe': src });
    expect(await testCmd(['a.kaohe'], io)).toBe(1);
    expect(io.stdout).toContain('✗ 李四');
    expect(io.stdout).toMatch(/expect score == 94\.40: left 94\.41, right 94\.4/);
    expect(io.stdout).toContain('1 passed, 1 failed');
  });
});
