// Cohort rules (issue 13): a cohort of 100,000 in 1,000 units evaluated with scores relative to the
// best (`overall max`), a rank-based indicator (`cohort rank`), the ranks every cohort result
// reports, and two quota scopes (a team-grade table per unit plus 25% overall) — against the same
// cohort under the same scheme with one fixed quota and no cohort aggregates, in the same run.
// Target: ≤ 1.3×. Each scheme runs in its own child process (alternating, twice each), so each
// peak RSS is that scheme's own; the time is the child's CPU time for one evaluateCohort.

import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { SubjectInput } from '../engine/api.js';
import { evaluateCohort, prepare } from '../engine/index.js';
import { round, type BenchRow } from './harness.js';

const SIZE = Number(process.env.KAOHE_BENCH_COHORT ?? 100_000);
const UNITS = Math.max(1, Math.round(SIZE / 100));

const HEAD = `scheme 乡镇考核 {
  total 1000
  cohort by 单位
  enum 班子等次 { 好, 一般, 较差 }
  input { 单位: text, 班子: 班子等次, 完成值: number in [0, 1000], 党建分: number in [0, 100], 满意度: number in [0, 100] }`;

/** The baseline: raw scores, one fixed 20% quota per unit. */
export const FIXED = `${HEAD}
  indicator 实绩 points 600 = 完成值 / 10
  indicator 名次分 points 100 = 党建分
  indicator 党建 points 200 = 党建分
  indicator 满意 points 100 = 满意度
  grades {
    优秀 when score >= 600 quota 20%
    称职 when score >= 400
    不称职 otherwise
  }
}`;

/** The cohort rules: relative to the best of the batch, a rank within the unit, a team-grade quota
 * table per unit and a 25% overall quota. */
export const RELATIVE = `${HEAD}
  indicator 实绩 points 600 = 完成值 / overall max(完成值) * 100
  indicator 名次分 points 100 = max(0, 100 - 2 * (cohort rank(完成值) - 1))
  indicator 党建 points 200 = 党建分
  indicator 满意 points 100 = 满意度
  grades {
    优秀 when score >= 600 quota 班子 { 好: 30%, 一般: 20%, 较差: 15% } quota 25% overall
    称职 when score >= 400
    不称职 otherwise
  }
}`;

/** Deterministic inputs: a small LCG, the team grade constant within a unit. */
export function cohortSubjects(size: number, units: number): SubjectInput[] {
  let x = 12345;
  const next = (n: number) => { x = (x * 1103515245 + 12345) % 2147483648; return x % n; };
  const grades = ['好', '一般', '较差'];
  return Array.from({ length: size }, (_, i) => {
    const unit = i % units;
    return { id: `P${i}`, input: { 单位: `单位${unit}`, 班子: grades[unit % 3], 完成值: next(100001) / 100, 党建分: next(101), 满意度: next(1001) / 10 } };
  });
}

async function child(which: 'fixed' | 'relative'): Promise<void> {
  const p = prepare(which === 'fixed' ? FIXED : RELATIVE, `${which}.kaohe`);
  if (!p.value) throw new Error(`${which} does not check: ${JSON.stringify(p.diagnostics.slice(0, 3))}`);
  const subs = cohortSubjects(SIZE, UNITS);
  await evaluateCohort(p.value, subs.slice(0, 2000)); // warm-up
  const c0 = process.cpuUsage();
  const r = await evaluateCohort(p.value, subs);
  const c = process.cpuUsage(c0);
  if (!r.ok) throw new Error(`${which} failed: ${JSON.stringify(r.errors.slice(0, 3))}`);
  const rssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ ms: (c.user + c.system) / 1000, rssMb, cohorts: r.value.cohorts.length }));
}

function runChild(which: 'fixed' | 'relative'): { ms: number; rssMb: number; cohorts: number } {
  const out = spawnSync(process.execPath, ['--max-old-space-size=4096', '--import', 'tsx', fileURLToPath(import.meta.url), `--child=${which}`],
    { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (out.status !== 0) throw new Error(`cohort-rules child ${which} failed: ${out.stderr}`);
  return JSON.parse(out.stdout);
}

export async function run(): Promise<BenchRow[]> {
  const rounds = Number(process.env.KAOHE_BENCH_ROUNDS ?? 2);
  const fixed: number[] = [], relative: number[] = [];
  let rssFixed = 0, rssRelative = 0, cohorts = 0;
  for (let i = 0; i < rounds; i++) {
    // Alternate which goes first, so neither always runs on a warmer (or busier) machine.
    for (const which of (i % 2 ? ['relative', 'fixed'] : ['fixed', 'relative']) as ('fixed' | 'relative')[]) {
      const m = runChild(which);
      if (which === 'fixed') { fixed.push(m.ms); rssFixed = Math.max(rssFixed, m.rssMb); }
      else { relative.push(m.ms); rssRelative = Math.max(rssRelative, m.rssMb); cohorts = m.cohorts; }
    }
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
  const [f, r] = [med(fixed), med(relative)];
  return [
    { bench: 'cohort-rules', case: `cohort of ${SIZE.toLocaleString('en')} in ${cohorts} units: relative scores, ranks, quota table + 25% overall`,
      value: round(r / 1000, 1), unit: 's', baseline: `one fixed quota ${round(f / 1000, 1)} s`, ratio: round(r / f, 2), target: '≤ 1.3', ok: r / f <= 1.3 },
    { bench: 'cohort-rules', case: 'peak RSS, cohort rules', value: Math.round(rssRelative), unit: 'MB', baseline: `one fixed quota ${Math.round(rssFixed)} MB`, ratio: round(rssRelative / rssFixed, 2) },
  ];
}

const arg = process.argv.find((a) => a.startsWith('--child='));
if (arg && import.meta.url === pathToFileURL(process.argv[1]).href) await child(arg.slice('--child='.length) as 'fixed' | 'relative');
