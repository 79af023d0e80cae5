// Message benchmarks (issue 11, dsl/i18n): what rendering words in the reader's language costs,
// measured against the same work without it in the same run.
// (a) analyze() of a scheme with many diagnostics (window-quarterly with 150 broken lets: undefined
//     names, text used as a number, duplicate names, full-width operators with their fixes — 126
//     diagnostics, the checker's limit of 100 and its KH-C060 included) followed by
//     localizeDiagnostics(…, 'zh') — what the CLI, the server and the editor do — vs analyze()
//     alone; and localizing alone, per diagnostic.
// (b) evaluateCohort() of 2,000 window-quarterly people (bench/roster-data.ts; quotas per 窗口,
//     negative items, actions) with EvalOptions.lang 'zh' vs 'en' (the baseline), without and with
//     `explain`.
// CPU-time medians of interleaved rounds.

import { analyze } from '../dsl/index.js';
import { localizeDiagnostics } from '../dsl/diagnostics.js';
import type { CohortResult, PreparedScheme, SubjectInput } from '../engine/api.js';
import { evaluateCohort, prepare } from '../engine/index.js';
import { interleavedCpu, round, timeMedian, type BenchRow } from './harness.js';
import { people, windowSource } from './roster-data.js';

const COHORT = 2000;

/** window-quarterly with `n` × 6 broken lets before its own. */
export function brokenScheme(n = 25): string {
  const kinds = [
    (i: number) => `let 误${i} = 办件 * 2`, // KH-C001 undefined name
    (i: number) => `let 型${i} = 窗口 + ${i}`, // KH-C005 text as a number
    (i: number) => `let 岗${i} = if 岗位 == 受里 then 1 else 0`, // KH-C001 unknown member
    (i: number) => `let 比${i} = 红旗窗口 > ${i}`, // KH-C005 yes/no compared as a number
    (i: number) => `let 重${i % 3} = ${i}`, // KH-C002 duplicate name
    (i: number) => `let 括${i} = 办件量 ＋ ${i}`, // KH-P005 full-width operator, with a fix
  ];
  const lets = Array.from({ length: n }, (_, i) => kinds.map((k) => `  ${k(i)}\n`).join('')).join('');
  return windowSource().replace('\n  let 按时办结率', `\n${lets}  let 按时办结率`);
}

async function benchA(): Promise<BenchRow[]> {
  const source = brokenScheme();
  const list = analyze(source).diagnostics;
  const withFix = list.filter((d) => d.fix?.titleMsg).length;
  const notData = list.filter((d) => !d.msg).length;
  let sink = 0;
  const RUNS = 5; // analyses per sample
  const t = await interleavedCpu({
    alone: () => { for (let k = 0; k < RUNS; k++) sink += analyze(source).diagnostics.length; },
    zh: () => { for (let k = 0; k < RUNS; k++) sink += localizeDiagnostics(analyze(source).diagnostics, 'zh').length; },
  }, 41);
  const [alone, zh] = [t.alone / RUNS, t.zh / RUNS];
  const REPS = 200;
  const only = timeMedian(() => { for (let k = 0; k < REPS; k++) sink += localizeDiagnostics(list, 'zh').length; }, 7);
  if (sink === 0) throw new Error('no diagnostics');
  const perDiag = (only / REPS / list.length) * 1000;
  return [
    { bench: 'messages', case: `(a) analyze + localizeDiagnostics zh, ${list.length} diagnostics (${withFix} with fixes${notData ? `, ${notData} without a Msg!` : ''})`,
      value: round(zh, 2), unit: 'ms CPU', baseline: `analyze() alone ${round(alone, 2)} ms`, ratio: round(zh / alone, 3) },
    { bench: 'messages', case: '(a) localizeDiagnostics zh alone, per diagnostic', value: round(perDiag, 2), unit: 'µs',
      baseline: `whole list ${round(only / REPS * 1000, 1)} µs`, ratio: round(only / REPS / alone, 4) },
  ];
}

async function benchB(): Promise<BenchRow[]> {
  const source = windowSource();
  const p = prepare(source, 'window-quarterly.kaohe');
  if (!p.value) throw new Error('window-quarterly does not check clean');
  const s: PreparedScheme = p.value;
  const subjects: SubjectInput[] = people(COHORT).map((x) => x.subject);
  const cohort = async (lang: 'zh' | 'en', explain: boolean): Promise<CohortResult> => {
    const r = await evaluateCohort(s, subjects, { lang, explain });
    if (!r.ok) throw new Error(`cohort failed: ${JSON.stringify(r.errors.slice(0, 3))}`);
    return r.value;
  };
  // The words differ, nothing else does.
  const [zh, en] = [await cohort('zh', false), await cohort('en', false)];
  const reasons = (r: CohortResult) => r.results.flatMap((x) => [...x.gradeReasons, ...(x.quota ? [x.quota.reason] : [])]);
  const same = zh.results.every((x, i) => x.score === en.results[i].score && x.grade === en.results[i].grade);
  const english = new Set(reasons(en));
  const chinese = reasons(zh).filter((x) => /[\u4e00-\u9fff]/.test(x) && !english.has(x)).length;
  const t = await interleavedCpu({
    en: () => cohort('en', false), zh: () => cohort('zh', false),
    enExplain: () => cohort('en', true), zhExplain: () => cohort('zh', true),
  }, 21);
  const per = (ms: number) => round((ms / COHORT) * 1000, 1);
  const note = `${reasons(zh).length} reasons${same ? '' : ', scores or grades differ!'}${chinese ? '' : ', no Chinese reasons!'}`;
  return [
    { bench: 'messages', case: `(b) evaluateCohort ${COHORT} people, lang zh (${note})`, value: per(t.zh), unit: 'µs/subject',
      baseline: `lang en ${per(t.en)} µs/subject`, ratio: round(t.zh / t.en, 3) },
    { bench: 'messages', case: `(b) the same with explain, lang zh`, value: per(t.zhExplain), unit: 'µs/subject',
      baseline: `lang en ${per(t.enExplain)} µs/subject`, ratio: round(t.zhExplain / t.enExplain, 3) },
  ];
}

export async function run(): Promise<BenchRow[]> {
  return [...await benchA(), ...await benchB()];
}
