// `kaohe whatif SCHEME --against ROUND.json` (issue 15): in-process through cli/main.ts with an
// in-memory round export built like the server's (GET /api/rounds/:id/export).

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { memoryIO } from '../memory-io.js';
import { exportDoc, scheme } from './fixture.js';

const BEFORE = scheme();
const HEAVIER = scheme({ w1: '80%', w2: '20%' });
const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

/** The fixture round as the server exports it. */
async function exportText(evaluated = true): Promise<string> {
  const doc = await exportDoc(BEFORE);
  if (!evaluated) Object.assign(doc, { round: { ...doc.round, revision: 0 }, inputs: [], result: null });
  return JSON.stringify(doc);
}

async function whatif(args: string[], files: Record<string, string>, cwd = '/') {
  const io = memoryIO(files, { cwd });
  const code = await main(['whatif', ...args], io);
  return { code, out: io.stdout, err: io.stderr };
}

describe('kaohe whatif', () => {
  it('prints the units before → after, the changed declarations (with --base) and the changed people, in Chinese', async () => {
    const files = { 'new.kaohe': HEAVIER, 'old.kaohe': BEFORE, 'round.json': await exportText() };
    const r = await whatif(['new.kaohe', '--against', 'round.json', '--base', 'old.kaohe', '--lang', 'zh'], files);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('  甲科  6 人  优秀 1 → 4  称职 5 → 2');
    expect(r.out).toContain('    “优秀”名额：上限 4 → 4，入围 1 → 4');
    expect(r.out).toContain('  乙科  4 人  优秀 2 → 2  称职 2 → 2');
    expect(r.out).toContain('  指标“工作业绩”：修改（第 12 行 → 第 12 行）');
    expect(r.out).toContain('  A2 A2同志（甲科）：得分 89.00 → 92.00；等次由“称职”变为“优秀”；组内名次 4 → 2；受指标“工作业绩”、指标“民主测评”变动影响');
    expect(r.out).toContain('原结果按第 1 版（版本“1”，sha256:');
    expect(r.out).toMatch(/结果有变动的人员：\d+ 人（等次上升 3 人，下降 0 人）/);
  });

  it('without --base the rule diff is not shown and says how to get it; the round\'s own version shows nobody', async () => {
    const files = { 'new.kaohe': HEAVIER, 'old.kaohe': BEFORE, 'round.json': await exportText() };
    const r = await whatif(['new.kaohe', '--against', 'round.json'], files);
    expect(r.code).toBe(0);
    expect(r.out).toContain("Which declarations differ is not shown: give the round's version with --base FILE.");
    const same = await whatif(['old.kaohe', '--against', 'round.json'], files);
    expect(same.out).toContain('The two versions have the same declarations.');
    expect(same.out).toContain("Nobody's score, rank, grade or actions differ.");
  });

  it('--out report.json writes the whole answer; --out report.xlsx a workbook', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaohe-whatif-'));
    dirs.push(dir);
    const files = { 'new.kaohe': HEAVIER, 'round.json': await exportText() };
    const j = await whatif(['new.kaohe', '--against', 'round.json', '--out', 'report.json'], files, dir);
    expect(j.code).toBe(0);
    const doc = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(doc.changes.length).toBe(doc.summary.changed);
    expect(doc.next).toBeUndefined();
    const x = await whatif(['new.kaohe', '--against', 'round.json', '--out', 'report.xlsx', '--lang', 'zh'], files, dir);
    expect(x.code).toBe(0);
    expect(x.err).toContain('已写入 report.xlsx');
    expect(readFileSync(join(dir, 'report.xlsx')).subarray(0, 2).toString()).toBe('PK');
    // Scores at the scheme's precision (0.00), both ranks under headers that say which (officer #7).
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(dir, 'report.xlsx'));
    const people = book.getWorksheet('变动人员')!;
    const headers = (people.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(expect.arrayContaining(['原组内名次', '模拟组内名次', '原总名次', '模拟总名次']));
    expect(headers).not.toContain('原排名');
    const scoreCol = headers.indexOf('原得分') + 1;
    expect(people.getRow(2).getCell(scoreCol).numFmt).toBe('0.00');
  });

  it('a scheme file of another scheme than the round\'s: exit 2 naming both, unless --other-scheme (officer #3)', async () => {
    const renamed = HEAVIER.replace('scheme 演示考核', 'scheme 乡镇站所考核');
    const files = { 'other.kaohe': renamed, 'round.json': await exportText() };
    const r = await whatif(['other.kaohe', '--against', 'round.json', '--lang', 'zh'], files);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('考核批次“2026年度考核”属于方案“演示考核”，所给文件“other.kaohe”是方案“乡镇站所考核”');
    const meant = await whatif(['other.kaohe', '--other-scheme', '--against', 'round.json', '--lang', 'zh'], files);
    expect(meant.code).toBe(0);
    expect(meant.out).toContain('方案“乡镇站所考核”');
  });

  it('inputs that do not fit: each problem\'s path once (officer #3); a malformed export in Chinese with its JSON path (officer #4)', async () => {
    const needs = BEFORE.replace('违纪: integer in [0, 10] = 0', '违纪: integer in [0, 10] = 0\n    加分: number in [0, 5]').replace('= 业绩\n', '= 业绩 + 加分\n');
    const round = await exportText();
    const files = { 'needs.kaohe': needs, 'round.json': round, 'bad.json': JSON.stringify({ ...JSON.parse(round), format: 'x', exportedAt: 5 }) };
    const r = await whatif(['needs.kaohe', '--against', 'round.json', '--lang', 'zh'], files);
    expect(r.code).toBe(2);
    const line = r.err.split('\n').find((l) => l.includes('A1'))!;
    expect(line.match(/subjects\[0\]\.input\.加分/g)).toHaveLength(1);
    const bad = await whatif(['needs.kaohe', '--against', 'bad.json', '--lang', 'zh'], files);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('exportedAt：');
    expect(bad.err).toContain('format：');
    expect(bad.err).not.toMatch(/Invalid|expected|received/);
  });

  it('bad files: exit 2 with the path — unreadable, not JSON, not an export (the problem\'s path), never evaluated, a base that is not the round\'s version, a scheme with errors', async () => {
    const round = await exportText();
    const files = { 'new.kaohe': HEAVIER, 'old.kaohe': BEFORE, 'round.json': round, 'bad.json': '{"format":', 'other.json': JSON.stringify({ ...JSON.parse(round), inputs: [{ subject: 1 }] }), 'fresh.json': await exportText(false), 'broken.kaohe': HEAVIER.replace('= 业绩\n', '= 业\n') };
    const missing = await whatif(['new.kaohe', '--against', 'nowhere.json'], files);
    expect([missing.code, missing.err]).toEqual([2, 'kaohe whatif: cannot read nowhere.json: no such file\n']);
    const notJson = await whatif(['new.kaohe', '--against', 'bad.json'], files);
    expect(notJson.code).toBe(2);
    expect(notJson.err).toContain('bad.json');
    const shape = await whatif(['new.kaohe', '--against', 'other.json', '--lang', 'zh'], files);
    expect(shape.code).toBe(2);
    expect(shape.err).toContain('“other.json”不是考核批次导出文件');
    expect(shape.err).toContain('inputs[0].subject');
    const fresh = await whatif(['new.kaohe', '--against', 'fresh.json'], files);
    expect([fresh.code, fresh.err]).toEqual([2, 'kaohe whatif: round `2026年度考核` in fresh.json has not been evaluated: there is no result to compare with\n']);
    const base = await whatif(['new.kaohe', '--against', 'round.json', '--base', 'new.kaohe'], files);
    expect(base.code).toBe(2);
    expect(base.err).toContain('new.kaohe is not the version round `2026年度考核` was evaluated with');
    const broken = await whatif(['broken.kaohe', '--against', 'round.json'], files);
    expect(broken.code).toBe(2);
    expect(broken.err).toMatch(/^broken\.kaohe:12:\d+: error KH-/);
    const usage = await whatif(['new.kaohe'], files);
    expect(usage.code).toBe(2);
  });
});
