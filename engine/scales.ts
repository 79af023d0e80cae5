// Rating scales and value sets at run time (issue 12, item 1): `in {100, 95, 90}` and `in 评分档`
// compiled once into the exact values a number may take, and the input error (KH-E020) that names
// them — with their tiers when the scale has named ones: `93 不在量表“评分档”之内：优秀（100、95、90）、…`.
// Validation (validate.ts) calls `allows` after the type and range checks; panels with `scale`
// validate each rating against the scale the same way.

import type { Expr, OneOf, ScaleDecl } from '../dsl/ast.js';
import { defineMessages, type Msg } from '../dsl/i18n/index.js';
import { Rational } from '../dsl/rational.js';
import { constNumber } from './contract.js';

export const S = defineMessages('engineScales', {
  en: {
    /** `values`: the set as written, `{100, 95, 90}`. */
    setBounds: ' in {values}',
    scaleBounds: ' in {scale}',
    tier: '{name} ({values})',
    notInSet: '{value} is not one of {values}',
    notOnScale: '{value} is not on scale {scale}: {tiers}',
    ballotNotObject: 'expected a ballot: an object of ratings by criterion, such as { "{first}": 95 }',
    ballotEmpty: 'an empty ballot: a ballot rates at least one criterion',
    ballotKeyTwice: 'this ballot rates {criterion} twice (the key repeats in the JSON object): a ballot rates each criterion once',
    unknownCriterion: 'unknown criterion of panel {panel}',
    ballotIncomplete: 'the panel trims whole ballots (`per ballot`), so every ballot rates every criterion; missing: {missing}',
  },
  zh: {
    setBounds: ' 属于 {values}',
    scaleBounds: ' 属于 {scale}',
    tier: '{name}（{values}）',
    notInSet: '{value} 不在 {values} 之中',
    notOnScale: '{value} 不在量表“{scale}”之内：{tiers}',
    ballotNotObject: '应为一张选票：按要素给出的评分，如 { "{first}": 95 }',
    ballotEmpty: '选票为空：一张选票至少要评一个要素',
    ballotKeyTwice: '这张选票对“{criterion}”评了两次（该键在对象中重复出现）：一张选票对每个要素只评一次',
    unknownCriterion: '测评组“{panel}”没有这个要素',
    ballotIncomplete: '测评组按整票去掉（“每 整票”），每张选票都须评全所有要素；缺少：{missing}',
  },
});

/** The values a number may take. `keys` holds each value's exact text for the membership test;
 * `shown` the values as the scheme writes them (`100%`, not `1`), for messages and the contract. */
export interface OneOfSpec {
  values: Rational[];
  keys: Set<string>;
  shown: string[];
  scale?: string;
  tiers?: { name: string; shown: string[] }[];
  /** ` in {100, 95, 90}` / ` in 评分档`: the type's text as the contract states it. */
  text: string;
  msg: Msg;
}

/** A value as written: `100%`, `92.5`, `-5` (the checker refuses anything but such literals). */
export function written(e: Expr): string {
  if (e.kind === 'Number') return `${e.text}${e.percent ? '%' : ''}`;
  if (e.kind === 'Unary' && e.op === '-') return `-${written(e.operand)}`;
  return constNumber(e)?.toDecimalString() ?? '?';
}

/** The literal values among `es`, exact and as written. */
function literals(es: Expr[]): { values: Rational[]; shown: string[] } {
  const values: Rational[] = [], shown: string[] = [];
  for (const e of es) {
    const r = constNumber(e);
    if (r) { values.push(r); shown.push(written(e)); }
  }
  return { values, shown };
}

function spec(all: { values: Rational[]; shown: string[] }, rest: Pick<OneOfSpec, 'scale' | 'tiers' | 'text' | 'msg'>): OneOfSpec {
  return { ...all, keys: new Set(all.values.map((r) => r.toString())), ...rest };
}

/** A scale's values, in tiers when they are named (the checker refuses a scale mixing named and
 * unnamed tiers, KH-C070). */
export function scaleSpec(d: ScaleDecl): OneOfSpec {
  const tiers = d.tiers.map((t) => ({ name: t.name?.name, ...literals(t.values) }));
  const named = tiers.filter((t): t is { name: string; values: Rational[]; shown: string[] } => t.name !== undefined);
  return spec({ values: tiers.flatMap((t) => t.values), shown: tiers.flatMap((t) => t.shown) }, {
    scale: d.name.name, tiers: named.length > 0 ? named.map((t) => ({ name: t.name, shown: t.shown })) : undefined,
    text: ` in ${d.name.name}`, msg: S.scaleBounds({ scale: d.name.name }),
  });
}

/** `in {…}` or `in SCALE` of a type; undefined when the scale is unknown (the checker reported it). */
export function oneOfSpec(o: OneOf, scales: Map<string, ScaleDecl> | undefined): OneOfSpec | undefined {
  if (o.kind === 'Scale') {
    const d = scales?.get(o.scale.name);
    return d ? scaleSpec(d) : undefined;
  }
  const all = literals(o.values);
  const text = all.shown.join(', ');
  return spec(all, { text: ` in {${text}}`, msg: S.setBounds({ values: `{${text}}` }) });
}

export const allows = (s: OneOfSpec, r: Rational): boolean => s.keys.has(r.toString());

/** `r` exactly, never rounded — `95.000…0001` rounded to 20 decimals read "95 is not on scale 档"
 * (hostile12). Every number an input can carry (JSON, a cell, a literal) is a terminating decimal,
 * so digits enough for its denominator show it exactly; a very long one is elided in the middle. */
export function exactText(r: Rational): string {
  const num = hex(r.num), den = hex(r.den);
  if (num.length > HUGE_HEX_DIGITS || den.length > HUGE_HEX_DIGITS) return approximateText(r, num, den);
  const full = r.toDecimalString(Math.max(20, 4 * r.den.toString().length));
  return full.length <= 64 ? full : `${full.slice(0, 30)}…${full.slice(-30)}`;
}

/** Hexadecimal digits from which a number is not written out exactly: a 2 MB request can carry a
 * million-digit number, whose exact decimal text took minutes to make (hostile X14); ≈ 300 decimal
 * digits still are. */
const HUGE_HEX_DIGITS = 256;

const hex = (x: bigint): string => (x < 0n ? -x : x).toString(16);

/** log10 of a positive integer given in hexadecimal, from its first 13 digits and its length. */
const log10Hex = (h: string): number => Math.log10(parseInt(h.slice(0, 13), 16)) + Math.max(0, h.length - 13) * Math.log10(16);

/** A huge or very long number, elided: its first decimals (`50.7777…`) when it is of an ordinary size,
 * else its magnitude (`≈5.777778e+99999`). */
function approximateText(r: Rational, num: string, den: string): string {
  const lg = log10Hex(num) - log10Hex(den);
  const e = Math.floor(lg);
  if (e >= -6 && e < 21) return `${r.toDecimalString(30)}…`;
  return `${r.sign() < 0 ? '-' : ''}≈${(10 ** (lg - e)).toFixed(6)}e${e >= 0 ? '+' : ''}${e}`;
}

/** Why `r` is not allowed: the values, by tier when the scale names its tiers. */
export function notAllowed(s: OneOfSpec, r: Rational): Msg {
  const value = exactText(r);
  if (s.scale === undefined) return S.notInSet({ value, values: s.shown });
  const tiers = s.tiers ? s.tiers.map((t) => S.tier({ name: t.name, values: t.shown })) : s.shown;
  return S.notOnScale({ value, scale: s.scale, tiers });
}
