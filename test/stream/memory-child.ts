// A child for memory.measure.test.ts: evaluates a JSON-lines cohort file either as a stream (engine/stream,
// results to a JSONL file) or in memory (every subject read into an array, evaluateCohort, the
// result written as JSON), under the heap limit its parent gives it. Prints its peak RSS in MB.
//   node --max-old-space-size=M --import test/built/register.mjs memory-child.ts stream|memory SCHEME FILE OUT

import { readFileSync, writeFileSync } from 'node:fs';
import { evaluateCohort, planOf, prepare } from '../../engine/index.js';
import { AtomicFile, jsonlSink, streamCohort } from '../../engine/stream/index.js';
import { contractOf } from '../../sheets/scheme.js';
import { readJsonLines } from '../../sheets/node/jsonl.js';
import { rosterStream } from '../../sheets/node/roster-stream.js';

const [mode, schemePath, file, out] = process.argv.slice(2);
const source = readFileSync(schemePath, 'utf8');
const scheme = prepare(source).value!;
const fields = contractOf(source).fields;
if (mode === 'stream') {
  const rs = rosterStream(file, fields);
  const r = await streamCohort(planOf(scheme), rs.source, jsonlSink(new AtomicFile(out)));
  if (!r.ok) throw new Error(JSON.stringify(r.errors.slice(0, 2)));
} else {
  const roster = await readJsonLines(file, fields);
  const r = await evaluateCohort(scheme, roster.subjects);
  if (!r.ok) throw new Error(JSON.stringify(r.errors.slice(0, 2)));
  writeFileSync(out, JSON.stringify(r.value));
}
process.stdout.write(String(Math.round(process.resourceUsage().maxRSS / 1024)));
