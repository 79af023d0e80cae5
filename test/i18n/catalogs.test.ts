// Every message of every catalog, in both locales (dsl/i18n): each area's `messages.ts` is found by
// scanning the tree, so a new area's catalog is checked the day it appears. For every template:
// the two locales use the same placeholders (except that an English plural may read a count the
// Chinese does not need); rendered with sample arguments nothing like `{x}` is left; the Chinese has
// no English words outside quotes, code and placeholders (KH- codes, keyword spellings, acronyms
// such as CSV and single-letter variables are allowed) and has Chinese wherever the English has
// words; the English has no Chinese outside placeholders, quotes and code (a roster's values such as
// “是” are data); and neither has stray or doubled punctuation (`。：`, `，。`, `：：` …).

import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { placeholders, registeredCatalogs, render, type MsgArgs, type Template } from '../../dsl/i18n/index.js';
import { BUILTINS, KEYWORDS, RESULT_NAMES } from '../../dsl/keywords.js';

const ROOT = join(import.meta.dirname, '../..');
const SKIP = new Set(['node_modules', '.git', '.scratch', 'dist', 'test', 'coverage']);

/** Every module of the project that defines a catalog: each area's `messages.ts`, and the catalogs
 * kept beside their code under other names (`decision-messages.ts`, `sheets/decision-words.ts`), which
 * no `messages.ts` necessarily imports. */
function messageModules(dir = ROOT): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) { if (!SKIP.has(e.name) && !e.name.startsWith('.')) out.push(...messageModules(path)); }
    else if (e.name === 'messages.ts' || (/\.ts$/.test(e.name) && !inEditor(path) && definesCatalog(path))) out.push(path);
  }
  return out;
}

