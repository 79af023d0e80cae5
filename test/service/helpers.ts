// Test helpers for the language service: a `|` in the text marks the cursor (written `‸` when the
// text itself needs a `|`, which kaohe never does), and a small scheme with every kind of name.

import { existsSync, readFileSync } from 'node:fs';
import { LanguageService } from '../../dsl/service/index.js';

export const CURSOR = '|';

/** Splits `text` at the cursor marker: the text without it and the cursor's offset. */
export function cursor(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf(CURSOR);
  if (offset < 0 || marked.indexOf(CURSOR, offset + 1) >= 0) throw new Error('mark exactly one cursor with |');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

/** A service over the marked text, and the cursor offset. */
export function at(marked: string, ui: 'zh' | 'en' = 'zh') {
  const { text, offset } = cursor(marked);
  const ls = new LanguageService({ ui });
  ls.update(text);
  return { ls, text, offset };
}

export function labels(marked: string): string[] {
  const { ls, offset } = at(marked);
  return ls.complete(offset).items.map((i) => i.label);
}

/** A reference scheme: the project's schemes/ first, else the shared spec examples. */
export function reference(file: string): string {
  for (const dir of ['../../schemes/', '../fixtures/', '../../../shared/spec/examples/']) {
    const url = new URL(dir + file, import.meta.url);
    if (existsSync(url)) return readFileSync(url, 'utf8');
  }
  throw new Error(`reference scheme ${file} not found`);
}

export const PROVINCE = reference('province-annual.kaohe');

/** Replaces the first occurrence of `find` in `source` with `replacement` (which may hold the cursor). */
export function edit(source: string, find: string, replacement: string): string {
  const i = source.indexOf(find);
  if (i < 0) throw new Error(`not found: ${find}`);
  return source.slice(0, i) + replacement + source.slice(i + find.length);
}

export const SMALL = `scheme 小方案 "测试方案" {
  version "1"
  total 100
  enum 岗位 { 综合管理, 行政执法 }
  enum 难度 { 常规, 较难 }
  table 难度系数 { 常规: 1.0, 较难: 1.2 }
  panel 民主测评 {
    上级 weight 60%
    同级 weight 40%
  }
  input {
    岗位: 岗位
    缺勤天数 "全年缺勤天数": number in [0, 366]
    评价: ratings of 民主测评
    任务: list of { 名称: text, 难度: 难度, 完成率: number in [0, 1.5] } min 1
    处分: bool = false
  }
  let 系数 "难度系数均值" = avg(t in 任务 : 难度系数[t.难度])
  group 共性 weight 40% {
    indicator 民主 weight 50% = rate 评价
    indicator 出勤 "出勤情况" weight 50% = 100 - 缺勤天数 * 5
  }
  group 个性 weight 60% {
    indicator 任务完成 weight 100% = avg(t in 任务 : min(t.完成率, 1) * 100) * 系数
  }
  negative 负面 {
    item 受处分 when 处分 => cap 称职
  }
  grades {
    优秀 when score >= 90
    称职 when score >= 60
    不称职 otherwise
  }
}
`;
