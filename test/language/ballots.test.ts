// Panels with criteria (issue 12, item 2): ballots of several criteria, trimmed per criterion (the
// default) or per ballot, `min` counted per criterion and category before trimming, the `missing`
// policy applied per criterion. Every expected number is computed by hand below (exact decimals);
// the semantics are in engine/ballots.ts and docs/language.md "Rating scales and ballots".

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../dsl/index.js';
import { render } from '../../dsl/i18n/index.js';
import { Rational } from '../../dsl/rational.js';
import type { Trace } from '../../engine/api.js';
import { evaluate, prepare, runExamples } from '../../engine/index.js';
import { SubjectResultSchema } from '../../engine/result-schema.js';
import { parse } from '../../dsl/parser/index.js';
import { SourceFile } from '../../dsl/source.js';
import { normalize } from '../format/helpers.js';

/** criteria 德 20%, 绩 80%; 自评 10%, 本处室 60% min 3, 全厅 30%; ratings on 评分档. */
const scheme = (trim: string, missing = 'renormalize', extra = '') => `scheme 季考 {
  scale 评分档 { 优秀: {100, 95, 90}, 称职: {85, 80, 75}, 基本称职: {65, 60}, 不称职: {55} }
  panel 季度测评 {
    criteria { 德 weight 20%, 绩 weight 80% }
    scale 评分档
    自评 weight 10%
    本处室 weight 60% min 3
    全厅 weight 30%
    ${trim}
    missing ${missing}
  }
  input { 票: ratings of 季度测评 }
  indicator 民主测评 weight 100% = rate 票
  ${extra}
  grades { 好 when score >= 90
    差 otherwise }
}`;

const PER_CRITERION = 'trim 1 when count >= 4';
const PER_BALLOT = 'trim 1 when count >= 4 per ballot';

