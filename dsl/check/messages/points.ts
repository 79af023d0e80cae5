// The checker's messages about shares that depend on the post, `normalize` and items attached to an
// indicator (issue 12: KH-C090 … KH-C092, and the hint on KH-C002); part of the catalog `check` (see
// ../messages.ts).

import { catalogPart } from '../../i18n/index.js';

export const POINTS = catalogPart({
  en: {
    forUnknown: "item '{item}' is for '{name}', which is not declared: `for` names the indicator whose subtotal takes the item's amount",
    forNotIndicator: "item '{item}' is for '{name}', which is {kind}, not an indicator: `for` names the indicator whose subtotal takes the item's amount",
    forNoAmount: "item '{item}' is for '{name}' but neither adds nor deducts: `for` only moves an `add` or `deduct` amount into the indicator",
    normalizeEmpty: '{combination}: no member of {subject} applies, so there is nothing to scale and the evaluation fails for such a subject',
    normalizeTop: 'the top level',
    declaredTwiceShare: "'{name}' is declared twice: as {first} at line {line} and as {second} here; to give one indicator a weight or points that depend on the post, declare it once with `weight if C then N else M`",
  },
  zh: {
    forUnknown: '事项“{item}”计入“{name}”，但“{name}”未声明：“计入”应写事项分值所计入的指标',
    forNotIndicator: '事项“{item}”计入“{name}”，但“{name}”是{kind}而不是指标：“计入”应写事项分值所计入的指标',
    forNoAmount: '事项“{item}”计入“{name}”，却既不加分也不扣分：“计入”只把“加分”或“扣分”的分值计入指标',
    normalizeEmpty: '{combination}时，{subject}没有适用的成员，无从按比例折算，此类考核对象的计算将出错',
    normalizeTop: '顶层',
    declaredTwiceShare: '“{name}”重复声明：第 {line} 行已声明为{first}，此处又声明为{second}；若同一指标的权重或分值随职务而定，请只声明一次，写作“权重 如果 条件 则 N 否则 M”',
  },
});
