// `kaohe eval` on damaged .xlsx rosters (issue 16, session 3, hostile tester H3's F5/F6, fixed by
// FXS in sheets/node/xlsx-check.ts): a worksheet cut short inside a sound zip was evaluated as a
// shorter roster (exit 0: quotas and ranks on the wrong cohort); a zip cut at ¾ or with a corrupt
// deflated sheet left the command waiting for ever (exit 13, silent, `.partial` files left). Each is
// now the one KH-E008 "cannot read … not a valid Excel (.xlsx) file" (exit 1, as a `.json` that is not
// JSON), with no result file and no temporary file (.json and .jsonl left `.partial` files).

import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { people, rosterSheet, WINDOW_SCHEME, windowSource } from '../../bench/roster-data.js';
import { run as evalCmd } from '../../cli/commands/eval.js';
import { readRosterFile } from '../../sheets/node/files.js';
import { contractOf } from '../../sheets/scheme.js';
import { writeXlsx } from '../../sheets/xlsx.js';
import { memoryIO } from '../memory-io.js';
import { rawXlsx, type RawCell } from '../sheets/raw-xlsx.js';

const dir = mkdtempSync(join(tmpdir(), 'kaohe-fxs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('kaohe eval on a damaged .xlsx roster', () => {
  it('refuses a sheet cut short, a zip cut at ¾ and a corrupt sheet: one KH-E008, exit 1, no file written', async () => {
    const sheet = rosterSheet(people(40, 5));
    const rows: RawCell[][] = [sheet.columns.map((c) => `s:${c.header}` as RawCell),
      ...sheet.rows.map((r) => r.map((v): RawCell => (v === null ? null : typeof v === 'number' ? `n:${v}` : `s:${String(v)}`)))];
    const sound = rawXlsx(rows);
    const exceljs = Buffer.from(await writeXlsx({ sheets: [sheet] }));
    const corrupt = Buffer.from(exceljs);
    corrupt[corrupt.indexOf('xl/worksheets/sheet1.xml') + 80] ^= 0xff;
    const files: Record<string, Uint8Array> = {
      'cut-row.xlsx': rawXlsx(rows, undefined, false, (xml) => xml.slice(0, xml.indexOf('<row r="27"'))),
      'cut-zip.xlsx': exceljs.subarray(0, Math.floor(exceljs.length * 3 / 4)),
      'corrupt.xlsx': corrupt,
    };
    writeFileSync(join(dir, 'sound.xlsx'), sound); // the control: the same rows, whole
    expect((await readRosterFile(join(dir, 'sound.xlsx'), contractOf(windowSource()).fields)).subjects).toHaveLength(40);
    for (const [i, [name, bytes]] of Object.entries(files).entries()) {
      writeFileSync(join(dir, name), bytes);
      const io = memoryIO({}, { disk: true, cwd: dir }), out = i % 2 ? 'o.jsonl' : 'o.json';
      expect(await evalCmd([WINDOW_SCHEME, name, '--out', out], io), `${name} → ${out}: ${io.stderr}`).toBe(1);
      expect(JSON.parse(io.stdout).errors).toEqual([{ code: 'KH-E008', message: `cannot read “${name}”: not a valid Excel (.xlsx) file` }]);
    }
    expect(readdirSync(dir).sort()).toEqual(['corrupt.xlsx', 'cut-row.xlsx', 'cut-zip.xlsx', 'sound.xlsx']);
  }, 30_000);
});
