// People for the roster and language benchmarks: seeded, so every run reads and evaluates the same
// cohort of schemes/window-quarterly.kaohe — the same people as JSON subjects (what `kaohe eval`
// reads from .json) and as the rows of its roster template (编号, 姓名, the inputs, plus a 科室
// column kept as a display field), so the .xlsx/.csv readers can be checked against the JSON one.
// Realistic values: 18-digit ids (text), ratings as `、`-separated cells with some 92.675-like
// decimals, blank cells for defaults, a few complaints, errors and 违纪, 40 windows for the quotas.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SubjectInput } from '../engine/api.js';
import type { OutCell, SheetData } from '../sheets/index.js';
import { shortestDecimal } from '../sheets/index.js';

export const WINDOW_SCHEME = fileURLToPath(new URL('../schemes/window-quarterly.kaohe', import.meta.url));
export const windowSource = (): string => readFileSync(WINDOW_SCHEME, 'utf8');

/** The roster's columns: the template's (`kaohe template`), then one display column. */
export const HEADERS = ['编号', '姓名', '岗位', '窗口', '办件量', '按时办结数', '审批件数', '平均审批天数',
  '满意度评价.群众', '满意度评价.同事', '满意度评价.负责人', '好差评差评数', '有效投诉', '差错次数', '缺勤天数',
  '红旗窗口', '违纪', '科室'] as const;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高'.split('');
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华'.split('');
const WINDOWS = ['不动产登记窗口', '社保窗口', '医保窗口', '公积金窗口', '税务窗口', '市场监管窗口', '公安窗口', '民政窗口'];
const OFFICES = ['一科', '二科', '三科', '四科', '五科'];

export interface Person { subject: SubjectInput; row: OutCell[] }

/** `n` people, the same for the same seed. Blank cells and absent inputs agree (defaults). */
export function people(n: number, seed = 20261205): Person[] {
  const rnd = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const rating = () => (rnd() < 0.1 ? Math.round((80 + rnd() * 20) * 1000) / 1000 : rnd() < 0.2 ? int(120, 200) / 2 : int(60, 100));
  return Array.from({ length: n }, (_, i) => {
    const post = rnd() < 0.6 ? '受理' : rnd() < 0.6 ? '审批' : '综合';
    const count = int(100, 1500);
    const v: Record<(typeof HEADERS)[number], unknown> = {
      编号: `320102${1970 + (i % 30)}${String(i).padStart(7, '0')}X`,
      姓名: `${pick(SURNAMES)}${pick(GIVEN)}${rnd() < 0.6 ? pick(GIVEN) : ''}`,
      岗位: post,
      窗口: `${WINDOWS[i % WINDOWS.length]}${(Math.floor(i / WINDOWS.length) % 5) + 1}号`,
      办件量: count,
      按时办结数: Math.round(count * (0.85 + rnd() * 0.15)),
      审批件数: post === '审批' ? int(0, 500) : undefined,
      平均审批天数: post === '审批' ? int(10, 60) / 10 : undefined,
      '满意度评价.群众': Array.from({ length: int(5, 10) }, rating),
      '满意度评价.同事': Array.from({ length: int(2, 4) }, rating),
      '满意度评价.负责人': rnd() < 0.8 ? [rating()] : undefined,
      好差评差评数: rnd() < 0.5 ? int(0, 6) : undefined,
      有效投诉: rnd() < 0.05 ? int(1, 3) : undefined,
      差错次数: rnd() < 0.1 ? int(1, 5) : undefined,
      缺勤天数: rnd() < 0.1 ? int(1, 50) / 10 : undefined,
      红旗窗口: rnd() < 0.1,
      违纪: rnd() < 0.02 ? true : undefined,
      科室: pick(OFFICES),
    };
    const input: Record<string, unknown> = {};
    for (const h of HEADERS.slice(2, 17)) {
      const x = v[h];
      if (x === undefined) continue;
      if (h.startsWith('满意度评价.')) ((input.满意度评价 ??= {}) as Record<string, unknown>)[h.slice(6)] = x;
      else input[h] = x;
    }
    const subject: SubjectInput = { id: v.编号 as string, input, display: { 姓名: v.姓名 as string, 科室: v.科室 as string } };
    const row = HEADERS.map((h): OutCell => {
      const x = v[h];
      if (x === undefined) return null;
      if (Array.isArray(x)) return x.map((r: number) => shortestDecimal(r)).join('、');
      if (typeof x === 'boolean') return x ? '是' : '否';
      return x as string | number;
    });
    return { subject, row };
  });
}

/** The people as a roster sheet (the template's layout: 编号 as text). */
export function rosterSheet(ps: readonly Person[]): SheetData {
  return { name: '名单', columns: HEADERS.map((header) => ({ header, ...(header === '编号' ? { text: true } : {}) })), rows: ps.map((p) => p.row) };
}
