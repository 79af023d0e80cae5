// Rounds' errors as an officer reads them (issue 14 part 2, audit findings 4, 5, 7, 10), against a
// real store: a `grades ENUM` input whose enum lacks a grade of the source scheme is refused
// when the round is created and when it is evaluated (the source published new grades since); a
// team without a final result is ONE problem naming its people and what holds the result up (the
// team round's name, status and 公示 end date), not one per person advising to set leaders absent;
// per-person problems name the person and field (record keys in the reader's language), never the
// cohort position, without the English `expected` in a Chinese answer; a related field refused in
// an input part says where it is corrected.

import { beforeAll, describe, expect, it } from 'vitest';
import { call, type Fixture } from './helpers.js';
import { inDays, TEAM_SCHEME, withRoundsApp, type RoundsClient } from './rounds-helpers.js';

const TEAM = TEAM_SCHEME;

const MEMBERS = (name: string, members = '较差, 一般, 较好, 好') => `方案 ${name} "班子成员年度考核（测试）" {
  周期 年度
  精度 2
  分组 班子
  枚举 班子等次 { ${members} }
  输入 {
    班子 "所在领导班子": 文本
    班子结果 "领导班子年度考核": 引用结果 领导班子考核 对象 班子 等次 班子等次 缺失 报错
    测评分 "民主测评得分": 数值 属于 [0, 100]
  }
  指标 测评成绩 权重 100% = 测评分
  等次 {
    优秀 当 总分 >= 90
    称职 其他
  }
}`;

const QUARTER = `方案 平时考核 "平时考核（测试）" {
  周期 季度
  输入 { 实绩: 数值 属于 [0, 100] }
  指标 实绩分 权重 100% = 实绩
  等次 {
    好 当 总分 >= 90
    较好 当 总分 >= 80
    一般 其他
  }
}`;

const ANNUAL = `方案 年度考核 "年度考核（测试）" {
  周期 年度
  枚举 平时等次 { 好, 一般 }
  输入 { 季度结果: 引用结果 平时考核 季度 等次 平时等次 缺失 跳过 }
  指标 季度次数 权重 100% = 计数(季度结果)
  等次 { 合格 其他 }
}`;

let f: Fixture;
let a: RoundsClient;

withRoundsApp(() => [TEAM(), MEMBERS('班子成员考核'), MEMBERS('缺等次成员考核', '好, 一般, 较差'), QUARTER, ANNUAL], (fx, c) => {
  f = fx;
  a = c;
});

/** A new published version of an existing scheme. */
async function republish(source: string): Promise<void> {
  const id = encodeURIComponent('领导班子考核');
  const draft = await call(f.app, 'PUT', `/api/schemes/${id}/draft`, { token: f.tokens.A.author, body: { source } });
  expect(draft.status, draft.text).toBe(200);
  const pub = await call(f.app, 'POST', `/api/schemes/${id}/publish`, { token: f.tokens.A.author });
  expect(pub.status, pub.text).toBe(200);
}

type Detail = { path: string; code: string; message: string; subject?: string; subjects?: string[]; related?: string; expected?: string };
const details = (body: any): Detail[] => body.error.details;

describe('a `grades ENUM` input whose enum lacks a source grade (finding 4)', () => {
  it('creating the round is refused: 422 source_grades_mismatch at `scheme`, naming the missing grade', async () => {
    const r = await call(f.app, 'POST', '/api/rounds?lang=zh', { token: f.tokens.A.author, body: { scheme: '缺等次成员考核', period: '2026' } });
    expect(r.status, r.text).toBe(422);
    expect(r.body.error.code).toBe('source_grades_mismatch');
    const [d] = details(r.body);
    expect([d.path, d.code]).toEqual(['scheme', 'source_grades_mismatch']);
    expect(d.message).toBe('输入“班子结果”按枚举“班子等次”读取方案“领导班子考核”的等次，但“领导班子考核”第1版的等次“较好”不在枚举“班子等次”中；请在枚举“班子等次”中补上这些等次，再发布本方案的新版本');
  });

  it('a roll-up (`results of … quarterly grades E`) likewise', async () => {
    const r = await a.create({ scheme: '年度考核', period: '2026' });
    expect(r.status, r.text).toBe(422);
    expect(details(r.body).map((d) => [d.path, d.code, d.message])).toEqual([
      ['scheme', 'source_grades_mismatch', 'input `季度结果` reads the grades of scheme `平时考核` as members of enum `平时等次`, but version 1 of `平时考核` grades `较好`, which `平时等次` lacks; add them to `平时等次` and publish a new version of this scheme'],
    ]);
  });

  it('evaluate is refused when the source published a version with a grade the enum lacks since', async () => {
    const round = await a.rostered('班子成员考核', '2025', [{ id: '甲1', unit: '甲局', status: 'take' }]);
    expect((await a.inputs(round, { subjects: [{ id: '甲1', input: { 测评分: 95 } }] })).status).toBe(201);
    await republish(TEAM('特好 当 总分 >= 99\n    好 当 总分 >= 90\n    较好 当 总分 >= 80\n    一般 当 总分 >= 70\n    较差 其他'));
    const r = await a.evaluate(round);
    expect(r.status, r.text).toBe(422);
    expect(details(r.body).map((d) => [d.path, d.code])).toEqual([['scheme', 'source_grades_mismatch']]);
    expect(details(r.body)[0].message).toContain('version 2 of `领导班子考核` grades `特好`');
    await republish(TEAM()); // version 3: back to grades the enum holds
  });
});

