// `kaohe eval ANNUAL ROSTER --period 2026 --periods q1.json,…` (U6 M-11, cli/commands/eval-periods.ts):
// the results files of the four quarterly `kaohe eval … --out qN.json` runs fill the annual's
// 季度结果 (`results of 平时考核 quarterly`) per person, as a round fills them on the server (the same
// mapping, sheets/period-fill.ts) — the annual equals the one whose roster has the records written
// by hand, byte for byte. A .jsonl results file reads the same. Only a field some file gives a period
// of is filled (往年 stays the roster's). Problems name the file and the result or line: not a
// results file, bad JSON, a period given twice, a scheme or period no input reads, a person twice,
// a period the scheme needs under `missing error` that no file gives, --periods without --period.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run as evalCmd } from '../../cli/commands/eval.js';
import { memoryIO } from '../memory-io.js';

const QUARTERLY = `scheme 平时考核 {
  period quarterly
  precision 2
  input { 实绩: number in [0, 100] }
  indicator 实绩分 weight 100% = 实绩
  grades { 好 when score >= 90  较好 when score >= 80  一般 when score >= 60  较差 otherwise }
}`;

const ANNUAL = `scheme 年度考核 {
  period annual
  precision 2
  enum 平时等次 ordered { 较差, 一般, 较好, 好 }
  input {
    实绩: number in [0, 100]
    季度结果: results of 平时考核 quarterly grades 平时等次 missing error
    往年: past 1 years missing skip
  }
  let 平时平均 = avg(季度结果.score)
  indicator 实绩分 weight 60% = 实绩
  indicator 平时分 weight 40% = 平时平均
  grades {
    优秀 when score >= 90 and not any(q in 季度结果 : q.grade <= 一般)
    称职 when score >= 60
    不称职 otherwise
  }
  outcomes { action 嘉奖 when grade == 优秀 and streak(r in 往年 where r.grade == 优秀) >= 1 }
}`;

const PEOPLE = ['A1', 'A2', 'A3'];
const QUARTERS: number[][] = [[95, 70, 91, 99], [92, 93, 94, 95], [50, 60, 70, 80]]; // per person, Q1..Q4

