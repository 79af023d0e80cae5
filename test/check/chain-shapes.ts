// Schemes with a dependency chain n steps long, one per way a chain forms: lets, lets whose
// references sit deep in their expressions, indicators, tables, a chain of bool lets read by a
// `when` condition (the checker's condition analysis inlines it), a divisor (its range analysis
// inlines it), and functions calling functions (issue 12). Every shape also starts the chain from a
// deep grade condition and ends it in a deep expression: the most recursion a chain of that depth
// can cause. Used by chains.test.ts and,
// in a fresh process, by chains-cold.ts.

/** Expression depth at both ends of every chain: just under the parser's limit (TREE_DEPTH_LIMIT). */
const END = 480;
const neg = (e: string) => `${'-'.repeat(END)}${e}`;
const grades = (top: string) => `  grades {\n    优 when ${neg(top)} < 0\n    差 otherwise\n  }\n`;

export const CHAIN_SHAPES: Record<string, (n: number) => string> = {
  lets: (n) => {
    let s = 'scheme 链 {\n  input { x: number = 1 }\n';
    for (let i = 0; i < n; i++) s += `  let a${i} = a${i + 1} + 1\n`;
    return `${s}  let a${n} = ${neg('x')}\n  indicator i points 100 = a0\n${grades('i')}}\n`;
  },
  'deep lets': (n) => {
    let s = 'scheme 链 {\n  input { x: number = 1 }\n';
    for (let i = 0; i < n; i++) s += `  let a${i} = ${'-'.repeat(98)}a${i + 1}\n`;
    return `${s}  let a${n} = ${neg('x')}\n  indicator i points 100 = a0\n${grades('i')}}\n`;
  },
  indicators: (n) => {
    let s = 'scheme 链 {\n  input { x: number = 1 }\n  group g weight 100% normalize {\n';
    for (let i = 0; i < n; i++) s += `    indicator a${i} weight 1 = a${i + 1} + 1\n`;
    return `${s}    indicator a${n} weight 1 = ${neg('x')}\n  }\n${grades('a0')}}\n`;
  },
  tables: (n) => {
    let s = 'scheme 链 {\n  enum E { m }\n  input { x: number = 1, e: E = m }\n';
    for (let i = 0; i < n; i++) s += `  table T${i} { m: T${i + 1}[e] + 1 }\n`;
    return `${s}  table T${n} { m: ${neg('x')} }\n  indicator i points 100 = T0[e]\n${grades('i')}}\n`;
  },
  conditions: (n) => {
    let s = 'scheme 链 {\n  input { x: number = 1, f: bool = true }\n';
    for (let i = 0; i < n; i++) s += `  let b${i} = b${i + 1} and f\n`;
    return `${s}  let b${n} = ${neg('x')} < 0\n  when b0 { indicator i points 100 = x }\n  when not b0 { indicator j points 100 = x }\n${grades('x')}}\n`;
  },
  functions: (n) => { // issue 12: each function calls the next, the last is deep
    let s = 'scheme 链 {\n  input { x: number = 1 }\n';
    for (let i = 0; i < n; i++) s += `  function f${i}(y: number) = f${i + 1}(y) + 1\n`;
    return `${s}  function f${n}(y: number) = ${neg('y')}\n  indicator i points 100 = f0(x)\n${grades('i')}}\n`;
  },
  'functions from lets': (n) => { // half a chain of lets, then half a chain of functions
    let s = 'scheme 链 {\n  input { x: number = 1 }\n';
    const h = n >> 1;
    for (let i = 0; i < h; i++) s += `  let a${i} = a${i + 1} + 1\n`;
    s += `  let a${h} = f0(x)\n`;
    for (let i = 0; i < n - h; i++) s += `  function f${i}(y: number) = f${i + 1}(y) + 1\n`;
    return `${s}  function f${n - h}(y: number) = ${neg('y')}\n  indicator i points 100 = a0\n${grades('i')}}\n`;
  },
  divisor: (n) => {
    let s = 'scheme 链 {\n  input { x: number = 1 }\n';
    for (let i = 0; i < n; i++) s += `  let a${i} = a${i + 1} + 1\n`;
    return `${s}  let a${n} = ${neg('x')}\n  indicator i points 100 = 100 / a0\n${grades('i')}}\n`;
  },
};
