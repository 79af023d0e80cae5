// The checker's messages about examples' expectations and names (issue 12: KH-C110 … KH-C113, and the
// quoting advice of KH-C003); part of the catalog `check` (see ../messages.ts). The names `actions`,
// `provisional` and `items` exist only once an example has been evaluated, so the messages say where
// they can be used; a name that is reserved can still be declared when quoted, and the message shows how.

import { catalogPart } from '../../i18n/index.js';

export const NAMES12 = catalogPart({
  en: {
    exampleOnly: "'{name}' is a result of evaluating an example and can be used only in an example's `{expect}`",
    notAnAction: "'{name}' is not an action of this scheme; its actions are {known}",
    notAnItem: "'{name}' is not a negative or reward item of this scheme; its items are {known}",
    noneDeclared: '(none)',
    inNeedsList: "`{op}` followed by a name needs a list, and '{name}' is {found}",
    memberNotName: "the left side of `{op} {list}` must be the name of an action or item, or a text, not {found}",
    exampleTwice: "example '{name}' is declared twice (first at line {line}); examples need distinct names",
    reservedQuoted: "'{name}' is a reserved word (a keyword, built-in function or result name); to use it as a name, quote it: {quoted}",
    quoteName: 'Quote the name: {quoted}',
    maybeEmpty: "{fn}(…) has no value when {list} is empty: declare `{min} 1` on the list or guard the expression (`if count(…) > 0 then … else …`)",
    maybeEmptyFiltered: '{fn}(…) has no value when no element of {list} satisfies {where}: guard the expression (`if count(…) > 0 then … else …` with the same list and condition)',
    displayNotText: "the display input '{name}' is {type}; a display input carries one value into the result as text: declare it `{text}`, a number, an enum or a date",
    displayNested: "'{name}' is a field inside a record: only an input of the `input` block can be `{display}`",
  },
  zh: {
    exampleOnly: '“{name}”是示例的计算结果，只能用在示例的“{expect}”中',
    notAnAction: '“{name}”不是本方案的措施；本方案的措施有：{known}',
    notAnItem: '“{name}”不是本方案负面清单或加分项中的事项；本方案的事项有：{known}',
    noneDeclared: '（无）',
    inNeedsList: '“{op}”后面的名称应为列表，而“{name}”是{found}',
    memberNotName: '“{op} {list}”的左边应为措施或事项的名称或文本，而不是{found}',
    exampleTwice: '示例“{name}”重复声明（第 {line} 行已有）；示例的名称不能相同',
    reservedQuoted: '“{name}”是保留字（关键字、内置函数或结果名称）；用作名称时请加引号：{quoted}',
    quoteName: '给名称加引号：{quoted}',
    maybeEmpty: '当{list}为空时，“{fn}(…)”没有值：请在列表上声明“{min} 1”，或先判断（“如果 计数(…) > 0 则 … 否则 …”）',
    maybeEmptyFiltered: '当{list}中没有满足{where}的元素时，“{fn}(…)”没有值：请先判断（“如果 计数(…) > 0 则 … 否则 …”，列表和条件相同）',
    displayNotText: '显示字段“{name}”是{type}；显示字段把一个值作为文本带入结果，请声明为“{text}”、数值、枚举或日期',
    displayNested: '“{name}”是记录中的字段：只有“输入”块中的输入项才能声明为“{display}”',
  },
});
