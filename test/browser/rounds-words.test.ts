// The rounds view's plain code, tested without a browser (in a UI language each
// test names: ui-lang.ts): its word catalog (editor/src/rounds/i18n.ts), the roster reader
// (editor/src/rounds/sheet.ts: 编号/单位/状态/计入基数 and display columns, problems by row and column)
// and the trend chart's score axis (editor/src/rounds/trend.ts).

import { describe, expect, it, vi } from 'vitest';
import { uiModules } from './ui-lang.js';

/** The editor's modules in UI language `l`. */
const load = uiModules(async () => ({ sheet: await import('../../editor/src/rounds/sheet.js'), trend: await import('../../editor/src/rounds/trend.js') }));

const file = (text: string, name = '名册.csv') => ({ name, bytes: new TextEncoder().encode(text).buffer as ArrayBuffer });

describe('the editor-rounds catalog', () => {
  it('has the same placeholders in both languages, and Chinese without English words or doubled punctuation', async () => {
    await load('zh');
    const { placeholders, registeredCatalogs } = await import('../../dsl/i18n/index.js');
    const c = registeredCatalogs().get('editor-rounds')!;
    expect(Object.keys(c.zh).sort()).toEqual(Object.keys(c.en).sort());
    for (const [k, t] of Object.entries(c.en)) {
      expect(placeholders(c.zh[k]), k).toEqual(placeholders(t));
      const zh = String(c.zh[k]).replace(/\{\w+\}/g, '').replace(/“[^”]*”/g, '');
      expect(zh.match(/[A-Za-z]{2,}/g) ?? [], k).toEqual([]);
      expect(String(c.zh[k]).replace(/\{\w+\}/g, '甲'), k).not.toMatch(/。：|：。|，。|[，。：；]{2}/);
    }
  });
});

describe('the roster reader', () => {
  it('reads 编号, 单位, 状态 and 计入基数 below a title row; other columns are display fields', async () => {
    const { sheet } = await load('zh');
    const read = await sheet.readMembers(file([
      '2026年第二季度平时考核名册,,,,,',
      '编号,姓名,单位,状态,计入基数,职务',
      'A1,张伟,综合科,参加,是,科员',
      'A2,王芳,综合科,,,',
      'B2,陈静,办公室,试用期,否,科员',
      'B3,杨磊,办公室,不参加,,',
      'B4,赵敏,办公室,不定等次,,',
    ].join('\n')));
    expect(read).toEqual({ ok: true, notices: [], items: [
      { id: 'A1', status: 'take', unit: '综合科', display: { 姓名: '张伟', 职务: '科员' } },
      { id: 'A2', status: 'take', unit: '综合科', display: { 姓名: '王芳' } },
      { id: 'B2', status: 'ungraded', unit: '办公室', countsInBase: false, display: { 姓名: '陈静', 职务: '科员' } },
      { id: 'B3', status: 'absent', unit: '办公室', display: { 姓名: '杨磊' } },
      { id: 'B4', status: 'ungraded', unit: '办公室', display: { 姓名: '赵敏' } },
    ] });
  });

  it('names every problem by row and column, in the UI language, and reads nothing half', async () => {
    const text = ['编号,单位,状态,计入基数', 'A1,综合科,请假,是', ',综合科,参加,', 'A1,综合科,参加,', 'A3,综合科,参加,也许'].join('\n');
    const zh = await load('zh');
    expect(await zh.sheet.readMembers(file(text))).toEqual({ ok: false, problems: [
      '第 2 行“状态”列：“请假”不是参加、不参加或不定等次',
      '第 3 行：编号为空',
      '第 4 行：编号“A1”与第 2 行重复',
      '第 5 行“计入基数”列：“也许”应为是或否',
    ] });
    expect(await zh.sheet.readMembers(file('姓名,单位\n张伟,综合科'))).toMatchObject({ ok: false, problems: [expect.stringMatching(/^名册没有人员编号列：表头须有“编号”、/)] });
    expect(await zh.sheet.readMembers(file('编号,单位\n'))).toEqual({ ok: false, problems: ['名册中没有人员'] });
    expect(await zh.sheet.readMembers(file('not a workbook', '名册.xlsx'))).toEqual({ ok: false, problems: ['“名册.xlsx”不是可读取的电子表格文件'] });
    const en = await load('en');
    expect(await en.sheet.readMembers(file(text))).toMatchObject({ ok: false, problems: expect.arrayContaining(['row 2, column “状态”: “请假” is none of 参加, 不参加, 不定等次']) });
  });
});

describe('the trend chart’s score axis', () => {
  it('runs from a round number a little under the lowest score to 100, in steps that fit', async () => {
    const { trend } = await load('zh');
    expect(trend.scoreAxis([91.5, 88.75, 97])).toEqual({ lo: 80, hi: 100, step: 5 });
    expect(trend.scoreAxis([45, 97])).toEqual({ lo: 40, hi: 100, step: 20 });
    expect(trend.scoreAxis([100])).toEqual({ lo: 90, hi: 100, step: 5 });
    expect(trend.scoreAxis([3, 60])).toEqual({ lo: 0, hi: 100, step: 20 });
    // A scheme whose total exceeds 100 (points): the top is the next ten.
    expect(trend.scoreAxis([96, 104.5])).toEqual({ lo: 90, hi: 110, step: 5 });
  });
});

