// A measurement: `npm run test:measure` only (docs/testing.md).
// Memory stays bounded reading an .xlsx roster (sheets/node/xlsx-parts.ts, xlsx-empty-rows.ts): a file
// stored as exceljs stores it (shared strings after the sheet, workbook.xml last — `kaohe template`
// output) with two people and 1,000,000 empty rows (≈ 30 MB of sheet XML, near Excel's 1,048,576-row
// limit), in a child whose V8 heap is capped at 32 MB, is streamed. Until issue 16's fifth session the
// in-memory reader (exceljs's) ran out of heap under the same cap, which proved the cap tight; the
// reader that replaced it (sheets/xlsx-xml.ts, shared by the editor) parses the sheet in chunks too
// and reads this file under the cap as well — so both are checked, and neither may hold the sheet.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RUN_BUILT } from '../built/index.js';
import { rawXlsx, type RawCell } from './raw-xlsx.js';

const EMPTY = 1_000_000, HEAP_MB = 32;
const dir = mkdtempSync(join(tmpdir(), 'kaohe-xlsx-mem-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function child(mode: 'stream' | 'memory', file: string) {
  const args = [`--max-old-space-size=${HEAP_MB}`, ...RUN_BUILT, join(import.meta.dirname, 'xlsx-memory-child.ts'), mode, file];
  return spawnSync(process.execPath, args, { encoding: 'utf8', cwd: join(import.meta.dirname, '../..'), maxBuffer: 1 << 24 });
}

describe('an .xlsx roster read in bounded memory', () => {
  it(`${EMPTY.toLocaleString('en')} empty rows, shared strings after the sheet, under a ${HEAP_MB} MB heap: the stream and the in-memory reader read it`, () => {
    const rows: RawCell[][] = [['s:编号', 's:姓名', 's:分'], ['t:0', 't:1', 'n:90']];
    for (let i = 0; i < EMPTY; i++) rows.push([null, null, 'x:']);
    rows.push(['t:2', 't:3', 'n:80']);
    const file = join(dir, 'padded.xlsx');
    writeFileSync(file, rawXlsx(rows, ['A1', '张三', 'A2', '李四']));

    const s = child('stream', file);
    expect(s.stderr).toBe('');
    expect(s.stdout).toBe(`3 ${EMPTY + 3}`);
    const m = child('memory', file);
    expect(m.stderr).toBe('');
    expect(m.stdout).toBe(`3 ${EMPTY + 3}`);
  }, 120_000);
});
