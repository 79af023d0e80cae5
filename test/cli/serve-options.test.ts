// `kaohe serve`'s numbers said wrong (trial V12: `--workers 0`, `65`, `two` got the bare usage): one
// line naming the option, what it takes and what was given, zh and en, then the usage, exit 2, before
// any database is opened; `--db-pool N` sizes the PostgreSQL pool (node-postgres' `max`) and is refused for a SQLite file.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { openStore } from '../../server/store/open.js';
import type { PostgresStore } from '../../server/db/postgres/store.js';
import { PG_URL, useTestSchema } from '../server/store-target.js';
import { removeTempDirs, tempDir } from '../server/helpers.js';
import { memoryIO } from '../memory-io.js';

afterAll(removeTempDirs);

async function serve(args: string[]) {
  const io = memoryIO({}, { cwd: process.cwd() });
  const code = await main(['serve', ...args], io);
  return { code, stderr: io.stderr };
}

describe('kaohe serve: a number out of range is named with what it takes', () => {
  it.each([
    ['--workers', '0', 'en', "kaohe serve: --workers takes a whole number from 1 to 64, not '0'"],
    ['--workers', '65', 'en', "kaohe serve: --workers takes a whole number from 1 to 64, not '65'"],
    ['--workers', 'two', 'zh', 'kaohe serve：“--workers”须为 1 至 64 的整数，不能是“two”'],
    ['--workers', '1.5', 'zh', 'kaohe serve：“--workers”须为 1 至 64 的整数，不能是“1.5”'],
    ['--db-pool', '0', 'en', "kaohe serve: --db-pool takes a whole number from 1 to 1000, not '0'"],
    ['--db-pool', '1e3', 'zh', 'kaohe serve：“--db-pool”须为 1 至 1000 的整数，不能是“1e3”'],
    ['--port', '70000', 'en', "kaohe serve: --port takes a whole number from 0 to 65535, not '70000'"],
    ['--session-hours', '0', 'zh', 'kaohe serve：“--session-hours”须为大于 0、不超过 8760 的数，不能是“0”'],
    ['--max-connections', '-1', 'en', "kaohe serve: --max-connections takes a whole number of at least 1, not '-1'"],
  ])('%s %s (%s)', async (option, value, lang, line) => {
    const dir = tempDir();
    const r = await serve([`${option}=${value}`, '--db', join(dir, 'k.db'), '--lang', lang]);
    expect(r.code).toBe(2);
    const [first, second] = r.stderr.split('\n');
    expect(first).toBe(line);
    expect(second).toMatch(/^(usage|用法)/);
    expect(existsSync(join(dir, 'k.db'))).toBe(false);
  });

  it('says when the headers may take longer than the whole request', async () => {
    const r = await serve(['--headers-timeout', '30', '--db', join(tempDir(), 'k.db')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--headers-timeout (30 s) is longer than --request-timeout (20 s)');
  });

  it('refuses --db-pool for a SQLite file, in words', async () => {
    for (const [lang, words] of [['en', /--db-pool sizes each process's pool of PostgreSQL connections, but the database .*k\.db is a SQLite file/], ['zh', /但数据库 .*k\.db 是“SQLite”文件/]] as const) {
      const r = await serve(['--db-pool', '4', '--db', join(tempDir(), 'k.db'), '--lang', lang]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(words);
    }
  });

  it('lists --db-pool in its help', async () => {
    const io = memoryIO();
    expect(await main(['serve', '--help'], io)).toBe(0);
    expect(io.stdout).toContain('[--db-pool N]');
    expect(io.stdout).toMatch(/--db-pool N: the most PostgreSQL connections each process opens \(1 to 1000, default 10/);
  });
});

describe.skipIf(!PG_URL)('--db-pool reaches the PostgreSQL pool', () => {
  const { url } = useTestSchema();
  it('sets the pool\'s max; without it the default 10', async () => {
    const sized = (await openStore(url, { pool: 3 })) as PostgresStore;
    const plain = (await openStore(url)) as PostgresStore;
    try {
      expect(sized.pool.options.max).toBe(3);
      expect(plain.pool.options.max).toBe(10);
    } finally {
      await plain.close();
      await sized.close();
    }
  });
});