describe('a team without a final result (finding 5)', () => {
  let round: string;
  const until = inDays(30);

  beforeAll(async () => {
    // The team round "2026年度班子考核" in 公示 until 30 days from now, with 甲局 and 乙局; 丙局 in no round.
    const team = await a.rostered('领导班子考核', '2026', [{ id: '甲局', status: 'take' }, { id: '乙局', status: 'take' }], { name: '2026年度班子考核' });
    expect((await a.inputs(team, { subjects: [{ id: '甲局', input: { 实绩: 95 } }, { id: '乙局', input: { 实绩: 85 } }] })).status).toBe(201);
    expect((await a.evaluate(team)).status).toBe(200);
    expect((await a.publicize(team, until)).status).toBe(200);
    const people = [['甲1', '甲局'], ['甲2', '甲局'], ['乙1', '乙局'], ['甲3', '甲局'], ['丙1', '丙局']];
    round = await a.rostered('班子成员考核', '2026', people.map(([id, unit]) => ({ id, unit, status: 'take' })));
    expect((await a.inputs(round, { subjects: people.map(([id]) => ({ id, input: { 测评分: 90 } })) })).status).toBe(201);
  });

  it('one KH-E057 per team at `input.班子结果`, naming its people, with the team round\'s name, status and 公示 end date', async () => {
    const r = await call(f.app, 'POST', `/api/rounds/${round}/evaluate?lang=zh`, { token: f.tokens.A.author });
    expect(r.status, r.text).toBe(422);
    const ds = details(r.body);
    expect(ds.map((d) => [d.path, d.code, d.related, d.subjects])).toEqual([
      ['input.班子结果', 'KH-E057', '甲局', ['甲1', '甲2', '甲3']],
      ['input.班子结果', 'KH-E057', '乙局', ['乙1']],
      ['input.班子结果', 'KH-E057', '丙局', ['丙1']],
    ]);
    expect(ds[0].message).toMatch(new RegExp(`^“甲1”、“甲2”、“甲3”（共 3 人）的“班子结果”：.*；“领导班子考核”批次“2026年度班子考核”正在公示，至 ${until} 结束，定稿后再评定$`));
    expect(ds[2].message).toMatch(/；“领导班子考核”在 2026 没有列入“丙局”的考核批次，请在“领导班子考核”批次中评定该对象并定稿（或导入其结果）后再评定$/);
    for (const d of ds) {
      expect(d.message).not.toContain('不参加');
      expect(d.message).not.toContain('subjects[');
      expect(d.expected).toBeUndefined();
    }
  });
});

describe('per-person problems by id, in the reader\'s language (finding 7)', () => {
  it('a missing input and a filled grade outside the enum: `subjects[<id>]` paths, messages by person and field, no English `expected` in zh', async () => {
    // An imported 2024 result of 丁局 with a grade the member enum lacks (an older version's, say).
    const org = ((await f.store.get("SELECT org_id AS o, id FROM schemes WHERE name = '领导班子考核'")) as { o: number; id: number });
    await f.store.run(`INSERT INTO subject_results (org_id, scheme_id, subject_id, period, round_id, revision, unit, score, score_exact, grade, final, imported, created_at)
      VALUES (?, ?, '丁局', '2024', NULL, NULL, NULL, '91.00', '91', '很好', 1, 1, '2026-01-01T00:00:00Z')`, [org.o, org.id]);
    const round = await a.rostered('班子成员考核', '2024', [{ id: '丁1', unit: '丁局', status: 'take' }, { id: '丁2', unit: '丁局', status: 'take' }]);
    expect((await a.inputs(round, { subjects: [{ id: '丁1', input: { 测评分: 90 } }] })).status).toBe(201);
    const r = await call(f.app, 'POST', `/api/rounds/${round}/evaluate?lang=zh`, { token: f.tokens.A.author });
    expect(r.status, r.text).toBe(422);
    const ds = details(r.body);
    expect(ds.map((d) => [d.path, d.subject])).toEqual([
      ['subjects[丁1].input.班子结果.grade', '丁1'],
      ['subjects[丁2].input.班子结果.grade', '丁2'],
      ['subjects[丁2].input.测评分', '丁2'],
    ]);
    expect(ds[0].message).toBe('“丁1”的“班子结果.考核等次”：“领导班子考核”的等次“很好”不在枚举“班子等次”中；请在枚举“班子等次”中补上该等次，再发布本方案的新版本');
    expect(ds[2].message).toMatch(/^“丁2”的“测评分”：/);
    for (const d of ds) {
      expect(d.message).not.toContain('subjects[');
      expect(d.expected).toBeUndefined();
    }
    // English keeps the contract's `expected`.
    const en = await a.evaluate(round);
    expect(details(en.body)[0].message).toMatch(/^丁1: `班子结果\.grade`: /);
    expect(details(en.body).some((d) => d.expected !== undefined)).toBe(true);
  });
});

describe('a related field in an input part (finding 10)', () => {
  it('filled_by_server says where the result is corrected', async () => {
    const round = await a.rostered('班子成员考核', '2023', [{ id: '戊1', unit: '戊局', status: 'take' }]);
    const r = await call(f.app, 'POST', `/api/rounds/${round}/inputs?lang=zh`, {
      token: f.tokens.A.evaluator, body: { subjects: [{ id: '戊1', input: { 班子结果: { period: '2023', score: 90, grade: '好', imported: false } } }] },
    });
    expect(r.status, r.text).toBe(422);
    expect(details(r.body).map((d) => [d.path, d.code, d.message])).toEqual([
      ['subjects[0].input.班子结果', 'filled_by_server', '输入“班子结果”由服务器根据“领导班子考核”的结果填写，不能提交或更正；请更正“领导班子考核”批次中该“班子”的结果'],
    ]);
  });
});