describe('the rounds API reader (editor/src/rounds/api.ts)', () => {
  const answer = (byPath: Record<string, unknown>) => {
    vi.stubGlobal('fetch', async (path: string) => new Response(JSON.stringify(byPath[path.replace(/\?.*$/, '')] ?? {}), { status: 200 }));
  };

  it('reads per person the defaulted inputs and the roll-up periods without a result, blocking ones marked', async () => {
    await load('zh');
    const { roundsApi } = await import('../../editor/src/rounds/api.js');
    answer({ '/api/rounds/rd_1': { id: 'rd_1', scheme: { id: '机关年度考核', version: 1 }, period: '2026', status: 'open', revision: 0, members: [{ id: 'A2', status: 'take' }], missing: [
      { subject: 'A2', unit: '综合科', fields: [{ field: '年度测评分', hasDefault: false }], defaulted: ['加分'],
        rollups: [{ field: '季度结果', scheme: '平时考核', periods: ['2026-Q3', '2026-Q4'], missing: 'skip', blocking: false },
          { field: '往年', scheme: '机关年度考核', periods: ['2024'], missing: 'error', blocking: true }] },
    ], pendingSources: [] } });
    const r = await roundsApi.get('rd_1');
    expect(r.missing.get('A2')).toEqual([{ field: '年度测评分', hasDefault: false }, { field: '加分', hasDefault: true }]);
    expect(r.rollups.get('A2')).toEqual([
      { field: '季度结果', scheme: '平时考核', periods: ['2026-Q3', '2026-Q4'], missing: 'skip', blocking: false, subject: null },
      { field: '往年', scheme: '机关年度考核', periods: ['2024'], missing: 'error', blocking: true, subject: null },
    ]);
    vi.unstubAllGlobals();
  });

  it('reads an amendment’s changes with the actions gained and lost, the `source` why and unranked figures', async () => {
    await load('zh');
    const { roundsApi } = await import('../../editor/src/rounds/api.js');
    answer({ '/api/rounds/rd_1/amendments': { revision: 3, amendment: { account: '李科长', at: '2026-12-05T12:00:00Z' }, changes: [
      { subject: 'A2', before: { score: 92.73, grade: '称职', rank: { overall: 1, cohort: 1 } }, after: { score: 95, grade: '优秀', rank: { overall: 1, cohort: 1 } },
        actions: { gained: ['记三等功'], lost: [] }, why: ['source'], reason: '其引用的考核结果已更正' },
      { subject: 'B2', before: { score: 85, grade: null, rank: { overall: null, cohort: null } }, after: { score: 86, grade: null, rank: { overall: null, cohort: null } },
        actions: { gained: [], lost: ['辞退'] }, why: ['cohort'], reason: '…' },
    ] } });
    const a = await roundsApi.amend('rd_1', { subject: 'A2', input: { 年度测评分: 95 }, reason: '复核' });
    expect(a.changes.map((c) => [c.subject, c.why, c.actions, c.before.rank])).toEqual([
      ['A2', ['source'], { gained: ['记三等功'], lost: [] }, 1],
      ['B2', ['cohort'], { gained: [], lost: ['辞退'] }, null],
    ]);
    vi.unstubAllGlobals();
  });

  // Issue 14 part 2: a source refresh (subject null, kind refresh) is its own kind of revision, the
  // round says whether it changed since its evaluation, and a related subject's pending result names it.
  it('reads a source refresh among the revisions, `changed`, and a related subject’s pending source', async () => {
    await load('zh');
    const { roundsApi } = await import('../../editor/src/rounds/api.js');
    const { pendingWords } = await import('../../editor/src/rounds/common.js');
    answer({
      '/api/rounds/rd_1': { round: { id: 'rd_1', scheme: { id: '班子成员考核', version: 1 }, period: '2026', status: 'publicity', revision: 3, outOfDate: true }, changed: true,
        revisions: [{ n: 1, by: 'tok_1', account: null }, { n: 2, by: 'tok_1', account: '李科长', amendmentId: 7 }, { n: 3, by: 'tok_1', account: '李科长', amendmentId: 8 }],
        members: [], missing: [], pendingSources: [{ input: '班子结果', scheme: '领导班子考核', period: '2026', status: 'none', subject: '发改局班子' }] },
      '/api/rounds/rd_1/amendments': { amendments: [
        { id: 7, subject: 'A2', kind: 'input', reason: '复核' },
        { id: 8, subject: null, kind: 'refresh', reason: '班子等次更正后刷新' },
      ] },
    });
    const r = await roundsApi.get('rd_1');
    expect([r.outOfDate, r.changed]).toEqual([true, true]);
    expect(r.revisions.map((v) => v.amendment)).toEqual([null, { kind: 'input', subject: 'A2', reason: '复核' }, { kind: 'refresh', subject: null, reason: '班子等次更正后刷新' }]);
    expect(r.pending.map(pendingWords)).toEqual(['领导班子考核 2026 发改局班子（没有结果）']);
    vi.unstubAllGlobals();
  });
});
