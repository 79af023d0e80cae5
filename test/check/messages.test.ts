// The checker's messages are data (dsl/check/messages.ts): every diagnostic it reports carries its
// message as a `msg` (and a fix its `titleMsg`), which renders to the English `message` exactly and
// reads as Chinese in zh — over the broken corpus, the reference schemes and damaged copies of them.
// And KH-C002 names a declaration by the keyword the file spells it with (issue 11, item 6).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check, parse, SourceFile } from '../../dsl/index.js';
import { localizeDiagnostic, type Diagnostic } from '../../dsl/diagnostics.js';
import { registeredCatalogs, render } from '../../dsl/i18n/index.js';
import { KEYWORDS } from '../../dsl/keywords.js';
import '../../dsl/check/messages.js';
import { diags } from './helpers.js';

const ROOT = join(import.meta.dirname, '../..');

function kaoheFiles(dir: string): [string, string][] {
  return readdirSync(dir).filter((f) => f.endsWith('.kaohe')).sort().map((f) => [f, readFileSync(join(dir, f), 'utf8')]);
}

const broken = kaoheFiles(join(ROOT, 'test/fixtures/broken'));
const reference = [...kaoheFiles(join(ROOT, '../shared/spec/examples')), ...kaoheFiles(join(ROOT, 'schemes'))];

/** Damaged copies of a scheme: a line dropped, a line repeated, a word swapped for another of the
 * file's words — deterministic, so a failure names a copy that can be rebuilt. */
function damaged(name: string, src: string, n: number): [string, string][] {
  let seed = 7;
  const rnd = (k: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % k; };
  const lines = src.split('\n');
  const words = [...new Set(src.match(/[\p{L}_][\p{L}\p{N}_]*|\d+(\.\d+)?%?/gu) ?? [])];
  const out: [string, string][] = [];
  for (let i = 0; i < n; i++) {
    const copy = [...lines];
    const l = rnd(lines.length);
    const how = rnd(3);
    if (how === 0) copy.splice(l, 1);
    else if (how === 1) copy.splice(rnd(lines.length), 0, lines[l]);
    else {
      const w = copy[l].match(/[\p{L}_][\p{L}\p{N}_]*/gu);
      if (w) copy[l] = copy[l].replace(w[rnd(w.length)], words[rnd(words.length)]);
    }
    out.push([`${name}#${i}`, copy.join('\n')]);
  }
  return out;
}

/** The checker's own diagnostics (not the parser's) for a source. */
function checked(src: string, name: string): Diagnostic[] {
  const file = new SourceFile(src, name);
  const parsed = parse(file);
  return parsed.value.scheme ? check(parsed.value, file).diagnostics : [];
}

const STRAY = /。：|：。|，。|。，|；。|。；|：，|，：|([，。：；、])\1/;
const KEYWORD_WORDS = new Set(KEYWORDS.flatMap(([, en]) => en.split(' ')));

/** English words in a Chinese message outside “quotes” and `code` that are not names of the scheme
 * (a name is shown as it is; a keyword is not a name) — there should be none. */
