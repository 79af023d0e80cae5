// The checker's messages about rating scales, value sets and ballots with criteria (issue 12:
// KH-C070 … KH-C075); part of the catalog `check` (see ../messages.ts).

import { catalogPart } from '../../i18n/index.js';

export const SCALES = catalogPart({
  en: {
    kScale: 'scale',
    scaleEmpty: 'scale {name} has no values',
    scaleTierEmpty: 'tier {tier} of scale {name} has no values',
    scaleNotNumber: 'a value of scale {name} must be a number written out, such as 95 or 92.5',
    scaleDuplicate: 'value {value} appears twice in scale {name}',
    scaleTwoTiers: 'value {value} is in two tiers of scale {name}: {first} and {second}',
    notAScale: "'{name}' is not a scale: declare it as `scale {name} { … }`",
    notAScaleIs: "'{name}' is {kind}, not a scale: name a scale here, or write the values, such as `in {100, 95, 90}`",
    setEmpty: '`in { }` needs at least one value',
    setNotNumber: 'the values of `in {…}` must be numbers written out, such as 95 or 92.5',
    setDuplicate: 'value {value} appears twice in `in {…}`',
    setOnType: 'a set of values ({set}) restricts numbers, not {type}',
    setNotInteger: 'value {value} of `in {set}` is not a whole number, so no {type} input can take it',
    criteriaEmpty: 'panel {name} has `criteria` without any criterion',
    criteriaSum: 'the criteria weights of panel {name} sum to {sum}, not 100%',
    criterionTwice: "criterion '{name}' of panel {panel} is declared twice",
    perBallotNoCriteria: 'panel {name} trims `per ballot` but has no `criteria`: a ballot is a rating of several criteria; drop `per ballot` or add `criteria { … }`',
    unusedScale: 'scale {name} is declared but no input or panel uses it',
  },
  zh: {
    kScale: '量表',
    scaleEmpty: '量表“{name}”没有分值',
    scaleTierEmpty: '量表“{name}”的档次“{tier}”没有分值',
    scaleNotNumber: '量表“{name}”的分值必须是写出的数，如 95 或 92.5',
    scaleDuplicate: '分值 {value} 在量表“{name}”中出现了两次',
    scaleTwoTiers: '分值 {value} 同时属于量表“{name}”的两个档次：“{first}”和“{second}”',
    notAScale: '“{name}”不是量表：请先声明“量表 {name} { … }”',
    notAScaleIs: '“{name}”是{kind}，不是量表：此处应写量表名，或直接写出分值，如“属于 {100, 95, 90}”',
    setEmpty: '“属于 { }”至少需要一个分值',
    setNotNumber: '“属于 {…}”中的值必须是写出的数，如 95 或 92.5',
    setDuplicate: '分值 {value} 在“属于 {…}”中出现了两次',
    setOnType: '取值集合（{set}）只能限定数值，不能用于{type}',
    setNotInteger: '“属于 {set}”中的 {value} 不是整数，{type}输入项不可能取到它',
    criteriaEmpty: '测评组“{name}”的“要素”中没有任何要素',
    criteriaSum: '测评组“{name}”的要素权重之和为 {sum}，应为 100%',
    criterionTwice: '测评组“{panel}”的要素“{name}”声明了两次',
    perBallotNoCriteria: '测评组“{name}”规定“每 整票”去掉，但没有“要素”：整票是对多个要素的评分；请删去“每 整票”或加上“要素 { … }”',
    unusedScale: '量表“{name}”已声明，但没有输入项或测评组使用它',
  },
});
