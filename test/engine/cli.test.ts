// `kaohe eval` and `kaohe test` run in-process with a fake IO: output shapes and exit codes (API.md).

import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run as evalCmd, writeOrReport, MAX_TEXT_INPUT } from '../../cli/commands/eval.js';
import { run as testCmd } from '../../cli/commands/test.js';
import { EXAMPLES, loadCases } from './helpers.js';
import { memoryIO } from '../memory-io.js';
import { tempDirs } from '../temp-dirs.js';
import { CHILD_FLAGS } from '../child-flags.js';

const tempEvalDir = tempDirs('kaohe-eval-');
const tempOutDir = tempDirs('kaohe-out-');
const tempDecisionDir = tempDirs('kaohe-decision-');
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

  it('says what is wrong with --out, --backend and --rules-runtime in one line, in the chosen language, exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [['--out', 'r.txt'], /--out.*\.json, \.jsonl, \.csv or \.xlsx, not 'r\.txt'/],
      [['--backend'], /--backend needs a value: compiled \| closures/],
      [['--rules-runtime', 'x'], /--rules-runtime must be native or jre, not 'x'/],
    ];
    for (const [extra, said] of cases) {
      const io = fakeIO({ 'in.json': JSON.stringify(cases[0]) });
      expect(await evalCmd([scheme, 'in.json', '--lang', 'en', ...extra], io)).toBe(2);
      expect(io.stderr).toMatch(said);
      expect(io.stderr.trim().split('\n')).toHaveLength(1);
    }
    const zh = fakeIO({});
    expect(await evalCmd([scheme, 'in.json', '--out', 'r.txt', '--lang', 'zh'], zh)).toBe(2);
    expect(zh.stderr).toContain('不能是“r.txt”');
  });

  it('reads a .json input saved with a byte-order mark (Notepad, Excel) as the same subject', async () => {
    const io = fakeIO({ 'in.json': `\ufeff${JSON.stringify(cases[0].subject)}` });
    expect(await evalCmd([scheme, 'in.json'], io)).toBe(0);
    expect(JSON.parse(io.stdout).score).toBe(95.17);
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

describe('kaohe eval: inputs that cannot be read, rosters that must not be evaluated', () => {
  const dir = tempEvalDir();
  const WINDOW = join(import.meta.dirname, '../../schemes/window-quarterly.kaohe');
  const roster = (last: string, complaints: number) => [
    `编号,姓名,岗位,窗口,办件量,按时办结数,满意度评价.群众,满意度评价.同事,满意度评价.负责人,${last}`,
    `W001,张伟,受理,税务窗口,500,490,95、88、92、95、86,88,90,${complaints}`,
    `W002,王芳,受理,税务窗口,520,500,90、91、92、93、94,85,90,0`,
  ].join('\n');

  it('says in one line, in the chosen language, that INPUT cannot be read, and exits 2 — for every kind of input', async () => {
    mkdirSync(join(dir, '名单.csv'));
    for (const input of ['missing.xlsx', 'missing.csv', 'missing.jsonl', 'missing.json', '名单.csv', '.']) {
      const io = memoryIO({}, { disk: true, cwd: dir });
      expect(await evalCmd([scheme, input, '--lang', 'zh'], io), input).toBe(2);
      const why = input === '名单.csv' || input === '.' ? '这是一个目录' : '文件不存在';
      expect(io.stderr, input).toBe(`kaohe eval：无法读取“${input}”：${why}\n`);
      expect(io.stdout).toBe('');
    }
    const en = memoryIO({}, { disk: true, cwd: dir });
    expect(await evalCmd([scheme, 'missing.xlsx'], en)).toBe(2);
    expect(en.stderr).toBe('kaohe eval: cannot read missing.xlsx: no such file\n');
    // No permission (the JSON input through the command's IO; a roster from disk, unless we are root).
    const denied = Object.assign(memoryIO({}), { read: () => { throw Object.assign(new Error('EACCES'), { code: 'EACCES' }); } });
    expect(await evalCmd([scheme, 'in.json', '--lang', 'zh'], { ...denied, read: (p: string) => (p === scheme ? readFileSync(p, 'utf8') : denied.read()) })).toBe(2);
    expect(denied.stderr).toBe('kaohe eval：无法读取“in.json”：没有读取权限\n');
    if (process.getuid?.() !== 0) {
      writeFileSync(join(dir, 'locked.xlsx'), 'x');
      chmodSync(join(dir, 'locked.xlsx'), 0);
      const io = memoryIO({}, { disk: true, cwd: dir });
      expect(await evalCmd([scheme, 'locked.xlsx', '--lang', 'zh'], io)).toBe(2);
      expect(io.stderr).toBe('kaohe eval：无法读取“locked.xlsx”：没有读取权限\n');
    }
  });

  it('refuses a roster whose column is a near miss of an input that has no column (有效投诉数 for 有效投诉): exit 1, the header cell named', async () => {
    writeFileSync(join(dir, 'ok.csv'), roster('有效投诉', 1));
    const ok = memoryIO({}, { disk: true, cwd: dir });
    expect(await evalCmd([WINDOW, 'ok.csv'], ok)).toBe(0);
    writeFileSync(join(dir, 'near.csv'), roster('有效投诉数', 1));
    const io = memoryIO({}, { disk: true, cwd: dir });
    expect(await evalCmd([WINDOW, 'near.csv', '--lang', 'zh'], io)).toBe(1);
    expect(JSON.parse(io.stdout).errors).toEqual([{
      code: 'KH-E001', row: 1, column: '有效投诉数',
      message: '第 1 行 “有效投诉数” 列：不是方案的输入；是否指输入 “有效投诉”？该输入没有对应的列，将按默认值计算：请改正列名',
    }]);
  });

  it('writes --out atomically: a write that fails halfway leaves the previous file whole and no temporary file', async () => {
    const out = tempOutDir();
    writeFileSync(join(out, 'results.csv'), 'previous results\n');
    const io = memoryIO({}, { disk: true, cwd: out });
    const ok = await writeOrReport(io, 'eval', 'results.csv', 'en', async (target) => {
      writeFileSync(target, 'id,sco');
      throw Object.assign(new Error('killed'), { code: 'EIO' });
    });
    expect(ok).toBe(false);
    expect(readFileSync(join(out, 'results.csv'), 'utf8')).toBe('previous results\n');
    expect(readdirSync(out)).toEqual(['results.csv']);
    expect(await writeOrReport(io, 'eval', 'results.csv', 'en', async (target) => writeFileSync(target, 'id,score\n'))).toBe(true);
    expect(readFileSync(join(out, 'results.csv'), 'utf8')).toBe('id,score\n');
    expect(readdirSync(out)).toEqual(['results.csv']);
  });

  it('refuses --out naming the input file, in one line, exit 2, and leaves the input alone', async () => {
    writeFileSync(join(dir, 'same.csv'), roster('有效投诉', 1));
    const io = memoryIO({}, { disk: true, cwd: dir });
    expect(await evalCmd([WINDOW, 'same.csv', '--out', join(dir, 'same.csv'), '--lang', 'zh'], io)).toBe(2);
    expect(io.stderr).toBe(`kaohe eval：输出文件 “${join(dir, 'same.csv')}” 就是输入文件，会被覆盖：请另选一个文件\n`);
    expect(readFileSync(join(dir, 'same.csv'), 'utf8')).toBe(roster('有效投诉', 1));
  });

  it('refuses a .json input over the cap in one line (文件过大…请改用 .jsonl), exit 2, instead of running out of memory (a .csv streams: test/cli/csv-stream.test.ts)', async () => {
    for (const name of ['huge.json']) {
      writeFileSync(join(dir, name), '');
      truncateSync(join(dir, name), MAX_TEXT_INPUT + 1); // sparse: no 64 MiB written
      const io = memoryIO({}, { disk: true, cwd: dir });
      expect(await evalCmd([WINDOW, name, '--lang', 'zh'], io), name).toBe(2);
      expect(io.stderr).toBe(`kaohe eval：文件过大（“${name}” 为 65 兆字节，“.json” 文件至多 64 兆字节）：请改用 “.jsonl”（每行一个人员）、“.csv” 或 “.xlsx”\n`);
      expect(io.stdout).toBe('');
    }
  });

  it('exits quietly, with its own exit code, when standard output is closed (kaohe fmt … | head -c 1)', () => {
    const big = `scheme 大 {\n${Array.from({ length: 6000 }, (_, i) => `  let 名称${i} = ${i} + 1\n`).join('')}  indicator A weight 100% = 1\n}\n`;
    writeFileSync(join(dir, 'big.kaohe'), big);
    const bin = join(import.meta.dirname, '../../bin/kaohe.js');
    const r = spawnSync('bash', ['-c', `set -o pipefail; '${process.execPath}' ${CHILD_FLAGS.join(' ')} '${bin}' fmt big.kaohe | head -c 1 >/dev/null`], { cwd: dir, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
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

describe('kaohe eval: a roster\'s committee decision columns (issue 13)', () => {
  const dir = tempDecisionDir();
  const LEADERS = join(import.meta.dirname, '../../schemes/leader-grades.kaohe');
  const WINDOW = join(import.meta.dirname, '../../schemes/window-quarterly.kaohe');
  const HEAD = '编号,班子,班子等次,测评分,实绩分,研究决定等次,研究决定理由';

  it('checks each decision cell against the scheme\'s grades, as the editor\'s roster import does', async () => {
    writeFileSync(join(dir, 'grade.csv'), [HEAD, 'A1,一班,好,95,95,特优,党委会研究', 'A2,一班,好,80,80,,'].join('\n'));
    const io = memoryIO({}, { disk: true, cwd: dir });
    expect(await evalCmd([LEADERS, 'grade.csv'], io)).toBe(1);
    expect(JSON.parse(io.stdout).errors).toEqual([{
      code: 'KH-E046', row: 2, column: '研究决定等次', subject: 'A1',
      message: 'row 2, column “研究决定等次”: “特优” is not a grade of the scheme (优秀, 称职, 基本称职, 不称职)',
    }]);
    writeFileSync(join(dir, 'ok.csv'), [HEAD, 'A1,一班,好,95,95,优秀,党委会研究', 'A2,一班,好,80,80,,'].join('\n'));
    const ok = memoryIO({}, { disk: true, cwd: dir });
    expect(await evalCmd([LEADERS, 'ok.csv'], ok)).toBe(0);
    expect(JSON.parse(ok.stdout).results[0].decision).toEqual({ grade: '优秀', reason: '党委会研究' });
  });

  it('refuses decision cells for a scheme whose grades are not `by committee`, at the cell', async () => {
    writeFileSync(join(dir, 'window.csv'), [
      '编号,姓名,岗位,窗口,办件量,按时办结数,满意度评价.群众,满意度评价.同事,满意度评价.负责人,有效投诉,研究决定等次,研究决定理由',
      'W001,张伟,受理,税务窗口,500,490,95、88、92、95、86,88,90,0,优秀,党委会研究',
    ].join('\n'));
    const io = memoryIO({}, { disk: true, cwd: dir });
    expect(await evalCmd([WINDOW, 'window.csv', '--lang', 'zh'], io)).toBe(1);
    expect(JSON.parse(io.stdout).errors).toEqual([expect.objectContaining({
      code: 'KH-E047', row: 2, column: '研究决定等次',
      message: expect.stringContaining('请删除研究决定各列，或在方案的 “等次” 后加 “集体研究”'),
    })]);
  });
});
