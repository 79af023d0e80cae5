// The V11 black-box trial's findings about a roster's cells of period results and its header
// (/tmp/status/V11.md), each as 王科长 meets it in a CSV of the annual scheme (schemes/annual-review):
// - MED-1 the template's 说明 said 季度结果/往年 are not required (必填 否) while an empty cell is a
//   missing value: its 必填 now says required to try the scheme out ([] for none), filled in a round;
// - MED-2 a period given twice in a cell named its first record by a 0-based path (`季度结果[0].考核期`)
//   beside the 1-based one of the error: now in words, 第 1 条 (also the engine's own message);
// - MED-3 a 往年 cell not written as JSON showed a quarter (2026-Q1) as its example: now a year;
// - LOW-6 a wrong grade or score inside a cell named neither the record nor the value typed, and
//   wrote `null` as code: now 第 3 条, “优秀”, “null”;
// - LOW-5/7 examples paired 得分 92 with 较差 (the first of an ordered enum, the lowest): the best grade;
// - LOW-11 the engine's list type said 列表 twice (`列表（…的列表`), `at least 1 items`; a streamed
//   roster's list count read “0 items 项”;
// - LOW-13 a repeated header said “实绩得分” repeats “实绩得分”: now by the columns' letters.

import { describe, expect, it } from 'vitest';
import { render } from '../../dsl/i18n/index.js';
import { evaluate, evaluateCohort, prepare } from '../../engine/index.js';
import { buildTemplate, parseCsv, readRoster } from '../../sheets/index.js';
import { listExample } from '../../sheets/period-results.js';
import { locateErrors } from '../../sheets/roster.js';
import { contractOf } from '../../sheets/scheme.js';
import { en, schemeSource, zh } from './fixtures.js';

const annual = schemeSource('annual-review');
const quarterly = schemeSource('quarterly-review');

/** The roster's problems after evaluating it as `kaohe eval --period PERIOD` does. */
async function problems(source: string, csv: string, period?: string) {
  const contract = contractOf(source);
  const roster = await readRoster(parseCsv(csv), contract.fields);
  const out = await evaluateCohort(prepare(source, 'x.kaohe').value!, roster.subjects, period ? { period } : {});
  return [...roster.problems, ...(out.ok ? [] : locateErrors(roster, out.errors))];
}

/** A CSV cell holding JSON. */
const cell = (json: unknown) => `"${JSON.stringify(json).replaceAll('"', '""')}"`;
const q = (period: string, score: unknown, grade?: unknown) => ({ 考核期: period, 得分: score, ...(grade === undefined ? {} : { 考核等次: grade }) });
const QUARTERS = [q('2026-Q1', 90, '好'), q('2026-Q2', 88, '较好'), q('2026-Q3', 91, '好'), q('2026-Q4', 86, '较好')];
const row = (quarters: unknown, past: unknown = []) => `编号,单位,季度结果,往年,年度测评分\nA1,办公室,${typeof quarters === 'string' ? quarters : cell(quarters)},${typeof past === 'string' ? past : cell(past)},92`;

describe('MED-1: the template’s notes and the reader agree on a list of period results', () => {
  it('必填 says required to try the scheme out ([] for none), filled in by the server in a round; the reader refuses an empty cell and takes []', async () => {
    for (const [locale, words] of [['zh', '单独试算时必填（没有结果写 []）；考核批次中由服务器填入'], ['en', 'required to try the scheme out ([] for none); filled in by the server in a round']] as const) {
      const notes = buildTemplate(contractOf(annual), locale).sheets[1].rows;
      const required = (column: string) => notes.find((r) => r[0] === column)?.[3];
      expect(required('季度结果')).toBe(words);
      expect(required('往年')).toBe(words);
      expect(required('年度测评分')).toBe(locale === 'zh' ? '是' : 'yes');
      // the hint line says the cell may not be left empty (it said “an empty cell is not filled in”)
      const hint = notes.map((r) => String(r[0] ?? '')).find((t) => t.startsWith(locale === 'zh' ? '“往年”列' : 'Column “往年”'))!;
      expect(hint).toContain(locale === 'zh' ? '不能留空' : 'may not be left empty');
    }
    const empty = await problems(annual, row(QUARTERS, ''), '2026');
    expect(empty.map((p) => [p.code, p.column])).toEqual([['KH-E002', '往年']]);
    expect(await problems(annual, row(QUARTERS, []), '2026')).toEqual([]);
  });

  it('a related result’s sub-columns stay optional (all empty = no result)', () => {
    const source = schemeSource('leader-members');
    const notes = buildTemplate(contractOf(source), 'zh').sheets[1].rows.filter((r) => String(r[0]).startsWith('班子结果.'));
    expect(notes.length).toBe(4);
    for (const r of notes) expect(r[3]).toBe('否');
  });
});

