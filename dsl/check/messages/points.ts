// The checker's messages about shares that depend on the post, `normalize` and items attached to an
// indicator (issue 12: KH-C090 … KH-C094, and the hint on KH-C002); part of the catalog `check` (see
// ../messages.ts).

import { catalogPart } from '../../i18n/index.js';

export const POINTS = catalogPart({
  en: {
    forUnknown: "item '{item}' is for '{name}', which is not declared: `for` names the indicator whose subtotal takes the item's amount",
    forNotIndicator: "item '{item}' is for '{name}', which is {kind}, not an indicator: `for` names the indicator whose subtotal takes the item's amount",
    forNoAmount: "item '{item}' is for '{name}' but neither adds nor deducts: `for` only moves an `add` or `deduct` amount into the indicator",
    forInapplicable: "{combination}: item '{item}' can match while '{name}' does not apply, and its amount is then not applied (nor counted toward the list's max); add the indicator's condition to the item's `when`",
    pointsPercent: "`{text}%` is a percent, but '{name}' has points, not a weight: as points it is {value}; write its points as a plain number",
    normalizeEmpty: '{combination}: no member of {subject} applies, so there is nothing to scale and the evaluation fails for such a subject',
    normalizeTop: 'the top level',
    declaredTwiceShare: "'{name}' is declared twice: as {first} at line {line} and as {second} here; to give one indicator a weight or points that depend on the post, declare it once with `weight if C then N else M`",
  },
  zh: {
    forUnknown: '事项“{item}”计入“{name}”，但“{name}”未声明：“计入”应写事项分值所计入的指标',
    forNotIndicator: '事项“{item}”计入“{name}”，但“{name}”是{kind}而不是指标：“计入”应写事项分值所计入的指标',
    forNoAmount: '事项“{item}”计入“{name}”，却既不加分也不扣分：“计入”只把“加分”或“扣分”的分值计入指标',
    forInapplicable: '{combination}时，事项“{item}”可能成立，但指标“{name}”不适用，其分值不予计入（也不占清单上限）；请在事项的条件中加上该指标的适用条件',
    pointsPercent: '“{text}%”是百分数，但“{name}”用的是分值而非权重，作为分值只有 {value} 分；分值请直接写数',
    normalizeEmpty: '{combination}时，{subject}没有适用的成员，无从按比例折算，此类考核对象的计算将出错',
    normalizeTop: '顶层',
    declaredTwiceShare: '“{name}”重复声明：第 {line} 行已声明为{first}，此处又声明为{second}；若同一指标的权重或分值随职务而定，请只声明一次，写作“权重 如果 条件 则 N 否则 M”',
  },
});
