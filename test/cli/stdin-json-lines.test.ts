// `kaohe eval` and the JSON it is given (issue 16, user trial U7-4, U7-9, U7-10): JSON lines on
// standard input (`cat r.jsonl | kaohe eval S -`) are a roster, evaluated exactly as the same .jsonl
// file; `--format jsonl` prints the results as JSON lines, the bytes `--out x.jsonl` writes, and
// `--out -` is standard output; a .json input that is not JSON says where (line, column) and what in
// the reader's language, never the JS parser's English.

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run as evalCmd } from '../../cli/commands/eval.js';
import { jsonSyntaxError } from '../../cli/json-syntax.js';
import { EXAMPLES, loadCases } from '../engine/helpers.js';
import { memoryIO } from '../memory-io.js';
import { tempDirs } from '../temp-dirs.js';

const tempDir = tempDirs('kaohe-stdin-');
const scheme = join(EXAMPLES, 'province-annual.kaohe');
const subjects = loadCases('province-annual')[1].subjects!;
const lines = subjects.map((s) => `${JSON.stringify(s)}\n`).join('');
const ours = () => readdirSync(tmpdir()).filter((f) => f.startsWith(`kaohe-eval-${process.pid}-`));

describe('kaohe eval: JSON lines on standard input', () => {
  it('reads them as a roster: the same results as the .jsonl file, no temporary file left', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'r.jsonl'), lines);
    const file = memoryIO({}, { disk: true, cwd: dir });
    expect(await evalCmd([scheme, 'r.jsonl'], file)).toBe(0);
    const piped = memoryIO({}, { stdin: lines, disk: true, cwd: dir });
    expect(await evalCmd([scheme, '-'], piped)).toBe(0);
    expect(piped.stdout).toBe(file.stdout);
    expect(JSON.parse(piped.stdout).results).toHaveLength(subjects.length);
    expect(ours()).toEqual([]);
  });

  it('reports a bad line by its number, as the .jsonl file does (exit 1)', async () => {
    const bad = lines.replace(/\n[^\n]*\n$/, '\n{"id": "x", "input": \n');
    const io = memoryIO({}, { stdin: bad, disk: true });
    expect(await evalCmd([scheme, '-', '--lang', 'zh'], io)).toBe(1);
    const { errors } = JSON.parse(io.stdout);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'KH-E008', row: subjects.length, message: `第 ${subjects.length} 行：不是有效的 “JSON” 数据` });
  });
});

describe('kaohe eval --format jsonl, --out -', () => {
  it('prints the bytes --out x.jsonl writes, for a roster and for a .json cohort', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'r.jsonl'), lines);
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ subjects }));
    for (const input of ['r.jsonl', join(dir, 'c.json')]) { // memoryIO reads a .json input by its path as given
      const written = memoryIO({}, { disk: true, cwd: dir });
      expect(await evalCmd([scheme, input, '--out', 'o.jsonl'], written)).toBe(0);
      const printed = memoryIO({}, { disk: true, cwd: dir });
      expect(await evalCmd([scheme, input, '--format', 'jsonl'], printed)).toBe(0);
      expect(printed.stdout).toBe(readFileSync(join(dir, 'o.jsonl'), 'utf8'));
      expect(printed.stdout.split('\n')).toHaveLength(subjects.length + 2); // the summaries, a line each, the last newline
      const dash = memoryIO({}, { disk: true, cwd: dir });
      expect(await evalCmd([scheme, input, '--out', '-'], dash)).toBe(0);
      const plain = memoryIO({}, { disk: true, cwd: dir });
      expect(await evalCmd([scheme, input], plain)).toBe(0);
      expect(dash.stdout).toBe(plain.stdout);
    }
  });

  it('refuses a --format other than json or jsonl, and --format with an --out file (exit 2, zh and en)', async () => {
    const io = memoryIO({}, { disk: true });
    expect(await evalCmd([scheme, 'x.jsonl', '--format', 'csv'], io)).toBe(2);
    expect(io.stderr).toBe("kaohe eval: --format takes json or jsonl (results on standard output: one JSON document, or JSON lines), not 'csv'\n");
    const zh = memoryIO({}, { disk: true });
    expect(await evalCmd([scheme, 'x.jsonl', '--format', 'jsonl', '--out', 'o.json', '--lang', 'zh'], zh)).toBe(2);
    expect(zh.stderr).toBe('kaohe eval：“--format”只用于标准输出；“--out o.json”按其扩展名决定格式\n');
  });
});

describe('kaohe eval: a .json input that is not JSON', () => {
  const cut = JSON.stringify({ subjects }, null, 2).slice(0, 300);
  it('says the line and column where it ends, in zh and en, without the parser’s English', async () => {
    const zh = memoryIO({ 'c.json': cut }, { disk: true });
    expect(await evalCmd([scheme, 'c.json', '--lang', 'zh'], zh)).toBe(1);
    const [e] = JSON.parse(zh.stdout).errors;
    const lastLine = cut.split('\n');
    expect(e).toMatchObject({ code: 'KH-E008', line: lastLine.length, column: lastLine[lastLine.length - 1].length + 1 });
    expect(e.message).toBe(`无法按 JSON 读取“c.json”：第 ${e.line} 行第 ${e.column} 列：文本已结束，但 JSON 尚不完整（是否缺少 “}”、“]” 或 “"”，或文件被截断？）`);
    const en = memoryIO({ 'c.json': '{\n  "id": "a",\n  "input": {"x": 1,}\n}' }, { disk: true });
    expect(await evalCmd([scheme, 'c.json'], en)).toBe(1);
    expect(JSON.parse(en.stdout).errors[0].message).toBe('cannot read c.json as JSON: line 3, column 20: “}” cannot stand here');
  });

  it('finds the first fault JSON.parse finds, and none in valid JSON', () => {
    const texts = ['', ' ', '{', '[1,', '{"a" 1}', '{"a":1,}', '[1 2]', 'tru', '01', '-', '1.', '1e', '"a\\x"', '"\\u12G4"', '"a\tb"', '{} {}', '[]]', '{"a":[{"b":null}]}x', '"unterminated'];
    for (const t of texts) {
      expect(() => JSON.parse(t), t).toThrow();
      expect(jsonSyntaxError(t), t).toBeDefined();
    }
    for (const t of ['{}', '[]', ' {"a": [1, -2.5e+3, true, false, null, "\\u00e9\\n"], "b": {}} ', '0', '"x"']) {
      expect(() => JSON.parse(t)).not.toThrow();
      expect(jsonSyntaxError(t), t).toBeUndefined();
    }
    expect(jsonSyntaxError('{} {}')).toEqual({ line: 1, column: 4, kind: 'after' });
    expect(jsonSyntaxError('[\n  1,\n  ]')).toEqual({ line: 3, column: 3, kind: 'char', char: ']' });
  });
});
