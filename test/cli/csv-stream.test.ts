// `kaohe eval SCHEME roster.csv` over 64 MiB (issue 16, user trial: refused by its size although
// rosters are documented to stream): a .csv is no longer measured but read as a stream
// (sheets/node/csv-stream.ts), so a big one is read — here 65 MiB with no line break (a sparse file:
// nothing written to disk), which is one runaway record: reported at its row in the reader's
// language, exit 1, in bounded memory, never a stack trace. A .json input keeps its cap
// (test/engine/cli.test.ts). The rows of a streamed CSV equal the whole text's: test/sheets/csv-stream.test.ts.

import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_TEXT_INPUT, run as evalCmd } from '../../cli/commands/eval.js';
import { WINDOW_SCHEME } from '../../bench/roster-data.js';
import { memoryIO } from '../memory-io.js';

const dir = mkdtempSync(join(tmpdir(), 'kaohe-csv-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('kaohe eval ROSTER.csv over 64 MiB', () => {
  it('is read, not refused by its size: a 65 MiB record is reported at its row (zh and en), exit 1', async () => {
    writeFileSync(join(dir, 'huge.csv'), '');
    truncateSync(join(dir, 'huge.csv'), MAX_TEXT_INPUT + (1 << 20)); // 65 MiB of NUL bytes, sparse
    const cases = [['zh', [], '第 1 行：此行超过 64 兆字节，未读取（是否缺少右引号？）'], ['en', ['--out', 'r.xlsx'], 'row 1: a row longer than 64 MiB: not read (is a closing quote missing?)']] as const;
    for (const [lang, out, text] of cases) {
      const io = memoryIO({}, { disk: true, cwd: dir });
      expect(await evalCmd([WINDOW_SCHEME, 'huge.csv', '--lang', lang, ...out], io)).toBe(1);
      // nothing but the one line saying the problems are on stdout (U8-4: a pipe hides them)
      expect(io.stderr).toBe(lang === 'zh' ? 'kaohe eval：名单有 1 处问题，未写出任何结果（问题已作为 “JSON” 的 “errors” 列表输出到标准输出）\n'
        : 'kaohe eval: problems in the roster: 1; no results were written (the problems are on standard output, as the JSON “errors” list)\n');
      expect(JSON.parse(io.stdout).errors).toEqual([{ code: 'KH-E008', row: 1, message: text }]);
    }
  }, 60_000);
});
