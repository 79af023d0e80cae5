// `kaohe eval --period` in full width (V11b LOW-6): `２０２６-Q3`, `2026-Q３`, `2026-Ｑ3`, `26-Q3` were
// told `应写作“--period 2026-Q1”` — the example form, a wrong quarter if copied. Now 2026-Q3.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run as evalCmd } from '../../cli/commands/eval.js';
import { memoryIO } from '../memory-io.js';
import { tempDirs } from '../temp-dirs.js';

const tempDir = tempDirs('kaohe-period-n11-');
const scheme = join(process.cwd(), 'schemes', 'quarterly-review.kaohe');

describe('kaohe eval --period in full width', () => {
  it('suggests the quarter the text shows', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'r.csv'), '编号,单位,实绩得分,测评票\nX1,办公室,95,95\n');
    for (const period of ['２０２６-Q3', '2026-Q３', '2026-Ｑ3', '26-Q3']) {
      const io = memoryIO({}, { disk: true, cwd: dir });
      expect(await evalCmd([scheme, 'r.csv', '--period', period, '--lang', 'zh'], io)).not.toBe(0);
      expect(io.stderr, period).toContain('应写作“--period 2026-Q3”');
    }
  });
});
