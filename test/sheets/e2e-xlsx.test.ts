// The .xlsx round trip of issue 11 on the command line: `kaohe template` → a roster filled in by
// another program (exceljs here, as a person fills it in Excel, with 姓名 and an extra 科室 column)
// → `kaohe eval … roster.xlsx --out results.xlsx` → the results read back agree with evaluating the
// same people from JSON; and a roster with mistakes is answered row by row, column by column.

import ExcelJS from 'exceljs';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run as evalCmd } from '../../cli/commands/eval.js';
import { run as templateCmd } from '../../cli/commands/template.js';
import { main } from '../../cli/main.js';
import type { CohortResult } from '../../engine/api.js';
import { memoryIO } from '../memory-io.js';
import { SCHEMES } from './fixtures.js';
import { tempDirs } from '../temp-dirs.js';

const tempE2eDir = tempDirs('kaohe-e2e-');
const scheme = join(SCHEMES, 'window-quarterly.kaohe');
const dir = tempE2eDir();
const io = () => memoryIO({}, { disk: true, cwd: dir });

interface Person { id: string; name: string; office: string; post: '受理' | '审批'; window: string; count: number; done: number; public: number[]; peers: number[]; redFlag: boolean }

const people: Person[] = Array.from({ length: 12 }, (_, i) => ({
  id: `3201${String(i).padStart(14, '0')}`,
  name: `人员${i + 1}`,
  office: i % 3 === 0 ? '一科' : '二科',
  post: i % 4 === 3 ? '审批' : '受理',
  window: i < 6 ? '不动产登记窗口' : '社保窗口',
  count: 300 + i * 70,
  done: 290 + i * 65,
  public: [100 - i, 95, 90 + (i % 5), 98, 92.675 - i / 8, 88],
  peers: [90 + (i % 3), 92],
  redFlag: i % 5 === 0,
}));

const inputOf = (p: Person) => ({
  岗位: p.post, 窗口: p.window, 办件量: p.count, 按时办结数: p.done,
  满意度评价: { 群众: p.public, 同事: p.peers }, 红旗窗口: p.redFlag,
  ...(p.post === '审批' ? { 审批件数: p.count / 2, 平均审批天数: 2.5 } : {}),
});

/** Fills the template as a person would: one row per person from row 2, plus a 科室 column. */
async function fill(template: string, roster: string, edit?: (ws: ExcelJS.Worksheet, col: (h: string) => number) => void) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(template);
  const ws = book.worksheets[0];
  const headers = (ws.getRow(1).values as string[]);
  const col = (h: string) => { const i = headers.indexOf(h); if (i < 1) throw new Error(`no column ${h}`); return i; };
  const office = headers.length;
  ws.getRow(1).getCell(office).value = '科室';
  ws.spliceRows(2, 1);
  people.forEach((p, i) => {
    const row = ws.getRow(i + 2);
    const set = (h: string, v: ExcelJS.CellValue) => { row.getCell(col(h)).value = v; };
    set('编号', p.id); set('姓名', p.name); row.getCell(office).value = p.office;
    set('岗位', p.post); set('窗口', p.window); set('办件量', p.count); set('按时办结数', p.done);
    set('满意度评价.群众', p.public.join('、')); set('满意度评价.同事', p.peers.join('、'));
    set('红旗窗口', p.redFlag ? '是' : '否');
    if (p.post === '审批') { set('审批件数', p.count / 2); set('平均审批天数', 2.5); }
  });
  edit?.(ws, col);
  await book.xlsx.writeFile(roster);
}

