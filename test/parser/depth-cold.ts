// Run by depth.test.ts in a fresh process: the deepest scheme of every shape the limits accept goes
// through analyze, format, prepare and its example with nothing but the parser warmed up (finding the
// deepest accepted one parses). Prints "<shape> ok" per shape.
import { analyze } from '../../dsl/index.js';
import { format } from '../../dsl/format/index.js';
import { engine } from '../../engine/index.js';
import { deepestAccepted, SHAPES } from './deep-shapes.js';

const deepest = Object.entries(SHAPES).map(([name, make]) => [name, make(deepestAccepted(make))] as const);
for (const [name, text] of deepest) {
  const a = analyze(text, 'deep.kaohe');
  if (a.diagnostics.some((d) => d.code === 'KH-P008')) { console.log(name, 'refused'); continue; }
  format(a.parsed, a.file);
  const p = engine.prepare(text, 'deep.kaohe');
  if (p.value) {
    await engine.evaluate(p.value, { id: 'a', input: { x: 1 } });
    await engine.runExamples(p.value);
  }
  console.log(name, 'ok');
}