describe('MED-2: a period given twice is named in words, from 1', () => {
  it('the sheet: 第 2 条 … 第 1 条, path 1-based', async () => {
    const [p] = await problems(annual, row([q('2026-Q1', 90, '好'), q('2026-Q1', 80, '较好')]), '2026');
    expect(p).toMatchObject({ code: 'KH-E051', column: '季度结果', path: '季度结果[2].考核期' });
    expect(zh(p)).toBe('第 2 行 “季度结果” 列：第 2 条：“2026-Q1”有第二条结果记录（第 1 条已是该期的结果），每个考核期只能有一条');
    expect(en(p)).toBe('row 2, column “季度结果”: item 2: a second result for 2026-Q1 (item 1 already gives one): one result per period');
    expect(zh(p)).not.toMatch(/\[0\]/);
  });

  it('the engine (API, library): the first record by its number, not a 0-based path', async () => {
    const input = { 单位: '办公室', 季度结果: [q('2026-Q2', 90, '好'), q('2026-Q3', 80), q('2026-Q2', 85)], 往年: [], 年度测评分: 90 };
    const out = await evaluate(prepare(annual).value!, { id: 'A1', input }, { period: '2026' });
    expect(out.ok).toBe(false);
    const e = !out.ok ? out.errors[0] : undefined;
    expect(e?.path).toBe('季度结果[2].考核期');
    expect(render(e!.msg!, 'zh')).toContain('（第 1 条已是该期的结果）');
    expect(render(e!.msg!, 'en')).toContain('(item 1 already gives one)');
  });
});

describe('MED-3: a 往年 cell not written as JSON shows a year as its example', () => {
  it('往年: 2025; 季度结果: a quarter of the year', async () => {
    const past = await problems(annual, row(QUARTERS, '无'), '2026');
    expect(past.map((p) => p.code)).toEqual(['KH-E003']);
    expect(zh(past[0])).toContain('如 [{"考核期": "2025", "得分": 92, "考核等次": "优秀"}]；实为 “无”');
    expect(en(past[0])).toContain('such as [{"period": "2025", "score": 92, "grade": "优秀"}]; found “无”');
    const quarters = await problems(annual, row('一季度好', []), '2026');
    expect(zh(quarters[0])).toContain('如 [{"考核期": "2026-Q1", "得分": 92, "考核等次": "好"}]');
  });
});

describe('LOW-6: a problem inside a cell names the record and what was typed', () => {
  it('a grade not of the scheme’s: 第 3 条, the value, “null” or the key left out (zh, en)', async () => {
    const quarters = [QUARTERS[0], QUARTERS[1], q('2026-Q3', 93, '优秀'), QUARTERS[3]];
    const [p] = await problems(annual, row(quarters, [q('2025', 90, '良好')]), '2026');
    expect(zh(p)).toBe('第 2 行 “季度结果” 列：第 3 条：考核等次 “优秀” 不在可选值中（可选：较差、一般、较好、好）；不定等次时写 “null” 或不写 “考核等次” 一项');
    expect(en(p)).toBe('row 2, column “季度结果”: item 3: 考核等次 “优秀” is not one of 较差, 一般, 较好, 好; for an ungraded period write null or leave 考核等次 out');
    expect(zh(p)).not.toContain('`');
  });

  it('what it says is what the reader takes: null and a grade left out read as no grade', async () => {
    const quarters = [QUARTERS[0], QUARTERS[1], q('2026-Q3', 93, null), q('2026-Q4', 86)];
    expect(await problems(annual, row(quarters), '2026')).toEqual([]);
  });

  it('a score: the record, the value typed, how to write none; past years’ grades too', async () => {
    const ps = await problems(annual, row([q('2026-Q1', '九十', '好')], [q('2024', 90, '优秀'), q('2025', 88, '良好')]), '2026');
    expect(ps.map(zh)).toEqual([
      '第 2 行 “季度结果” 列：第 1 条：得分应为数值，如 88.45（精确分数写成文本，如 "1769/20"），实为 “九十”；没有得分时写 “null” 或不写 “得分” 一项',
      '第 2 行 “往年” 列：第 2 条：考核等次 “良好” 不在可选值中（可选：优秀、称职、基本称职、不称职）；不定等次时写 “null” 或不写 “考核等次” 一项',
    ]);
    expect(en(ps[0])).toBe('row 2, column “季度结果”: item 1: 得分 should be a number such as 88.45 (an exact fraction as text, such as "1769/20"), found “九十”; without a score write null or leave 得分 out');
  });

  it('an unknown key lists the four in the reader’s language; a missing period names its form; an item not a record shows one', async () => {
    const [unknown] = await problems(annual, row([{ 考核期: '2026-Q1', 分数: 90 }]), '2026');
    expect(zh(unknown)).toBe('第 2 行 “季度结果” 列：第 1 条：“分数” 不是此处可填的字段（可填：考核期、得分、考核等次、导入）');
    expect(en(unknown)).toBe('row 2, column “季度结果”: item 1: `分数` is not a field here (fields: period, score, grade, imported)');
    const [noPeriod] = await problems(annual, row([QUARTERS[0], { 得分: 90 }]), '2026');
    expect(zh(noPeriod)).toBe('第 2 行 “季度结果” 列：第 2 条：缺少考核期，如 “2026-Q1”');
    const [notRecord] = await problems(annual, row(QUARTERS, [90]), '2026');
    expect(zh(notRecord)).toBe('第 2 行 “往年” 列：第 1 条：应为一条结果记录（整格写法如 [{"考核期": "2025", "得分": 92, "考核等次": "优秀"}]），实为 “90”');
  });
});