function english(zh: string, names: ReadonlySet<string>): string[] {
  const prose = zh.replace(/“[^”]*”/g, ' ').replace(/`[^`]*`/g, ' ').replace(/KH-[A-Z]\d+/g, ' ');
  return (prose.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []).filter((w) => !names.has(w));
}

/** What is wrong with the messages of `found`, the checker's diagnostics for `src`. */
function problems(name: string, src: string, found: Diagnostic[]): string[] {
  const out: string[] = [];
  const names = new Set((src.match(/[\p{L}_][\p{L}\p{N}_]*/gu) ?? []).filter((w) => !KEYWORD_WORDS.has(w)));
  for (const d of found) {
    const at = `${name}:${d.range.start.line}:${d.range.start.column} ${d.code}`;
    if (!d.msg) { out.push(`${at}: no msg: ${d.message}`); continue; }
    if (render(d.msg, 'en') !== d.message) out.push(`${at}: msg renders “${render(d.msg, 'en')}”, message is “${d.message}”`);
    if (d.fix && !d.fix.titleMsg) out.push(`${at}: fix “${d.fix.title}” has no titleMsg`);
    const zh = localizeDiagnostic(d, 'zh');
    for (const text of [zh.message, zh.fix?.title ?? '']) {
      if (/\{\w+\}|\bcheck(Kw)?\.\w/.test(text)) out.push(`${at}: unrendered: ${text}`);
      if (STRAY.test(text)) out.push(`${at}: stray punctuation: ${text}`);
      const words = english(text, names);
      if (words.length) out.push(`${at}: English ${words.join(' ')} in: ${text}`);
    }
    if (!/[\u4e00-\u9fff]/.test(zh.message)) out.push(`${at}: no Chinese in: ${zh.message}`);
  }
  return out;
}

describe('every checker diagnostic is a message in both locales', () => {
  it('on the broken corpus', () => {
    const found = broken.map(([f, src]) => checked(src, f)); // checked once: the parse and check are the cost here
    expect(found.flat().length).toBeGreaterThan(300);
    expect(broken.flatMap(([f, src], i) => problems(f, src, found[i]))).toEqual([]);
  });

  it('on the reference schemes and damaged copies of them', () => {
    const copies = reference.flatMap(([f, src]) => [[f, src] as [string, string], ...damaged(f, src, 12)]);
    const found = copies.map(([f, src]) => checked(src, f));
    expect(new Set(found.flat().map((d) => d.code)).size).toBeGreaterThan(8);
    expect(copies.flatMap(([f, src], i) => problems(f, src, found[i]))).toEqual([]);
  });

  it('uses every message of its catalog', () => {
    const sources = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      if (e.isDirectory()) return sources(join(dir, e.name));
      return e.name.endsWith('.ts') && e.name !== 'messages.ts' ? [readFileSync(join(dir, e.name), 'utf8')] : [];
    });
    // messages.ts itself counts outside the catalog (its helpers use some parts).
    const m = readFileSync(join(ROOT, 'dsl/check/messages.ts'), 'utf8');
    const helpers = m.slice(0, m.indexOf('export const M = ')) + m.slice(m.indexOf('export const KW'));
    const code = [...sources(join(ROOT, 'dsl/check')), helpers].join('\n');
    const keys = Object.keys(registeredCatalogs().get('check')!.en);
    expect(keys.filter((k) => !new RegExp(`\\bM\\.${k}\\b`).test(code))).toEqual([]);
  });
});

/** A scheme from its lines. */
const scheme = (...lines: string[]) => `${lines.join('\n')}\n`;

describe('KH-C002 names the keyword the file uses (issue 11, item 6)', () => {
  const zhOf = (d: Diagnostic) => localizeDiagnostic(d, 'zh').message;
  const twice = (src: string) => diags(src).filter((d) => d.code === 'KH-C002');

  it('in a scheme written with Chinese keywords', () => {
    const [d] = twice(scheme(
      '方案 测试 {',
      '  输入 { 分数: 数值 属于 [0, 100] }',
      '  定义 甲 = 分数',
      '  指标 甲 权重 100% = 分数',
      '}',
    ));
    expect(d.message).toBe("'甲' is declared twice: as `定义` at line 3 and as `指标` here");
    expect(zhOf(d)).toBe('“甲”重复声明：第 3 行已声明为“定义”，此处又声明为“指标”');
  });

  it('for an input field: the keyword of its block', () => {
    const [d] = twice(scheme(
      '方案 测试 {',
      '  输入 {',
      '    分数: 数值 属于 [0, 100]',
      '  }',
      '  定义 分数 = 1',
      '  指标 甲 权重 100% = 分数',
      '}',
    ));
    expect(zhOf(d)).toBe('“分数”重复声明：第 3 行已声明为“输入”，此处又声明为“定义”');
  });

  it('as each declaration spells it, in a file that mixes the two', () => {
    const [d] = twice(scheme(
      'scheme 测试 {',
      '  input { 分数: number in [0, 100] }',
      '  let 甲 = 分数',
      '  指标 甲 权重 100% = 分数',
      '}',
    ));
    expect(d.message).toBe("'甲' is declared twice: as `let` at line 3 and as `指标` here");
    expect(zhOf(d)).toBe('“甲”重复声明：第 3 行已声明为“let”，此处又声明为“指标”');
  });

  it('for a setting or block given twice', () => {
    const ds = twice(scheme(
      '方案 测试 {',
      '  精度 2',
      '  精度 1',
      '  输入 { 分数: 数值 }',
      '  指标 甲 权重 100% = 分数',
      '  等次 { 好 其他 }',
      '  等次 { 优 其他 }',
      '}',
    ));
    expect(ds.map(zhOf)).toEqual(['设置项“精度”重复出现（第 2 行已有）', '“等次”重复出现（第 6 行已有）']);
    const [d] = twice(scheme(
      'scheme 测试 {',
      '  cohort by 单位',
      '  cohort by 单位',
      '  input { 单位: text }',
      '}',
    ));
    expect(d.message).toBe('setting `cohort by` is given twice (first at line 2)');
  });

  it('and names members and grades by what they are', () => {
    const ds = twice(scheme(
      '方案 测试 {',
      '  枚举 档次 { 高, 低 }',
      '  输入 { 高: 数值, 档次: 档次 }',
      '  指标 甲 权重 100% = 高',
      '  等次 { 甲 当 总分 >= 90',
      '    其余 其他 }',
      '}',
    ));
    expect(ds.map((d) => d.message)).toEqual([
      "'高' is declared twice: as member of enum 档次 at line 2 and as `输入` here",
      "'甲' is declared twice: as `指标` at line 4 and as grade here",
    ]);
    expect(ds.map(zhOf)).toEqual([
      '“高”重复声明：第 2 行已声明为枚举“档次”的成员，此处又声明为“输入”',
      '“甲”重复声明：第 4 行已声明为“指标”，此处又声明为等次',
    ]);
  });
});

describe('shortCode: source text quoted in a message (chains, cohort aggregates)', () => {
  it('keeps short text on one line, cuts a long call to its head and anything else at the limit', async () => {
    const { shortCode } = await import('../../dsl/check/context.js');
    expect(shortCode('岗位 ==\n    行政执法', 30)).toBe('岗位 == 行政执法');
    expect(shortCode('overall max(实绩原始分 + 加分项目合计 * 系数表[岗位类别] - 扣分项目合计 * 扣分系数)', 40)).toBe('overall max(…)');
    expect(shortCode('any(t in 任务 : t.完成率 < 60 and t.难度 == 高难度任务)', 30)).toBe('any(…)');
    // the first bracket closes before the end: not one call, so cut at the limit
    expect(shortCode('max(a, b) + min(一个很长的名字, 另一个很长的名字, 第三个名字)', 30)).toBe(`${'max(a, b) + min(一个很长的名字, 另一个很'}…`);
    expect(shortCode('x'.repeat(31), 30)).toBe(`${'x'.repeat(29)}…`);
  });
});

describe('the cohort-aggregate messages in Chinese (issue 13)', () => {
  it('quote code with “ ” like the other Chinese checker messages, never with backticks', async () => {
    await import('../../dsl/check/messages/cohort.js');
    const zh = registeredCatalogs().get('checkCohort')!.zh;
    for (const [k, t] of Object.entries(zh)) expect(String(t), k).not.toContain('`');
  });
});
