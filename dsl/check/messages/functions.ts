// The checker's messages about functions declared in the scheme (issue 12: KH-C080 … KH-C087); part
// of the catalog `check` (see ../messages.ts). A function is pure: its messages say what it may not
// use and how to give it that value instead (as a parameter).

import { catalogPart } from '../../i18n/index.js';

export const FUNCTIONS = catalogPart({
  en: {
    kFunction: 'function',
    /** `the result of 折算` (a type mismatch position). */
    pFunctionResult: 'the result of {name}',
    impureUse: "function {fn} cannot use {kind} '{name}': a function sees only its parameters; pass '{name}' as a parameter",
    impureResult: "function {fn} cannot use the result name '{name}': a function sees only its parameters",
    recursiveSelf: 'function {name} calls itself: functions cannot be recursive',
    recursiveCycle: 'functions call each other in a cycle: {path}; functions cannot be recursive',
    functionArity: (a) => `${a.name} takes ${a.want} ${a.want === '1' ? 'argument' : 'arguments'} (${a.params}), not ${a.n}`,
    duplicateParam: "parameter '{name}' of function {fn} is declared twice",
    paramRatings: "parameter '{name}' of function {fn} cannot be {type}: pass the panel's result (`rate …`) instead",
    paramConstraint: "parameter '{name}' of function {fn} cannot have a constraint: check the value where the function is called",
    unusedFunction: 'function {name} is declared but never called',
    unusedParam: "parameter '{name}' of function {fn} is never used",
    functionTooCostly: 'a call of function {name} expands to {cost} evaluation steps, more than {limit} ({path}): each call evaluates the whole body of the function it calls; call a costly function once and pass its result on as a parameter',
    callsTooCostly: (a) => `the ${a.n} ${a.n === '1' ? 'call' : 'calls'} of functions in this expression expand to ${a.cost} evaluation steps together, more than ${a.limit}: compute a repeated call once in a let and use the let`,
  },
  zh: {
    kFunction: '函数',
    pFunctionResult: '函数“{name}”的结果',
    impureUse: '函数“{fn}”不能使用{kind}“{name}”：函数只能使用自己的参数；请把“{name}”作为参数传入',
    impureResult: '函数“{fn}”不能使用结果名称“{name}”：函数只能使用自己的参数',
    recursiveSelf: '函数“{name}”调用了自身：函数不能递归',
    recursiveCycle: '函数之间循环调用：{path}；函数不能递归',
    functionArity: '“{name}”需要 {want} 个参数（{params}），这里却有 {n} 个',
    duplicateParam: '函数“{fn}”的参数“{name}”重复声明',
    paramRatings: '函数“{fn}”的参数“{name}”不能是{type}：请传入测评结果（“测评 …”）',
    paramConstraint: '函数“{fn}”的参数“{name}”不能带约束：请在调用处检查取值',
    unusedFunction: '函数“{name}”已声明但从未调用',
    unusedParam: '函数“{fn}”的参数“{name}”从未使用',
    functionTooCostly: '调用函数“{name}”要展开计算 {cost} 步，超过上限 {limit} 步（{path}）：每次调用都要把被调用函数的函数体完整计算一遍；请只调用一次耗费大的函数，再把结果作为参数传下去',
    callsTooCostly: '这个表达式中的 {n} 处函数调用合计要展开计算 {cost} 步，超过上限 {limit} 步：请把重复的调用放进一个定义中只算一次，再使用该定义',
  },
});