describe('LOW-7: an example’s grade suits its score of 92', () => {
  it('an ordered enum (lowest first) gives its last, a scheme’s grades (best first) and an unordered enum their first', () => {
    const fields = (source: string) => contractOf(source).fields;
    const [quarters, past] = ['季度结果', '往年'].map((n) => fields(annual).find((f) => f.name === n)!.results!);
    expect(quarters.ordered).toBe(true);
    expect(listExample(quarters, 'zh')).toBe('[{"考核期": "2026-Q1", "得分": 92, "考核等次": "好"}]');
    expect(listExample(past, 'en')).toBe('[{"period": "2025", "score": 92, "grade": "优秀"}]');
    const plain = annual.replace('枚举 平时等次 有序 { 较差, 一般, 较好, 好 }', '枚举 平时等次 { 好, 较好, 一般, 较差 }');
    const unordered = fields(plain).find((f) => f.name === '季度结果')!.results!;
    expect(unordered.ordered).toBeUndefined();
    expect(listExample(unordered, 'zh')).toContain('"考核等次": "好"');
  });

  it('the template’s notes and the empty-cell message show it', async () => {
    const notes = buildTemplate(contractOf(annual), 'zh').sheets[1].rows.flat().map(String).join('\n');
    expect(notes).toContain('"得分": 92, "考核等次": "好"');
    expect(notes).not.toContain('"得分": 92, "考核等次": "较差"');
    const [p] = await problems(annual, row('', []), '2026');
    expect(zh(p)).toContain('"得分": 92, "考核等次": "好"');
  });
});

describe('LOW-11: list types said once, items counted right', () => {
  it('the engine: 列表（每项：…）once; en “at least 1 item”', async () => {
    const s = prepare(quarterly).value!;
    const run = async (votes: unknown) => {
      const out = await evaluate(s, { id: 'A1', input: { 单位: '办公室', 实绩得分: 90, 测评票: votes } }, { period: '2026-Q1' });
      return out.ok ? undefined : out.errors[0].msg!;
    };
    const notList = await run('九十');
    expect(render(notList!, 'zh')).toBe('测评票：应为列表（每项：数值，范围 [0, 100]），至少 1 项');
    expect(render(notList!, 'en')).toBe('测评票: expected a list of number in [0, 100] min 1');
    const empty = await run([]);
    expect(render(empty!, 'en')).toBe('测评票: expected at least 1 item, found 0');
    expect(render(empty!, 'zh')).toBe('测评票：应有至少 1 项，实有 0 项');
  });

  it('a roster read as a stream (its inputs gone): “实为 0 项”, “found 0 items”', async () => {
    const contract = contractOf(quarterly);
    const roster = await readRoster(parseCsv('编号,单位,实绩得分,测评票\nA1,办公室,90,[]'), contract.fields);
    const out = await evaluateCohort(prepare(quarterly).value!, roster.subjects, { period: '2026-Q1' });
    roster.subjects = []; // as a streamed roster keeps them
    const [p] = locateErrors(roster, out.ok ? [] : out.errors);
    expect(zh(p)).toMatch(/，实为 0 项$/);
    expect(en(p)).toMatch(/, found 0 items$/);
  });
});

describe('LOW-13: a repeated column is named by its letters', () => {
  it('第 D 列与第 C 列（“实绩得分”）重复', async () => {
    const [p, ...rest] = await problems(quarterly, '编号,单位,实绩得分,实绩得分,测评票\nB1,办公室,90,80,90', '2026-Q1');
    expect(rest).toEqual([]);
    expect(p).toMatchObject({ code: 'KH-E008', column: '实绩得分' });
    expect(zh(p)).toBe('“实绩得分” 列：第 D 列与第 C 列（“实绩得分”）重复：请删除其中一列或改正列名');
    expect(en(p)).toBe('column “实绩得分”: column D repeats column C (“实绩得分”): delete or rename one of them');
  });
});
