// A measurement: `npm run test:differential` only (docs/testing.md).
// Memory stays bounded reading an .xlsx roster (sheets/node/xlsx-parts.ts, xlsx-empty-rows.ts): a file
// stored as exceljs stores it (shared strings after the sheet, workbook.xml last — `kaohe template`
// output) with two people and 200,000 empty rows, in a child whose V8 heap is capped at 48 MB, is
// streamed — while the in-memory reader, which the command line used for such files (1M empty rows:
// 923 MB), runs out of heap under the same cap. Sizes: the in-memory read needs ~1 KB per row, so
// 200,000 rows are ~4× the cap; the stream read 300,000 under a 32 MB cap (one chunk of rows at a time).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RUN_BUILT } from '../built/index.js';
import { rawXlsx, type RawCell } from './raw-xlsx.js';

const EMPTY = 200_000, HEAP_MB = 48;
const dir = mkdtempSync(join(tmpdir(), 'kaohe-xlsx-mem-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function child(mode: 'stream' | 'memory', file: string) {
  const args = [`--max-old-space-size=${HEAP_MB}`, ...RUN_BUILT, join(import.meta.dirname, 'xlsx-memory-child.ts'), mode, file];
  return spawnSync(process.execPath, args, { encoding: 'utf8', cwd: join(import.meta.dirname, '../..'), maxBuffer: 1 << 24 });
}

describe('an .xlsx roster read in bounded memory', () => {
  it(`${EMPTY.toLocaleString('en')} empty rows, shared strings after the sheet, under a ${HEAP_MB} MB heap: the stream reads it, the in-memory reader runs out`, () => {
    const rows: RawCell[][] = [['s:编号', 's:姓名', 's:分'], ['t:0', 't:1', 'n:90']];
    for (let i = 0; i < EMPTY; i++) rows.push([null, null, 'x:']);
    rows.push(['t:2', 't:3', 'n:80']);
    const file = join(dir, 'padded.xlsx');
    writeFileSync(file, rawXlsx(rows, ['A1', '张三', 'A2', '李四']));

    const s = child('stream', file);
    expect(s.stderr).toBe('');
    expect(s.stdout).toBe(`3 ${EMPTY + 3}`);
    const m = child('memory', file);
    expect(m.status).not.toBe(0);
    expect(m.stderr).toMatch(/heap out of memory/i);
  }, 120_000);
});
