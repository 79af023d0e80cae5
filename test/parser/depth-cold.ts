// Run by depth.test.ts in a fresh process: the deepest scheme of every shape the limits accept goes
// through analyze, format, prepare and its example in a process where nothing ran before — the depths
// come from the parent (argv[2]: {shape: n}, found by its deepestAccepted), so not even the parser is
// warmed up by the search (session 7: the search was most of this child's CPU). Without the argument
// it finds them itself. Prints "<shape> ok" per shape.
import { analyze } from '../../dsl/index.js';
import { format } from '../../dsl/format/index.js';
import { engine } from '../../engine/index.js';
import { deepestAccepted, SHAPES } from './deep-shapes.js';

const given = process.argv[2] ? (JSON.parse(process.argv[2]) as Record<string, number>) : {};
const deepest = Object.entries(SHAPES).map(([name, make]) => [name, make(given[name] ?? deepestAccepted(make))] as const);
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
