// The checker's messages about a related subject's result (issue 14 part 2, KH-C169): `results of
// 领导班子考核 for 班子` reads the result of the subject whose id is this person's 班子, so 班子 must be a
// top-level input field holding an id — text or an enum member. A catalog of its own
// (`checkRelated`), next to `checkPeriods` (periods.ts). `{name}` is the input's name, `{field}` the
// name after `for`, `{scheme}` the source scheme as written; `{want}` is wantIt, wantOne or wantAny.

import { defineMessages } from '../../i18n/index.js';

export const RS = defineMessages('checkRelated', {
  en: {
    unknown: 'input {name} reads the result of {scheme} for {field}, but this scheme has no input field {field}: {want}',
    notInput: 'input {name} reads the result of {scheme} for {field}, but {field} is declared as {kind}, not as an input field: {want}',
    nested: 'input {name} reads the result of {scheme} for {field}, which is not a top-level input field: {want}',
    wrongType: 'input {name} reads the result of {scheme} for {field}, but input {field} is {type}: the related subject\'s id is text or an enum member; {want}',
    periodField: 'input {name} reads the result of {scheme} for {field}, but input {field} holds results itself, not a subject\'s id: {want}',
    wantOne: 'name one of {choices}',
    wantIt: 'did you mean {choice}?',
    wantAny: 'declare the input field that holds the related subject\'s id (`text` or an enum) and name it',
    fRelated: '`results of … for`',
    noMissing: 'input {name} must say what it means when the related subject has no result: add one of {choices}',
    periodMissing: 'example {name} needs `period "…"` (for example `period "{form}"`): input {input} reads a related subject\'s result of the same period',
  },
  zh: {
    unknown: '输入项“{name}”引用“{scheme}”中“{field}”所指对象的结果，但本方案没有输入项“{field}”：{want}',
    notInput: '输入项“{name}”引用“{scheme}”中“{field}”所指对象的结果，但“{field}”是{kind}，不是输入项：{want}',
    nested: '输入项“{name}”引用“{scheme}”中“{field}”所指对象的结果，但“{field}”不是顶层输入项：{want}',
    wrongType: '输入项“{name}”引用“{scheme}”中“{field}”所指对象的结果，但输入项“{field}”的类型是{type}：所指对象的标识须为文本或枚举成员；{want}',
    periodField: '输入项“{name}”引用“{scheme}”中“{field}”所指对象的结果，但输入项“{field}”本身是引用的结果，不是对象的标识：{want}',
    wantOne: '请写{choices}之一',
    wantIt: '是否指“{choice}”？',
    wantAny: '请声明存放所指对象标识的输入项（“文本”或枚举类型）并写在此处',
    fRelated: '“引用结果 … 对象”',
    noMissing: '输入项“{name}”须写明所指对象没有结果时如何处理：加上{choices}之一',
    periodMissing: '示例“{name}”须写“周期 \"…\"”（如“周期 \"{form}\"”）：输入项“{input}”引用所指对象同一考核期的结果',
  },
});
