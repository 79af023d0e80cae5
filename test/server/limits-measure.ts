// Run by limits.measure.test.ts as `node --expose-gc --import test/built/register.mjs` (on dist/): the heap a
// prepared province scheme keeps alive, per UTF-16 unit of its source (the basis of
// PREPARED_BYTES_PER_CHAR, prepared.ts). Copies differ by a comment so that nothing is shared between
// them; the source texts exist before the first measurement, so only what preparing adds is counted.
// Prints `{"perChar": N}`.

import { readFileSync } from 'node:fs';
import { engine } from '../../server/default-engine.js';

const gc = (globalThis as { gc?: () => void }).gc!;
const source = readFileSync(new URL('../../schemes/province-annual.kaohe', import.meta.url), 'utf8');
const N = 20;
engine.prepare(source + '\n// warm');
const copies = Array.from({ length: N }, (_, i) => `${source}\n// ${i}`);
for (let i = 0; i < 4; i++) gc();
const before = process.memoryUsage().heapUsed;
const kept = copies.map((s) => engine.prepare(s));
for (let i = 0; i < 4; i++) gc();
const after = process.memoryUsage().heapUsed;
if (!kept.every((p) => p.value)) throw new Error('the province scheme does not prepare');
process.stdout.write(JSON.stringify({ perChar: (after - before) / N / source.length }) + '\n');