const dir = mkdtempSync(join(tmpdir(), 'kaohe-eval-periods-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
/** Files named relative to `dir`, as a shell in it would (memoryIO reads paths as given). */
const io = () => {
  const m = memoryIO({}, { disk: true, cwd: dir });
  const read = m.read.bind(m);
  m.read = (p: string, max?: number) => read(isAbsolute(p) ? p : join(dir, p), max);
  return m;
};
const file = (name: string, text: string) => writeFileSync(join(dir, name), text);
file('季度.kaohe', QUARTERLY);
file('年度.kaohe', ANNUAL);

async function quarterFiles(ext: 'json' | 'jsonl'): Promise<string[]> {
  const names: string[] = [];
  for (let q = 1; q <= 4; q++) {
    file(`q${q}-in.json`, JSON.stringify({ subjects: PEOPLE.map((id, i) => ({ id, input: { 实绩: QUARTERS[i]![q - 1] } })) }));
    const o = io();
    expect(await evalCmd(['季度.kaohe', `q${q}-in.json`, '--period', `2026-Q${q}`, '--out', `q${q}.${ext}`], o), o.stderr).toBe(0);
    names.push(`q${q}.${ext}`);
  }
  return names;
}

/** The annual roster (.csv), 往年 given by hand; `byHand`: 季度结果 written in as the records too. */
function roster(byHand: Record<string, unknown>[][] | undefined): string {
  const head = ['编号', '实绩', '往年', ...(byHand ? ['季度结果'] : [])];
  const cell = (v: unknown) => `"${JSON.stringify(v).replace(/"/g, '""')}"`;
  const rows = PEOPLE.map((id, i) => [id, String(90 + i), cell([{ 考核期: '2025', 得分: 93, 考核等次: '优秀' }]), ...(byHand ? [cell(byHand[i])] : [])].join(','));
  return `${head.join(',')}\n${rows.join('\n')}\n`;
}

async function annual(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const o = io();
  const code = await evalCmd(['年度.kaohe', ...args], o);
  return { code, out: o.stdout, err: o.stderr };
}

describe('kaohe eval --periods (U6 M-11)', () => {
  it('the quarterly results files fill 季度结果 as the records written by hand would: the same annual', async () => {
    const files = await quarterFiles('json');
    const q = files.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as { results: { subject: string; score: number; grade: string }[] });
    const records = PEOPLE.map((id) => q.map((f, k) => {
      const r = f.results.find((x) => x.subject === id)!;
      return { 考核期: `2026-Q${k + 1}`, 得分: r.score, 考核等次: r.grade };
    }));
    file('hand.csv', roster(records));
    file('plain.csv', roster(undefined));
    const hand = await annual(['hand.csv', '--period', '2026', '--lang', 'zh']);
    expect(hand.code, hand.out + hand.err).toBe(0);
    const filled = await annual(['plain.csv', '--period', '2026', '--periods', files.join(','), '--lang', 'zh']);
    expect(filled.code, filled.out + filled.err).toBe(0);
    expect(filled.out).toBe(hand.out);
    const result = JSON.parse(filled.out) as { results: { subject: string; grade: string; actions: string[] }[] };
    // A1 has a 一般 quarter (70): not 优秀; A2 优秀 and, 往年 from the roster, 嘉奖
    expect(result.results.map((r) => [r.subject, r.grade, r.actions])).toEqual([['A1', '称职', []], ['A2', '优秀', ['嘉奖']], ['A3', '称职', []]]);
    expect(filled.err).toContain('已从“q1.json”读取“平时考核”考核期“2026-Q1”的 3 个结果'); // the period quoted, not run into the text (C10b)
    expect(filled.err).not.toContain('往年');
    // a roster that has the column too: replaced, and said
    const both = await annual(['hand.csv', '--period', '2026', '--periods', files.join(','), '--lang', 'zh']);
    expect(both.out).toBe(hand.out);
    expect(both.err).toContain('3 人的输入项“季度结果”取自“--periods”的结果文件，名单中的“季度结果”列不使用');
  });

  it('.jsonl results (--out x.jsonl) read the same; a JSON input is filled too', async () => {
    const files = await quarterFiles('jsonl');
    file('plain.csv', roster(undefined));
    const jsonl = await annual(['plain.csv', '--period', '2026', '--periods', files.join(',')]);
    const json = await annual(['plain.csv', '--period', '2026', '--periods', (await quarterFiles('json')).join(',')]);
    expect(jsonl.code, jsonl.err).toBe(0);
    expect(jsonl.out).toBe(json.out);
    file('one.json', JSON.stringify({ subjects: [{ id: 'A2', input: { 实绩: 91, 往年: [] } }] }));
    const one = await annual(['one.json', '--period', '2026', '--periods', 'q1.json,q2.json,q3.json,q4.json']);
    expect(one.code, one.out + one.err).toBe(0);
    expect((JSON.parse(one.out) as { results: { grade: string }[] }).results[0]!.grade).toBe('优秀');
  });

  it('problems name the file and the result or line; nothing is evaluated (exit 2)', async () => {
    const files = await quarterFiles('json');
    file('plain.csv', roster(undefined));
    file('bad.json', '{"results": [');
    file('other.json', JSON.stringify({ results: [{ scheme: { id: '别的' }, subject: 'A1', period: '2026-Q1', score: 1, grade: null }] }));
    file('noperson.json', JSON.stringify({ results: [{ scheme: { id: '平时考核' }, period: '2026-Q1', score: 1, grade: '好' }] }));
    file('bad.jsonl', `${JSON.stringify({ scheme: { id: '平时考核' }, subject: 'A1', period: '2026-Q2', score: 90, grade: '好' })}\n{oops\n`);
    const r = await annual(['plain.csv', '--period', '2026', '--lang', 'zh', '--periods', [files[0], files[0], 'bad.json', 'other.json', 'noperson.json', 'bad.jsonl', 'missing.json'].join(',')]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    const lines = r.err.trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/^kaohe eval：无法读取“missing\.json”/u),
      // each a line of the command's, as its other lines are (C10b)
      'kaohe eval：“q1.json”又给出了“平时考核”考核期“2026-Q1”的结果（已见于“q1.json”）：每个考核期只能给一次',
      'kaohe eval：“bad.json”不是有效的“JSON”：第 1 行第 14 列：文本已结束，但 JSON 尚不完整（是否缺少 “}”、“]” 或 “"”，或文件被截断？）', // our words, not JSON.parse's English
      'kaohe eval：“other.json”是方案“别的”的结果，本方案没有输入项读取它（读取的是：平时考核、年度考核）',
      'kaohe eval：“noperson.json”第 1 个结果：缺少“subject”（人员编号）',
      'kaohe eval：“bad.jsonl”不是有效的“JSON”：第 2 行第 2 列：此处不能出现 “o”',
    ]);
    const quarter = await annual(['plain.csv', '--period', '2026', '--lang', 'en', '--periods', 'q1.json,q2.json,q3.json']);
    expect(quarter.code).toBe(2);
    expect(quarter.err).toContain('kaohe eval: --periods: no file gives the results of “平时考核” for 2026-Q4, which the input “季度结果” reads (its rule when a period is missing: error)');
    const next = await annual(['plain.csv', '--period', '2027', '--lang', 'en', '--periods', 'q1.json']);
    expect(next.err).toContain('kaohe eval: q1.json: results of “平时考核” for 2026-Q1, which no input reads in 2027 (it reads: 2027-Q1, 2027-Q2, 2027-Q3, 2027-Q4)');
    const noPeriod = await annual(['plain.csv', '--periods', 'q1.json']);
    expect(noPeriod.code).toBe(2);
    expect(noPeriod.err).toContain('--periods needs the evaluation period (--period 2026)');
  });
});