// The editor's own catalogs (editor/src/i18n-*.ts) read the browser's storage when loaded: the browser
// catalog tests (test/browser/*-words.test.ts) check them.
const inEditor = (path: string): boolean => relative(ROOT, path).startsWith('editor');
const definesCatalog = (path: string): boolean => /\bdefineMessages\(\s*['"]/.test(readFileSync(path, 'utf8'));

const modules = messageModules();

/** Namespaces defined by test files (test/i18n/locale.test.ts, …) and by the editor (test/browser checks
 * those): in a shared worker they are registered too when such a file ran before this one. */
function otherNamespaces(dir: string, out = new Set<string>()): Set<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) otherNamespaces(path, out);
    else if (e.name.endsWith('.ts')) for (const m of readFileSync(path, 'utf8').matchAll(/\bdefineMessages\(\s*['"]([\w-]+)['"]/g)) out.add(m[1]);
  }
  return out;
}
const OTHER_NAMESPACES = otherNamespaces(join(ROOT, 'editor/src'), otherNamespaces(join(ROOT, 'test')));
/** The catalogs the project's modules registered. */
const catalogs = () => [...registeredCatalogs()].filter(([ns]) => !OTHER_NAMESPACES.has(ns));

beforeAll(async () => {
  for (const m of modules) await import(pathToFileURL(m).href);
});

/** The arguments a template reads: string placeholders, or — for a function template — the keys it
 * touches when called (twice, with `1` and with `2`, so both sides of a plural are seen). */
function argsOf(t: Template): string[] {
  if (typeof t === 'string') return placeholders(t);
  const seen = new Set<string>();
  for (const sample of ['1', '2']) {
    const spy = new Proxy({}, { get: (_, k) => { if (typeof k === 'string') seen.add(k); return sample; } });
    t(spy as Record<string, string>, spy as MsgArgs);
  }
  return [...seen].sort();
}

const sampleArgs = (keys: string[], value: string): MsgArgs => Object.fromEntries(keys.map((k) => [k, value]));

const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;
const HAN = /[\u4e00-\u9fff]/;
/** Words allowed in Chinese text outside quotes: keyword, built-in and result spellings. */
const ALLOWED_WORDS = new Set<string>([
  ...KEYWORDS.flatMap(([, en]) => en.split(' ')), ...Object.keys(BUILTINS), ...Object.keys(RESULT_NAMES),
]);
const STRAY = /。：|：。|，。|。，|；。|。；|：，|，：|([，。：；、！？,;:])\1/;

/** Text outside placeholders, “quotes” and `code` (what must read as Chinese in zh). */
function prose(text: string): string {
  return text.replace(/\{\w+\}/g, ' ').replace(/“[^”]*”/g, ' ').replace(/`[^`]*`/g, ' ');
}

/** English words in Chinese prose that are not allowed: not a KH- code, keyword, acronym (CSV, JSON,
 * UTF-8) or one-letter variable. */
function englishWords(zh: string): string[] {
  const text = prose(zh).replace(/KH-[A-Z]\d+/g, ' ');
  return (text.match(/[A-Za-z][A-Za-z-]*/g) ?? []).filter((w) => w.length > 1 && !/^[A-Z]{2,6}$/.test(w) && !ALLOWED_WORDS.has(w));
}

interface Case { id: string; en: Template; zh: Template }

function cases(): Case[] {
  const out: Case[] = [];
  for (const [ns, cat] of catalogs()) {
    for (const key of Object.keys(cat.en)) out.push({ id: `${ns}.${key}`, en: cat.en[key], zh: cat.zh[key] });
  }
  return out;
}

describe('message catalogs', () => {
  it('finds the areas\' catalogs', () => {
    const found = modules.map((m) => relative(ROOT, m).split('\\').join('/'));
    for (const area of ['dsl/parser/messages.ts', 'dsl/service/messages.ts', 'dsl/check/messages.ts', 'cli/messages.ts']) expect(found).toContain(area);
    expect([...registeredCatalogs().keys()]).toEqual(expect.arrayContaining(['parser', 'service', 'check', 'cli']));
  });

  it('has the same messages in zh and en', () => {
    for (const [ns, cat] of catalogs()) expect(Object.keys(cat.zh).sort(), ns).toEqual(Object.keys(cat.en).sort());
  });

  it('uses the same placeholders in zh and en', () => {
    const differ = (c: Case) => {
      const en = argsOf(c.en), zh = argsOf(c.zh);
      // An English plural (a function template) may read a count that the Chinese does not show.
      return typeof c.en === 'function' ? zh.some((k) => !en.includes(k)) : en.join() !== zh.join();
    };
    const bad = cases().filter(differ).map((c) => `${c.id}: en {${argsOf(c.en)}} zh {${argsOf(c.zh)}}`);
    expect(bad).toEqual([]);
  });

  it('leaves no placeholder unfilled when rendered with sample arguments', () => {
    const bad: string[] = [];
    for (const c of cases()) {
      const keys = [...new Set([...argsOf(c.en), ...argsOf(c.zh)])];
      for (const locale of ['en', 'zh'] as const) {
        for (const v of ['1', '7']) {
          const text = render({ id: c.id, args: sampleArgs(keys, v) }, locale);
          if (/\{\w+\}/.test(text) || text === c.id) bad.push(`${c.id} (${locale}): ${text}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  it('writes Chinese in zh: no English words outside quotes, code and placeholders', () => {
    const bad: string[] = [];
    for (const c of cases()) {
      const keys = argsOf(c.zh);
      const zh = typeof c.zh === 'string' ? c.zh : render({ id: c.id, args: sampleArgs(keys, '{x}') }, 'zh');
      const en = typeof c.en === 'string' ? c.en : render({ id: c.id, args: sampleArgs(argsOf(c.en), '{x}') }, 'en');
      const words = englishWords(zh);
      if (words.length) bad.push(`${c.id}: ${words.join(' ')} in “${zh}”`);
      // Words in English call for words in Chinese (a template of only names, code and punctuation needs none).
      if (/[A-Za-z]{2,}/.test(prose(en).replace(/KH-[A-Z]\d+/g, '')) && !HAN.test(prose(zh)) && !HAN.test(zh)) bad.push(`${c.id}: no Chinese in “${zh}”`);
    }
    expect(bad).toEqual([]);
  });

  it('writes no Chinese in en outside placeholders, quotes and code', () => {
    const bad = cases().flatMap((c) => {
      const en = typeof c.en === 'string' ? c.en : render({ id: c.id, args: sampleArgs(argsOf(c.en), '{x}') }, 'en');
      return CJK.test(prose(en)) ? [`${c.id}: “${en}”`] : [];
    });
    expect(bad).toEqual([]);
  });

  it('has no stray or doubled punctuation (`。：`, `，。`, `：：`…) in either locale', () => {
    const bad: string[] = [];
    for (const c of cases()) {
      const keys = [...new Set([...argsOf(c.en), ...argsOf(c.zh)])];
      for (const locale of ['en', 'zh'] as const) {
        for (const v of ['1', '2']) {
          const text = render({ id: c.id, args: sampleArgs(keys, v) }, locale);
          if (STRAY.test(text)) bad.push(`${c.id} (${locale}): ${text}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });
});

describe('the checks themselves', () => {
  it('catch English words in Chinese, Chinese in English and stray punctuation', () => {
    expect(englishWords('输入 {name} is never used')).toEqual(['is', 'never', 'used']);
    expect(englishWords('“score >= 90”不成立；`weight` 应为 KH-C010，单位 %，CSV 文件第 n 行，当 score 大于 0')).toEqual([]);
    expect(CJK.test(prose('unknown name 甲'))).toBe(true);
    expect(CJK.test(prose('unknown name “甲” or `乙` or {name}'))).toBe(false);
    for (const s of ['问题过多。：另有', '已删除，。', '权重：：40%', '名称、、']) expect(STRAY.test(s), s).toBe(true);
    expect(STRAY.test('问题过多：另有 3 个未列出；请先改正。')).toBe(false);
    expect(argsOf((a) => (a.n === '1' ? 'one' : `${a.n} ${a.what}`))).toEqual(['n', 'what']);
  });
});
