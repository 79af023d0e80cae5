// Rating scales and value sets at run time (issue 12, item 1): `in {100, 95, 90}` and `in 评分档`
// compiled once into the exact values a number may take, and the input error (KH-E020) that names
// them — with their tiers when the scale has named ones: `93 不在量表“评分档”之内：优秀（100、95、90）、…`.
// Validation (validate.ts) calls `allows` after the type and range checks; panels with `scale`
// validate each rating against the scale the same way.

import type { OneOf, ScaleDecl } from '../dsl/ast.js';
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
    unknownCriterion: '测评组“{panel}”没有这个要素',
    ballotIncomplete: '测评组按整票去掉（“每 整票”），每张选票都须评全所有要素；缺少：{missing}',
  },
});

/** The values a number may take. `keys` holds each value's exact text for the membership test. */
export interface OneOfSpec {
  values: Rational[];
  keys: Set<string>;
  scale?: string;
  tiers?: { name: string; values: Rational[] }[];
  /** ` in {100, 95, 90}` / ` in 评分档`: the type's text as the contract states it. */
  text: string;
  msg: Msg;
}

const list = (values: Rational[]) => values.map((r) => r.toDecimalString());

function spec(values: Rational[], rest: Pick<OneOfSpec, 'scale' | 'tiers' | 'text' | 'msg'>): OneOfSpec {
  return { values, keys: new Set(values.map((r) => r.toString())), ...rest };
}

/** A scale's values, in tiers when they are named. */
export function scaleSpec(d: ScaleDecl): OneOfSpec {
  const tiers = d.tiers.map((t) => ({ name: t.name?.name, values: t.values.map(constNumber).filter((r): r is Rational => !!r) }));
  const values = tiers.flatMap((t) => t.values);
  const named = tiers.filter((t): t is { name: string; values: Rational[] } => t.name !== undefined);
  return spec(values, {
    scale: d.name.name, tiers: named.length > 0 ? named : undefined,
    text: ` in ${d.name.name}`, msg: S.scaleBounds({ scale: d.name.name }),
  });
}

/** `in {…}` or `in SCALE` of a type; undefined when the scale is unknown (the checker reported it). */
export function oneOfSpec(o: OneOf, scales: Map<string, ScaleDecl> | undefined): OneOfSpec | undefined {
  if (o.kind === 'Scale') {
    const d = scales?.get(o.scale.name);
    return d ? scaleSpec(d) : undefined;
  }
  const values = o.values.map(constNumber).filter((r): r is Rational => !!r);
  const text = list(values).join(', ');
  return spec(values, { text: ` in {${text}}`, msg: S.setBounds({ values: `{${text}}` }) });
}

export const allows = (s: OneOfSpec, r: Rational): boolean => s.keys.has(r.toString());

/** Why `r` is not allowed: the values, by tier when the scale names its tiers. */
export function notAllowed(s: OneOfSpec, r: Rational): Msg {
  const value = r.toDecimalString();
  if (s.scale === undefined) return S.notInSet({ value, values: list(s.values) });
  const tiers = s.tiers ? s.tiers.map((t) => S.tier({ name: t.name, values: list(t.values) })) : list(s.values);
  return S.notOnScale({ value, scale: s.scale, tiers });
}