type Ballot = Record<string, number>;
async function run(source: string, ratings: Record<string, Ballot[]>) {
  const p = prepare(source, 't.kaohe');
  if (!p.value) throw new Error(p.diagnostics.map((d) => `${d.code} ${d.message}`).join('\n'));
  return evaluate(p.value, { id: 's', input: { 票: ratings } }, { explain: true });
}
async function rated(source: string, ratings: Record<string, Ballot[]>) {
  const r = await run(source, ratings);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.code} ${e.message}`).join('\n'));
  expect(SubjectResultSchema.safeParse(r.value).success).toBe(true);
  const t = r.value.indicators[0].trace as Extract<Trace, { form: 'rate' }>;
  return { score: r.value.score, trace: t };
}
async function errors(source: string, ratings: Record<string, unknown>) {
  const p = prepare(source, 't.kaohe');
  const r = await evaluate(p.value!, { id: 's', input: { 票: ratings } });
  if (r.ok) throw new Error(`expected errors, got ${r.value.score}`);
  return r.errors.map((e) => ({ code: e.code, path: e.path, en: e.message, zh: e.msg ? render(e.msg, 'zh') : '' }));
}
const criterion = (t: Extract<Trace, { form: 'rate' }>, cat: string, e: string) =>
  t.categories.find((c) => c.name === cat)!.criteria!.find((c) => c.name === e)!;

// 本处室's ballots: totals 0.2·德 + 0.8·绩 = 84, 80, 66, 95.
const A = {
  自评: [{ 德: 95, 绩: 90 }],
  本处室: [{ 德: 100, 绩: 80 }, { 德: 60, 绩: 85 }, { 德: 90, 绩: 60 }, { 德: 75, 绩: 100 }],
  全厅: [{ 德: 85, 绩: 80 }, { 德: 75, 绩: 90 }],
};

describe('ballots: parsing', () => {
  it('reads criteria, scale and `per ballot` in both keyword languages to the same tree', () => {
    const en = parse(new SourceFile(scheme(PER_BALLOT)));
    const zh = parse(new SourceFile(`方案 季考 {
  量表 评分档 { 优秀: {100, 95, 90}, 称职: {85, 80, 75}, 基本称职: {65, 60}, 不称职: {55} }
  测评组 季度测评 {
    要素 { 德 权重 20%, 绩 权重 80% }
    量表 评分档
    自评 权重 10%
    本处室 权重 60% 至少 3
    全厅 权重 30%
    去掉 1 当 计数 >= 4 每 整票
    缺失 重新归一
  }
}`));
    expect(en.diagnostics).toEqual([]);
    expect(zh.diagnostics).toEqual([]);
    const panel = (f: typeof en) => f.value.scheme!.decls.find((d) => d.kind === 'Panel');
    expect(normalize(panel(zh))).toEqual(normalize(panel(en)));
    expect(panel(en)).toMatchObject({ scale: { name: '评分档' }, trim: { perBallot: true }, criteria: { items: [{ name: { name: '德' } }, { name: { name: '绩' } }] } });
  });
});

describe('ballots: per criterion versus per ballot trimming', () => {
  it('per criterion (the default) drops each criterion\'s highest and lowest rating', async () => {
    // 本处室 德 [100, 60, 90, 75] drops 100 and 60 → (90 + 75)/2 = 82.5
    //        绩 [80, 85, 60, 100] drops 100 and 60 → (80 + 85)/2 = 82.5
    // s(德) = 0.1·95 + 0.6·82.5 + 0.3·(85 + 75)/2 = 9.5 + 49.5 + 24 = 83
    // s(绩) = 0.1·90 + 0.6·82.5 + 0.3·(80 + 90)/2 = 9 + 49.5 + 25.5 = 84
    // score = 0.2·83 + 0.8·84 = 16.6 + 67.2 = 83.8
    const { score, trace } = await rated(scheme(PER_CRITERION), A);
    expect(score).toBe(83.8);
    expect(trace.trim).toBe('criterion');
    expect(trace.criteria).toEqual([{ name: '德', weight: 0.2, score: 83 }, { name: '绩', weight: 0.8, score: 84 }]);
    expect(criterion(trace, '本处室', '德')).toEqual({ name: '德', ratings: 4, trimmed: [100, 60], used: [75, 90], mean: 82.5, weight: 0.6 });
    expect(criterion(trace, '本处室', '绩')).toMatchObject({ trimmed: [100, 60], used: [80, 85], mean: 82.5 });
    // the category's ballot mean: 0.2·82.5 + 0.8·82.5 = 82.5
    expect(trace.categories.find((c) => c.name === '本处室')).toMatchObject({ ratings: 4, mean: 82.5 });
  });

  it('per ballot drops the ballots with the highest and lowest total — a different result', async () => {
    // totals 84, 80, 66, 95: drop ballot 4 (95, highest) and ballot 3 (66, lowest); keep 1 and 2:
    // 德 (100 + 60)/2 = 80, 绩 (80 + 85)/2 = 82.5
    // s(德) = 9.5 + 0.6·80 + 24 = 81.5; s(绩) = 84; score = 0.2·81.5 + 0.8·84 = 16.3 + 67.2 = 83.5
    // = Σ_c w_c·(Σ_e v_e·m(c, e)) = 0.1·91 + 0.6·82 + 0.3·84 = 9.1 + 49.2 + 25.2 = 83.5
    const { score, trace } = await rated(scheme(PER_BALLOT), A);
    expect(score).toBe(83.5);
    expect(trace.trim).toBe('ballot');
    expect(trace.criteria!.map((c) => c.score)).toEqual([81.5, 84]);
    const cat = trace.categories.find((c) => c.name === '本处室')!;
    expect(cat.trimmedBallots).toEqual([4, 3]);
    expect(cat.mean).toBe(82);
    expect(criterion(trace, '本处室', '德')).toMatchObject({ trimmed: [75, 90], used: [100, 60], mean: 80 });
  });

  it('does not trim below the threshold: 3 ballots with `count >= 4` are all averaged', async () => {
    const three = { 本处室: A.本处室.slice(0, 3) };
    // 德 (100 + 60 + 90)/3 = 250/3, 绩 (80 + 85 + 60)/3 = 75; only 本处室 rates: renormalized
    // score = 0.2·250/3 + 0.8·75 = 50/3 + 60 = 230/3 = 76.666…, 76.67 at the default precision 2
    for (const t of [PER_CRITERION, PER_BALLOT]) {
      const { score, trace } = await rated(scheme(t), three);
      expect(score).toBe(76.67);
      expect(trace.score).toBe(Number(Rational.int(230).div(Rational.int(3)).toDecimalString(6)));
      expect(criterion(trace, '本处室', '德').trimmed).toBeUndefined();
    }
  });

  it('breaks ties of ballot totals by input order: the earliest lowest and the latest highest go', async () => {
    // totals: b1 0.2·100 + 0.8·80 = 84, b2 0.2·80 + 0.8·85 = 84, b3 0.2·60 + 0.8·90 = 84, b4 0.2·90 + 0.8·75 = 78
    // ordered 78 (b4), 84 (b1), 84 (b2), 84 (b3): drop b4 (lowest) and b3 (the latest of the tied highest)
    // keep b1, b2: 德 (100 + 80)/2 = 90, 绩 (80 + 85)/2 = 82.5; score = 0.2·90 + 0.8·82.5 = 84
    const ties = { 本处室: [{ 德: 100, 绩: 80 }, { 德: 80, 绩: 85 }, { 德: 60, 绩: 90 }, { 德: 90, 绩: 75 }] };
    const { score, trace } = await rated(scheme(PER_BALLOT), ties);
    expect(score).toBe(84);
    expect(trace.categories.find((c) => c.name === '本处室')!.trimmedBallots).toEqual([3, 4]);
    expect(trace.criteria!.map((c) => c.score)).toEqual([90, 82.5]);
  });
});

describe('ballots: min counts and a category missing for one criterion only', () => {
  // 本处室 rates 德 twice (below `min 3`) and 绩 three times (exactly `min 3`).
  const B: Record<string, Ballot[]> = {
    自评: [{ 德: 95, 绩: 90 }],
    本处室: [{ 德: 90, 绩: 80 }, { 德: 60, 绩: 85 }, { 绩: 75 }],
    全厅: [{ 德: 85, 绩: 80 }, { 德: 75, 绩: 90 }],
  };

  it('renormalize: 本处室 is missing for 德 only', async () => {
    // s(德) = (0.1·95 + 0.3·80)/(0.1 + 0.3) = 33.5/0.4 = 83.75
    // s(绩) = 0.1·90 + 0.6·(80 + 85 + 75)/3 + 0.3·85 = 9 + 48 + 25.5 = 82.5
    // score = 0.2·83.75 + 0.8·82.5 = 16.75 + 66 = 82.75
    const { score, trace } = await rated(scheme(PER_CRITERION), B);
    expect(score).toBe(82.75);
    expect(criterion(trace, '本处室', '德')).toEqual({ name: '德', ratings: 2, missing: true });
    expect(criterion(trace, '本处室', '绩')).toMatchObject({ ratings: 3, mean: 80, weight: 0.6 });
    expect(criterion(trace, '自评', '德').weight).toBe(0.25); // 0.1 / 0.4
    expect(trace.criteria!.map((c) => c.score)).toEqual([83.75, 82.5]);
  });

  it('zero: the missing category counts 0 for 德', async () => {
    // s(德) = 9.5 + 0 + 24 = 33.5; score = 0.2·33.5 + 66 = 6.7 + 66 = 72.7
    expect((await rated(scheme(PER_CRITERION, 'zero'), B)).score).toBe(72.7);
  });

  it('error: KH-E014 at the category, naming the criterion', async () => {
    const [e] = await errors(scheme(PER_CRITERION, 'error'), B);
    expect(e).toMatchObject({ code: 'KH-E014', path: '票.本处室' });
    expect(e.en).toMatch(/^票\.本处室: fewer than 3 ratings of 德 and the panel says `missing error`/);
    expect(e.zh).toMatch(/^票\.本处室：对“德”的评分少于 3 个，且测评组规定“缺失 报错”/);
  });

  it('counts `min` before trimming: 3 ratings with `min 3` and `trim 1 when count >= 3` keep one', async () => {
    const s = scheme('trim 1 when count >= 3');
    // 本处室 绩 [80, 85, 75]: counted 3 (= min), then 85 and 75 dropped → 80; 德 missing as above
    const { trace } = await rated(s, B);
    expect(criterion(trace, '本处室', '绩')).toMatchObject({ ratings: 3, used: [80], mean: 80 });
  });

  it('a criterion no category rates: KH-E013 (renormalize), 0 (zero)', async () => {
    const only绩 = { 本处室: [{ 绩: 80 }, { 绩: 85 }, { 绩: 75 }] };
    const [e] = await errors(scheme(PER_CRITERION), only绩);
    expect(e).toMatchObject({ code: 'KH-E013', path: '票' });
    expect(e.en).toMatch(/^票: no category of panel 季度测评 rates 德/);
    // zero: s(德) = 0, s(绩) = 0.1·0 + 0.6·80 + 0.3·0 = 48; score = 0.8·48 = 38.4
    expect((await rated(scheme(PER_CRITERION, 'zero'), only绩)).score).toBe(38.4);
  });
});

describe('ballots: input errors', () => {
  it('an empty ballot, an unknown criterion, a ballot that is not an object: KH-E021 at their paths', async () => {
    const es = await errors(scheme(PER_CRITERION), { 本处室: [{}, { 德: 90, 智: 80 }, 85] });
    expect(es.map((e) => [e.code, e.path])).toEqual([
      ['KH-E021', '票.本处室[0]'], ['KH-E021', '票.本处室[1].智'], ['KH-E021', '票.本处室[2]'],
    ]);
    expect(es[0].zh).toBe('票.本处室[0]：选票为空：一张选票至少要评一个要素');
  });

  it('a rating off the panel\'s scale: KH-E020 at the criterion', async () => {
    const es = await errors(scheme(PER_CRITERION), { 本处室: [{ 德: 93, 绩: 55 }] });
    expect(es.map((e) => [e.code, e.path])).toEqual([['KH-E020', '票.本处室[0].德']]);
  });

  it('per ballot: an incomplete ballot is KH-E022 naming what it misses; per criterion it is fine', async () => {
    const r: Record<string, Ballot[]> = { 本处室: [{ 德: 90, 绩: 80 }, { 绩: 85 }, { 德: 60, 绩: 75 }, { 德: 75, 绩: 80 }] };
    const [e] = await errors(scheme(PER_BALLOT), r);
    expect(e).toMatchObject({ code: 'KH-E022', path: '票.本处室[1]' });
    expect(e.en).toContain('missing: 德');
    // per criterion: 德 [90, 60, 75] (3 = min, under the trim threshold 4) → 75;
    // 绩 [80, 85, 75, 80] drops 85 and 75 → 80; score = 0.2·75 + 0.8·80 = 15 + 64 = 79
    expect((await rated(scheme(PER_CRITERION), r)).score).toBe(79);
  });
});

describe('ballots: in expressions, examples and the checker', () => {
  it('`票.本处室` is the list of ballot means', async () => {
    const s = scheme(PER_CRITERION).replace('= rate 票', '= avg(票.本处室) + rate 票 * 0');
    // ballot means: 0.2·100 + 0.8·80 = 84; {绩 85} alone → 85; 0.2·60 + 0.8·90 = 84; 0.2·80 + 0.8·85 = 84
    // avg = (84 + 85 + 84 + 84)/4 = 337/4 = 84.25
    const { score } = await rated(s, { 自评: [{ 德: 95, 绩: 90 }], 本处室: [{ 德: 100, 绩: 80 }, { 绩: 85 }, { 德: 60, 绩: 90 }, { 德: 80, 绩: 85 }] });
    expect(score).toBe(84.25);
  });

  it('a `given` with ballots checks and runs', async () => {
    const s = scheme(PER_BALLOT, 'renormalize', `example 甲 {
    given { 票: { 自评: [{ 德: 95, 绩: 90 }], 本处室: [{ 德: 100, 绩: 80 }, { 德: 60, 绩: 85 }, { 德: 90, 绩: 60 }, { 德: 75, 绩: 100 }],
      全厅: [{ 德: 85, 绩: 80 }, { 德: 75, 绩: 90 }] } }
    expect score == 83.5
  }`);
    expect(analyze(s, 't.kaohe').diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const out = await runExamples(prepare(s, 't.kaohe').value!);
    expect(out.map((o) => o.passed)).toEqual([true]);
    const bad = s.replace('{ 德: 95, 绩: 90 }', '{ 德: 95, 智: 90 }').replace('{ 德: 85, 绩: 80 }', '85');
    expect(analyze(bad, 't.kaohe').diagnostics.map((d) => d.code)).toEqual(['KH-C050', 'KH-C052']);
  });

  it('with complete ballots the score is Σ_c w_c·(Σ_e v_e·m(c, e)) (property)', async () => {
    const p = prepare(scheme(''), 't.kaohe').value!;
    const scale = [100, 95, 90, 85, 80, 75, 65, 60, 55];
    const ballot = fc.record({ 德: fc.constantFrom(...scale), 绩: fc.constantFrom(...scale) });
    await fc.assert(fc.asyncProperty(fc.array(ballot, { minLength: 1, maxLength: 4 }), fc.array(ballot, { minLength: 3, maxLength: 5 }),
      fc.array(ballot, { minLength: 1, maxLength: 4 }), async (a, b, c) => {
        const r = await evaluate(p, { id: 's', input: { 票: { 自评: a, 本处室: b, 全厅: c } } });
        const mean = (l: Ballot[], e: string) => l.reduce((s, x) => s.add(Rational.int(x[e])), Rational.ZERO).div(Rational.int(l.length));
        const cat = (l: Ballot[]) => mean(l, '德').mul(Rational.parse('0.2')!).add(mean(l, '绩').mul(Rational.parse('0.8')!));
        const want = cat(a).mul(Rational.parse('0.1')!).add(cat(b).mul(Rational.parse('0.6')!)).add(cat(c).mul(Rational.parse('0.3')!));
        expect(r.ok && r.value.score).toBe(Number(want.toDecimalString(2)));
      }), { numRuns: 40 });
  });
});

describe('ballots: fixes after the issue 12 review', () => {
  const given = (ballots: string, trim = PER_BALLOT) => scheme(trim, 'renormalize', `example 甲 {
    given { 票: { 本处室: [${ballots}] } }
    expect score == 90
  }`);
  const diags = (s: string) => analyze(s, 't.kaohe').diagnostics.map((d) => ({ code: d.code, at: s.slice(d.span.start, d.span.end), d }));

  it('checks a given rating against the panel\'s scale: KH-C052 at the rating itself', () => {
    const s = given('{ 德: 93, 绩: 90 }, { 德: 90, 绩: 90 }, { 德: 90, 绩: 90 }');
    const ds = diags(s);
    expect(ds.map((d) => [d.code, d.at])).toEqual([['KH-C052', '93']]);
    // at the rating's own line, not the example's first line
    const lineOf = (i: number) => s.slice(0, i).split('\n').length;
    expect(ds[0].d.range.start.line).toBe(lineOf(s.indexOf('德: 93')));
    expect(ds[0].d.range.start.line).not.toBe(lineOf(s.indexOf('example 甲')));
    expect(render(ds[0].d.msg!, 'zh')).toContain('优秀（100、95、90）');
  });

  it('per ballot: a given ballot missing a criterion is KH-C052 at the ballot; per criterion it is fine', () => {
    const ballots = '{ 德: 90, 绩: 90 }, { 绩: 90 }, { 德: 90, 绩: 90 }';
    expect(diags(given(ballots)).map((d) => [d.code, d.at])).toEqual([['KH-C052', '{ 绩: 90 }']]);
    expect(diags(given(ballots, PER_CRITERION))).toEqual([]);
    expect(diags(given('{ 德: 90, 绩: 90 }, { }')).map((d) => [d.code, d.at])).toEqual([['KH-C052', '{ }']]);
  });

  it('a misspelt criterion is KH-C050 once per example, with the criterion it may have meant as a fix', () => {
    const ds = diags(given('{ 得: 90, 绩: 90 }, { 得: 85, 绩: 90 }, { 德: 90, 绩: 90 }'));
    expect(ds.map((d) => [d.code, d.at])).toEqual([['KH-C050', '得']]);
    expect(ds[0].d.fix?.edits.map((e) => e.text)).toEqual(['德']);
  });

  it('suggests the criterion the ballot leaves out, not any one-character criterion one edit away', () => {
    const s = given('{ 勤: 90, 得: 90, 绩: 90 }, { 勤: 90, 德: 90, 绩: 90 }, { 勤: 90, 德: 90, 绩: 90 }', PER_CRITERION)
      .replace('德 weight 20%, 绩 weight 80%', '勤 weight 10%, 德 weight 10%, 绩 weight 80%');
    const ds = diags(s);
    expect(ds.map((d) => [d.code, d.at])).toEqual([['KH-C050', '得']]);
    expect(ds[0].d.fix?.edits.map((e) => e.text)).toEqual(['德']);
  });

  it('a criteria block missing a criterion: one KH-C073, no KH-C050 per ballot', () => {
    const s = given('{ 德: 90, 绩: 90 }, { 德: 85, 绩: 90 }, { 德: 90, 绩: 90 }').replace('德 weight 20%, 绩 weight 80%', '德 weight 20%');
    expect(diags(s).map((d) => d.code)).toEqual(['KH-C073']);
  });

  it('criteria named `constructor` and `toString` work (own properties only)', async () => {
    const s = scheme(PER_BALLOT).replace('德 weight 20%, 绩 weight 80%', 'constructor weight 20%, toString weight 80%');
    const es = await errors(s, { 本处室: [{ toString: 90 }, { constructor: 80, toString: 75 }] });
    expect(es.map((e) => [e.code, e.path])).toEqual([['KH-E022', '票.本处室[0]']]);
    // 3 complete ballots (under the trim threshold 4): 自评 0.2·95 + 0.8·90 = 91; 本处室 0.2·80 + 0.8·75 = 76;
    // 全厅 missing, renormalized: (0.1·91 + 0.6·76) / 0.7 = 54.7 / 0.7 = 547/7 = 78.142857… → 78.14
    const r = await rated(s, { 自评: [{ constructor: 95, toString: 90 }], 本处室: [{ constructor: 80, toString: 75 }, { constructor: 80, toString: 75 }, { constructor: 80, toString: 75 }] });
    expect(r.score).toBe(78.14);
  });
});

describe('ballots: the explained and the plain evaluation agree', () => {
  it('same score with and without an explanation, per criterion and per ballot, with missing criteria (property)', async () => {
    const scale = [100, 95, 90, 85, 80, 75, 65, 60, 55];
    const ballot = fc.record({ 德: fc.constantFrom(...scale), 绩: fc.constantFrom(...scale) }, { requiredKeys: ['绩'] });
    for (const trim of [PER_CRITERION, 'trim 1 when count >= 4 per ballot']) {
      const p = prepare(scheme(trim), 't.kaohe').value!;
      await fc.assert(fc.asyncProperty(fc.array(ballot, { minLength: 1, maxLength: 3 }), fc.array(ballot, { minLength: 3, maxLength: 6 }),
        async (a, b) => {
          const input = { 票: { 自评: a, 本处室: b } };
          const plain = await evaluate(p, { id: 's', input });
          const explained = await evaluate(p, { id: 's', input }, { explain: true });
          expect(plain.ok).toBe(explained.ok);
          if (plain.ok && explained.ok) expect(plain.value.score).toBe(explained.value.score);
        }), { numRuns: 30 });
    }
  });
});

describe('inputs named like Object.prototype members', () => {
  it('`toString` with a default takes it; a missing `constructor` is KH-E002 (own properties only)', async () => {
    const p = prepare('scheme t { input { toString: number in [0, 100] = 5, constructor: number in [0, 100] } indicator A weight 100% = toString + constructor }', 't.kaohe');
    const r = await evaluate(p.value!, { id: 's', input: {} });
    expect(!r.ok && r.errors.map((e) => [e.code, e.path])).toEqual([['KH-E002', 'constructor']]);
    const ok = await evaluate(p.value!, { id: 's', input: { constructor: 10 } });
    expect(ok.ok && ok.value.score).toBe(15);
  });
});
