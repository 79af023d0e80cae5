// Run by prepared-bytes.measure.test.ts as `node --expose-gc` (a child of its own): the heap a
// prepared scheme keeps alive per UTF-16 unit of its source, for schemes of three sizes up to
// limits.mainPrepareMaxChars (only those are prepared on the event loop and counted by the estimate,
// server/prepared.ts PREPARED_BYTES_PER_CHAR): the province scheme (≈6k chars), quarterly-ballots
// (≈20k) and a generated scheme near 32k. N copies of each, differing by a comment so nothing is
// shared, exist before the first collection; only what preparing adds is counted (heap-per-char.ts).
// Prints `[{"name", "chars", "perChar"}]`.

import { readFileSync } from 'node:fs';
import { generateScheme } from '../../bench/gen-scheme.js';
import { engine } from '../../server/default-engine.js';
import { heapPerChar } from './heap-per-char.js';

const read = (name: string) => readFileSync(new URL(`../../schemes/${name}.kaohe`, import.meta.url), 'utf8');
const N = 8;
const perChar = (source: string) => heapPerChar((s) => engine.prepare(s), source, N);

const sources: [string, string][] = [
  ['province-annual', read('province-annual')], ['quarterly-ballots', read('quarterly-ballots')], ['generated-380', generateScheme(380)],
];
const out = sources.map(([name, s]) => ({ name, chars: s.length, perChar: Math.round(perChar(s) * 10) / 10 }));
process.stdout.write(JSON.stringify(out) + '\n');