describe('kaohe template → roster.xlsx → kaohe eval --out results.xlsx', () => {
  it('gives the results of evaluating the same people from JSON, with names, units and the distribution', async () => {
    const t = io();
    expect(await main(['template', scheme, '--out', 'roster-template.xlsx', '--lang', 'zh'], t)).toBe(0);
    expect(t.stderr).toBe('已写入 “roster-template.xlsx”\n');
    await fill(join(dir, 'roster-template.xlsx'), join(dir, 'roster.xlsx'));

    const e = io();
    expect(await evalCmd([scheme, 'roster.xlsx', '--out', 'results.xlsx', '--lang', 'zh'], e)).toBe(0);
    expect(e.stdout).toBe('');
    expect(e.stderr).toContain('以下列不是方案的输入，作为人员信息保留，不参与计算：姓名、科室');
    expect(e.stderr).toContain('已写入 “results.xlsx”（12 人）');

    const j = io();
    writeFileSync(join(dir, 'people.json'), JSON.stringify({ subjects: people.map((p) => ({ id: p.id, input: inputOf(p) })) }));
    expect(await evalCmd([scheme, join(dir, 'people.json'), '--lang', 'zh'], j)).toBe(0);
    const expected = JSON.parse(j.stdout) as CohortResult;

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(dir, 'results.xlsx'));
    const [results, distribution] = book.worksheets;
    expect(results.name).toBe('考核结果');
    const headers = (results.getRow(1).values as string[]);
    const cell = (r: number, h: string) => results.getRow(r).getCell(headers.indexOf(h)).value;
    expect(results.rowCount).toBe(1 + people.length);
    expected.results.forEach((r, i) => {
      const row = i + 2;
      expect(cell(row, '编号')).toBe(people[i].id);
      expect(cell(row, '姓名')).toBe(people[i].name);
      expect(cell(row, '科室')).toBe(people[i].office);
      expect(cell(row, '窗口')).toBe(people[i].window);
      expect(cell(row, '总分')).toBe(r.score);
      expect(results.getRow(row).getCell(headers.indexOf('总分')).numFmt).toBe('0.00');
      expect(cell(row, '评定等次')).toBe(r.grade);
      expect(cell(row, '基础分')).toBe(r.base);
      // headed by their labels (U6 L-2: 重点任务, not the id 一般任务)
      for (const ind of r.indicators) expect(cell(row, ind.label)).toBe(ind.score);
      for (const g of r.groups) expect(cell(row, g.label)).toBe(g.score);
      expect(cell(row, '措施') ?? '').toBe(r.actions.join('、'));
    });
    expect(distribution.name).toBe('等次分布');
    const dist = (distribution.getSheetValues() as unknown[][]).slice(1).map((r) => r.slice(1));
    expect(dist[0]).toEqual(['窗口', '人数', '优秀', '称职', '基本称职', '不称职', '不定等次']);
    expect(dist.slice(1, -1)).toEqual(expected.cohorts.map((c) => [c.key, c.size, c.distribution.优秀, c.distribution.称职, c.distribution.基本称职, c.distribution.不称职, c.distribution.none]));
    expect(dist.at(-1)![0]).toBe('合计');
    // the quota acted in 社保窗口, and the sheet says why
    const demoted = expected.results.flatMap((r, i) => (r.quota?.demotedTo ? [[r, i] as const] : []));
    expect(demoted.length).toBeGreaterThan(0);
    for (const [r, i] of demoted) expect(String(cell(i + 2, '等次依据'))).toContain(r.quota!.reason);

    const c = io();
    expect(await evalCmd([scheme, 'roster.xlsx', '--out', 'results.csv', '--lang', 'en'], c)).toBe(0);
    const csv = readFileSync(join(dir, 'results.csv'), 'utf8');
    // the id column keeps the roster's heading (the zh template's 编号; U6 L-2: 身份证号 stays 身份证号)
    expect(csv.startsWith('\ufeff编号,姓名,科室,岗位,窗口,')).toBe(true);
    expect(csv).toContain(`${people[0].id},人员1,一科,受理,不动产登记窗口,300,`);
    expect(csv).toMatch(new RegExp(`,${expected.results[0].score.toFixed(2)},${expected.results[0].grade},`));
  });

  it('prints JSON results without --out, as for a JSON input', async () => {
    await fill(join(dir, 'roster-template.xlsx'), join(dir, 'roster2.xlsx'));
    const e = io();
    expect(await evalCmd([scheme, 'roster2.xlsx'], e)).toBe(0);
    const out = JSON.parse(e.stdout) as CohortResult;
    expect(out.results.map((r) => r.subject)).toEqual(people.map((p) => p.id));
  });

  it('answers a roster with mistakes with every problem by row and column, exit 1', async () => {
    await fill(join(dir, 'roster-template.xlsx'), join(dir, 'bad.xlsx'), (ws, col) => {
      ws.getRow(3).getCell(col('岗位')).value = '受理岗';
      ws.getRow(5).getCell(col('办件量')).value = -3;
      ws.getRow(7).getCell(col('满意度评价.群众')).value = '90、一百';
      ws.getRow(1).getCell(col('窗口')).value = '窗囗';
    });
    const e = io();
    expect(await evalCmd([scheme, 'bad.xlsx', '--lang', 'zh'], e)).toBe(1);
    const messages = (JSON.parse(e.stdout) as { errors: { message: string; row?: number; column?: string }[] }).errors.map((x) => x.message);
    expect(messages).toEqual([
      '缺少必填列 “窗口”，应填文本；“窗囗” 列是否就是它？',
      '第 3 行 “岗位” 列：“受理岗” 不在可选值中（可选：受理、审批、综合）',
      '第 5 行 “办件量” 列：超出范围：应为整数，不小于 0，实为 -3',
      '第 7 行 “满意度评价.群众” 列：应为数值，0 至 100，实为 “一百”',
    ]);
  });

  it('refuses an unknown --out extension and --lang value (exit 2), and requires --out for template', async () => {
    expect(await evalCmd([scheme, 'roster.xlsx', '--out', 'r.txt'], io())).toBe(2);
    expect(await evalCmd([scheme, 'roster.xlsx', '--lang', 'fr'], io())).toBe(2);
    expect(await templateCmd([scheme], io())).toBe(2);
    expect(await templateCmd([scheme, '--out', 'r.pdf'], io())).toBe(2);
  });
});

describe('writing results where it cannot', () => {
  it('says so in one line and exits 2, no stack trace', async () => {
    const e = io();
    expect(await templateCmd([scheme, '--out', 'template3.xlsx', '--lang', 'zh'], io())).toBe(0);
    await fill(join(dir, 'template3.xlsx'), join(dir, 'roster3.xlsx'));
    expect(await evalCmd([scheme, 'roster3.xlsx', '--out', 'no/such/dir/r.xlsx', '--lang', 'zh'], e)).toBe(2);
    expect(e.stderr).toContain('kaohe eval：无法写入 “no/such/dir/r.xlsx”：目录不存在\n');
    expect(await templateCmd([scheme, '--out', 'no/such/dir/t.xlsx', '--lang', 'en'], e)).toBe(2);
    expect(e.stderr).toContain('kaohe template: cannot write no/such/dir/t.xlsx: no such directory\n');
  });
});
