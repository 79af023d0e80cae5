// Run by depth.test.ts in a fresh process: the deepest schemes the limits accept go through analyze,
// prepare and evaluate with nothing warmed up. Prints "<shape> ok" per shape.
import { analyze } from '../../dsl/index.js';
import { engine } from '../../engine/index.js';

const wrap = (e: string) => `scheme 深 {\n  input { x: number = 1 }\n  indicator i points 100 = ${e}\n}\n`;
// Just under the limits: 200 nesting units (2 per bracket level), 500 tree levels.
const shapes: [string, string][] = [
  ['brackets', wrap('('.repeat(98) + 'x' + ')'.repeat(98))],
  ['calls', wrap('max('.repeat(98) + 'x' + ', 1)'.repeat(98))],
  ['lists', wrap('sum(' + '['.repeat(97) + 'x' + ']'.repeat(97) + ')')],
  ['ifs', wrap('if x > 0 then 1 else '.repeat(198) + '0')],
  ['groups', `scheme 深 {\n  input { x: number = 1 }\n${'group g weight 100% {\n'.repeat(198)}indicator i weight 100% = x\n${'}\n'.repeat(198)}}\n`],
  ['negations', wrap('-'.repeat(495) + 'x')],
  ['sums', wrap(Array(495).fill('x').join(' + '))],
];
for (const [name, text] of shapes) {
  const a = analyze(text, 'deep.kaohe');
  if (a.diagnostics.some((d) => d.code === 'KH-P008')) { console.log(name, 'refused'); continue; }
  const p = engine.prepare(text, 'deep.kaohe');
  if (p.value) await engine.evaluate(p.value, { id: 'a', input: { x: 1 } });
  console.log(name, 'ok');
}
