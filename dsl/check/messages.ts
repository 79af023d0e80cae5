// The checker's messages (KH-C…, and the KH-P006 it reports), in English and Chinese: one builder
// per message, used by the passes as `ctx.sink.add('KH-C060', span, M.tooManyProblems({ more, limit }))`.
// Names from the scheme go in as they are; kind words, type names, keywords and the positions a type
// error names are messages of their own, so they render in the reader's locale. English wording is
// what the goldens (test/fixtures/broken/*.out) fix; Chinese follows the keywords of dsl/keywords.ts
// (输入项, 定义, 指标, 类别, 测评组, 对照表, 负面清单, 加分项, 事项, 等次, 示例) and quotes names and code
// with “ ” where English quotes them with ' ' or ` `.
//
// Catalogs: `check` (messages and their parts), `checkKw` (every keyword, from the keyword table, so
// `and` reads 且 in Chinese) — see KW below.
//
// The catalog is spread over messages/: words.ts (type names, kind words, code, positions), names.ts
// (names and types), passes.ts (the later passes); the limits and lists are here.

import { defineMessages, render, type Locale, type Msg, type MsgArg, type MsgArgs } from '../i18n/index.js';
import { KEYWORDS, type KeywordId } from '../keywords.js';
import type { Sym } from '../symbols.js';
import { NAMES } from './messages/names.js';
import { PASSES } from './messages/passes.js';
import { FUNCTIONS } from './messages/functions.js';
import { POINTS } from './messages/points.js';
import { NAMES12 } from './messages/names12.js';
import { SCALES } from './messages/scales.js';
import { plural, WORDS } from './messages/words.js';

/** The parts of a list argument, each in `locale` — for joins other than the catalog's `, ` / `、`
 * (`a and b`, `a → b`). Flat, however long the list: a cycle of 10,000 lets is one message. */
function parts(a: Record<string, string>, raw: MsgArgs, key: string, locale: Locale): string[] {
  const list = raw[key];
  if (!Array.isArray(list)) return [a[key]];
  return (list as readonly MsgArg[]).map((x) => (typeof x === 'string' ? x : render(M.one({ x }), locale)));
}

export const M = defineMessages('check', {
  en: {
    // ---- limits
    tooManyProblems: (a) => `too many problems: ${a.more} more ${plural(a.more, 'is', 'are')} not shown; fix the first ${a.limit} and check again`,
    chainTooLong: 'dependency chain too long: {path} ({steps} steps) is {depth} deep counting the expressions along it, '
      + 'and the limit is {limit}; shorten it: fewer references in a row, or shallower expressions along it',
    whenNode: 'when {text}',

    // ---- lists
    /** One argument as it renders (a part of a list joined otherwise than with `, `). */
    one: '{x}',
    and: (a, raw) => parts(a, raw, 'items', 'en').join(' and '),
    arrow: (a, raw) => parts(a, raw, 'items', 'en').join(' → '),

    ...WORDS.en, ...NAMES.en, ...PASSES.en, ...FUNCTIONS.en, ...POINTS.en, ...NAMES12.en, ...SCALES.en,
  },
  zh: {
    tooManyProblems: '问题过多：另有 {more} 个未列出；请先改正前 {limit} 个后再检查',
    chainTooLong: '依赖链过长：{path}（共 {steps} 步）计入沿途的表达式后深度为 {depth}，上限为 {limit}；请缩短它：减少连续的引用，或简化沿途的表达式',
    whenNode: '当 {text}',

    one: '{x}',
    and: (a, raw) => {
      const p = parts(a, raw, 'items', 'zh');
      return p.length < 2 ? p.join('') : `${p.slice(0, -1).join('、')}和${p[p.length - 1]}`;
    },
    arrow: (a, raw) => parts(a, raw, 'items', 'zh').join(' → '),

    ...WORDS.zh, ...NAMES.zh, ...PASSES.zh, ...FUNCTIONS.zh, ...POINTS.zh, ...NAMES12.zh, ...SCALES.zh,
  },
});

/** Every keyword as a message: `KW.and()` reads `and` in English and 且 in Chinese. */
export const KW = defineMessages('checkKw', {
  en: Object.fromEntries(KEYWORDS.map(([id, en]) => [id, en])) as Record<KeywordId, string>,
  zh: Object.fromEntries(KEYWORDS.map(([id, , zh]) => [id, zh])) as Record<KeywordId, string>,
});

/** `a`, `a and b`, `a and b and c` (Chinese: `甲`、`乙和丙`). */
export const andList = (items: readonly MsgArg[]): Msg => M.and({ items });

/** `a → b → c`. */
export const arrowPath = (items: readonly MsgArg[]): Msg => M.arrow({ items });

/** A position message (`the score of {name}`) with its name filled in; as it is without one. */
export function named(what: Msg, name: string | undefined): Msg {
  return name === undefined ? what : { id: what.id, args: { ...what.args, name } };
}

/** Names for a list in a message: `中, 差` / “中”、“差”. */
export const names = (list: readonly string[]): Msg[] => list.map((name) => M.nm({ name }));

/** Code as the scheme has it (an expression, a constraint, a keyword as written). */
export const code = (text: string): Msg => M.code({ text });

/** What a declared name is, in words: `indicator` / 指标, `member of enum 岗位` / 枚举“岗位”的成员. */
export function kindMsg(s: Sym): Msg {
  return s.kind === 'member' ? M.kMemberOf({ enum: s.enumName }) : KIND[s.kind]();
}

const KIND: Record<Exclude<Sym['kind'], 'member'>, () => Msg> = {
  input: M.kInput, let: M.kLet, adjust: M.kAdjust, table: M.kTable, panel: M.kPanel, indicator: M.kIndicator,
  group: M.kGroup, negative: M.kNegative, reward: M.kReward, item: M.kItem, action: M.kAction,
  example: M.kExample, grade: M.kGrade, function: M.kFunction, scale: M.kScale,
};
