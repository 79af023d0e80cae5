// A child for xlsx-memory.measure.test.ts: reads the rows of an .xlsx file — as a stream (sheets/node/
// xlsx-stream.ts, what `kaohe eval` does) or whole in memory (sheets/xlsx.ts, the browser's reader,
// which the command line used for files with their shared strings after the sheet) — under the heap
// limit its parent gives it, and prints how many rows had a value and the last one's number.
//   node --max-old-space-size=M --import test/built/register.mjs xlsx-memory-child.ts stream|memory FILE
// (the project's modules from dist/: test/built/)

import { readFileSync } from 'node:fs';
import { streamXlsxRows } from '../../sheets/node/xlsx-stream.js';
import type { SheetRow } from '../../sheets/table.js';
import { readXlsxRows } from '../../sheets/xlsx.js';

const [mode, file] = process.argv.slice(2);
let rows = 0, last = 0;
const seen = (r: SheetRow) => { rows++; last = r.row; };
if (mode === 'stream') for await (const r of streamXlsxRows(file)) seen(r);
else (await readXlsxRows(readFileSync(file))).forEach(seen);
process.stdout.write(`${rows} ${last}`);
