// The streamed results workbook waits for the zip (sheets/node/results-stream.ts): exceljs hands a
// sheet's XML to deflate without back-pressure, so rows made faster than they are compressed piled up
// as uncompressed buffers (1.9 KB a person). Here the rows come as fast as they can, from a generator
// that never yields to the event loop: deflate and the file only make progress while the writer waits
// on the zip's queue. So when the last row is made most of the file must already be written (without
// the wait: nothing but the first parts, the whole ~20 MB sheet queued in memory — process-wide buffer
// counts cannot show it, V8 frees buffers only every ~64 MB); the workbook then reads back whole.

import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SubjectResult } from '../../engine/api.js';
import type { ResultsLayout } from '../../sheets/results.js';
import { writeResultsFile, type ResultPair } from '../../sheets/node/results-stream.js';
import { streamXlsxRows } from '../../sheets/node/xlsx-stream.js';

const N = 10_000, WIDE = 2000;
const dir = mkdtempSync(join(tmpdir(), 'kaohe-results-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the streamed results workbook', () => {
  it(`writes the zip while ${N.toLocaleString('en')} rows of ${WIDE} characters are made, not after`, async () => {
    let seed = 7;
    const letters = Array.from({ length: 1 << 16 }, () => String.fromCharCode(97 + ((seed = (seed * 48271) % 2147483647) % 26))).join('');
    const layout = {
      sheetName: () => '结果',
      columns: () => [{ header: '编号', text: true }, { header: '说明' }],
      row: (r: SubjectResult) => [r.subject, letters.slice((Number(r.subject.slice(1)) * 7919) % 60_000).slice(0, WIDE)],
      summarySheets: () => [],
    } as unknown as ResultsLayout;
    const out = join(dir, 'r.xlsx');
    let written = 0;
    async function* people(): AsyncGenerator<ResultPair> {
      for (let i = 0; i < N; i++) yield [{ subject: `P${i}` } as SubjectResult, undefined];
      written = existsSync(out) ? statSync(out).size : 0;
    }
    await writeResultsFile(out, { layout, count: N, people: people(), summaries: { cohorts: [] } as never, locale: 'zh' });
    expect(written / statSync(out).size).toBeGreaterThan(0.5);
    let rows = 0;
    for await (const r of streamXlsxRows(out)) if (r.cells[1] !== null) rows++;
    expect(rows).toBe(N + 1);
  }, 120_000);
});
