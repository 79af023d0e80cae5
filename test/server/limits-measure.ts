// Run by limits.measure.test.ts as `node --expose-gc --import test/built/register.mjs` (on dist/): the heap a
// prepared province scheme keeps alive, per UTF-16 unit of its source (the basis of
// PREPARED_BYTES_PER_CHAR, prepared.ts). Copies differ by a comment so that nothing is shared between
// them; the source texts exist before the first measurement, so only what preparing adds is counted.
// Prints `{"perChar": N}`.

import { readFileSync } from 'node:fs';
import { engine } from '../../server/default-engine.js';
import { heapPerChar } from './heap-per-char.js';

const source = readFileSync(new URL('../../schemes/province-annual.kaohe', import.meta.url), 'utf8');
process.stdout.write(JSON.stringify({ perChar: heapPerChar((s) => engine.prepare(s), source, 20) }) + '\n');
