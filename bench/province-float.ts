// The province-annual scheme (../shared/spec/examples/province-annual.kaohe) hand-written in plain
// binary floating point: the speed ceiling for benchmark (a) in bench/engine.ts. It is NOT exact
// (0.6 × 92.675 + … rounds wrongly near halves) and does no input validation, no explanation and no
// cohort phase — it computes what a person reads: scores, grade, bonus, actions, improve list.

type Ratings = Partial<Record<'上级' | '同级' | '下级' | '服务对象', number[]>>;
interface Task { 难度: '常规' | '较难' | '困难'; 角色: '牵头' | '参与'; 完成率: number }
export interface ProvinceInput {
  岗位: '综合管理' | '行政执法' | '窗口服务';
  缺勤天数: number;
  政治素质评价: Ratings; 职业道德评价: Ratings; 工作作风评价: Ratings; 廉洁自律评价: Ratings;
  工作任务: Task[];
  案件受理数?: number; 案件办结数?: number; 执法过错数?: number; 办件量?: number; 群众满意率?: number;
  文稿采用数?: number; 政治纪律问题?: number; 处分?: boolean; 立案审查?: boolean; 瞒报次数?: number;
  有效投诉?: number; 表彰?: '无' | '市级' | '省部级'; 创新成果?: number; 平时考核?: string[];
}
export interface FloatResult {
  score: number; base: number; rewards: number; deductions: number; grade: string | null;
  bonus: number | null; actions: string[]; improve: string[]; indicators: Record<string, number>;
}

const PANEL: [keyof Ratings, number][] = [['上级', 0.4], ['同级', 0.3], ['下级', 0.2], ['服务对象', 0.1]];
const 难度系数 = { 常规: 1.0, 较难: 1.2, 困难: 1.5 };
const 角色系数 = { 牵头: 1.0, 参与: 0.6 };
const GRADES = ['优秀', '称职', '基本称职', '不称职'];
const BONUS: Record<string, number> = { 优秀: 1.5, 称职: 1.0, 基本称职: 0.5, 不称职: 0 };

const clamp = (x: number) => (x < 0 ? 0 : x > 100 ? 100 : x);
const r2 = (x: number) => Math.round(x * 100) / 100; // the inexact rounding a float program does

function rate(r: Ratings): number {
  let acc = 0, wsum = 0;
  for (const [cat, w] of PANEL) {
    let xs = r[cat];
    if (!xs || xs.length === 0) continue; // missing renormalize
    if (xs.length >= 5) xs = [...xs].sort((a, b) => a - b).slice(1, -1); // trim 1 when count >= 5
    let s = 0;
    for (const x of xs) s += x;
    acc += w * (s / xs.length);
    wsum += w;
  }
  if (wsum === 0) throw new Error('every category is missing');
  return acc / wsum;
}

function linear(x: number, pts: [number, number][]): number {
  if (x <= pts[0][0]) return pts[0][1];
  for (let i = 1; i < pts.length; i++) {
    const [x1, y1] = pts[i];
    if (x <= x1) { const [x0, y0] = pts[i - 1]; return y0 + ((x - x0) * (y1 - y0)) / (x1 - x0); }
  }
  return pts[pts.length - 1][1];
}

export function provinceFloat(x: ProvinceInput): FloatResult {
  const ind: Record<string, number> = {};
  ind.政治素质 = clamp(rate(x.政治素质评价));
  ind.职业道德 = clamp(rate(x.职业道德评价));
  ind.工作作风 = clamp(rate(x.工作作风评价));
  ind.廉洁自律 = clamp(rate(x.廉洁自律评价));
  ind.出勤情况 = clamp(100 - x.缺勤天数 * 5);
  const common = 0.3 * ind.政治素质 + 0.2 * ind.职业道德 + 0.2 * ind.工作作风 + 0.2 * ind.廉洁自律 + 0.1 * ind.出勤情况;
  let tw = 0, tv = 0;
  for (const t of x.工作任务) { const w = 难度系数[t.难度] * 角色系数[t.角色]; tw += w; tv += w * Math.min(t.完成率, 1) * 100; }
  ind.重点任务 = clamp(tv / tw);
  let own: number;
  if (x.岗位 === '行政执法') {
    const 受理 = x.案件受理数 ?? 0, rate_ = 受理 === 0 ? 1 : (x.案件办结数 ?? 0) / 受理;
    ind.案件办结 = rate_ >= 0.98 ? 100 : rate_ >= 0.95 ? 90 : rate_ >= 0.9 ? 80 : 60;
    ind.执法规范 = clamp(100 - (x.执法过错数 ?? 0) * 10);
    own = 0.4 * ind.重点任务 + 0.35 * ind.案件办结 + 0.25 * ind.执法规范;
  } else if (x.岗位 === '窗口服务') {
    ind.办件效率 = clamp(linear(x.办件量 ?? 0, [[0, 60], [1000, 80], [2000, 100]]));
    ind.群众满意 = clamp(linear(x.群众满意率 ?? 1, [[0.8, 60], [1, 100]]));
    own = 0.4 * ind.重点任务 + 0.3 * ind.办件效率 + 0.3 * ind.群众满意;
  } else {
    const n = x.文稿采用数 ?? 0;
    ind.文稿质量 = n >= 10 ? 100 : n >= 5 ? 85 : n >= 1 ? 70 : 60;
    own = 0.4 * ind.重点任务 + 0.6 * ind.文稿质量;
  }
  const base = 0.4 * common + 0.6 * own;

  // negative list and rewards
  const actions: string[] = [];
  const veto = (x.政治纪律问题 ?? 0) > 0, cap = x.处分 === true, nograde = x.立案审查 === true;
  let deductions = 0;
  const 瞒报 = x.瞒报次数 ?? 0, 投诉 = x.有效投诉 ?? 0;
  if (瞒报 > 0) deductions += Math.min(2 * 瞒报, 6);
  if (投诉 >= 3) { deductions += Math.min(投诉, 5); actions.push('约谈提醒'); }
  let rewards = 0;
  if (x.表彰 === '省部级') rewards += 3;
  if (x.表彰 === '市级') rewards += 1.5;
  if ((x.创新成果 ?? 0) > 0) rewards += Math.min(x.创新成果 ?? 0, 2);
  rewards = Math.min(rewards, 5);
  const score = Math.max(0, base + rewards - deductions);

  // grade: candidate on the reported score, then nograde > veto > cap
  const rs = r2(score);
  const good = (x.平时考核 ?? []).filter((q) => q === '好').length;
  let g = rs >= 90 && good >= 2 ? 0 : rs >= 70 ? 1 : rs >= 60 ? 2 : 3;
  if (veto) g = 3; else if (cap) g = Math.max(g, 2);
  const grade = nograde ? null : GRADES[g];
  if (grade === '基本称职' && !actions.includes('约谈提醒')) actions.push('约谈提醒');
  if (grade === '不称职') actions.push('限期改进');

  const improve = Object.entries(ind).map(([id, v]) => [id, r2(v)] as const).filter(([, v]) => v < 75)
    .sort((a, b) => a[1] - b[1]).slice(0, 3).map(([id]) => id);
  for (const k of Object.keys(ind)) ind[k] = r2(ind[k]);
  return {
    score: rs, base: r2(base), rewards: r2(rewards), deductions: r2(deductions), grade,
    bonus: grade === null ? null : BONUS[grade], actions, improve, indicators: ind,
  };
}
