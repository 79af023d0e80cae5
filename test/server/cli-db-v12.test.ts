// `kaohe migrate` and `kaohe db` after trial V12: migrate says what it did — a new database made, one
// migrated from n to m, or one up to date — and refuses a SQLite path whose folder does not exist
// instead of making both; `kaohe db` names what is wrong (subcommand, option, --from/--to missing)
// before its usage, exit 2; `db copy` warns, first and last, when the SQLite file is open in another
// program (its -wal file is there: a server still writing), and its summary line no longer ends in a
// colon whose list went to standard output. The PostgreSQL half needs KAOHE_TEST_PG.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { openStore } from '../../server/store/open.js';
import { PG_URL, useTestSchema } from './store-target.js';
import { removeTempDirs, tempDir } from './helpers.js';
import { memoryIO } from '../memory-io.js';

afterAll(removeTempDirs);

async function kaohe(args: string[]) {
  const io = memoryIO({}, { cwd: process.cwd() });
  const code = await main(args, io);
  return { code, stderr: io.stderr, stdout: io.stdout };
}

describe('kaohe migrate says what it did', () => {
  it('a new SQLite file: made; an existing one: its schema', async () => {
    const db = join(tempDir(), 'new.db');
    const made = await kaohe(['migrate', '--db', db, '--lang', 'zh']);
    expect(made.code).toBe(0);
    expect(made.stderr).toMatch(/^已新建数据库 .*new\.db，表结构为本版本（\d+ 个迁移），尚无数据\n$/);
    const again = await kaohe(['migrate', '--db', db]);
    expect(again.stderr).toMatch(/^the database .*new\.db has this version's schema \(\d+ migrations applied in all\)\n$/);
  });

  it('refuses a path whose folder does not exist, and makes nothing (migrate, serve, token)', async () => {
    const dir = join(tempDir(), 'kaoeh');
    for (const [args, lang, words] of [
      [['migrate'], 'en', /^kaohe migrate: there is no folder .*kaoeh for the SQLite database .*kaoeh\/k\.db: nothing was made/],
      [['serve', '--port', '0'], 'zh', /^kaohe serve：没有目录 .*kaoeh，无法在其中建立“SQLite”数据库/],
      [['token', 'create', '--org', 'x', '--role', 'admin'], 'en', /^kaohe token: there is no folder/],
    ] as const) {
      const r = await kaohe([...args, '--db', join(dir, 'k.db'), '--lang', lang]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(words);
    }
    expect(existsSync(dir)).toBe(false);
  });
});

describe('kaohe db: what is wrong, before the usage', () => {
  it.each([
    [[], 'en', "kaohe db: say what to do: `kaohe db copy` (the one subcommand)"],
    [['cpy'], 'en', "kaohe db: there is no subcommand 'cpy': `kaohe db` has one, `copy`"],
    [['cpy'], 'zh', 'kaohe db：没有子命令“cpy”：“kaohe db”只有“copy”一个子命令'],
    [['copy', '--form', 'a.db', '--to', 'postgres://x@h/db'], 'en', 'kaohe db: unknown option --form; did you mean --from?'],
    [['copy', 'a.db', 'postgres://x@h/db'], 'en', "kaohe db: one argument too many: 'a.db' (the source and destination are --from and --to)"],
    [['copy', '--from', 'a.db'], 'zh', 'kaohe db：“copy”须同时写“--from FILE.db”（要读取的“SQLite”文件）和“--to postgres://…”（要写入的“PostgreSQL”数据库）'],
  ])('%j (%s)', async (args, lang, line) => {
    const r = await kaohe(['db', ...args, '--lang', lang]);
    expect(r.code).toBe(2);
    const [first, second] = r.stderr.split('\n');
    expect(first).toBe(line);
    expect(second).toMatch(/^(usage|用法)/);
  });
});

describe('kaohe db copy: a source another program has open', () => {
  it('warns when the file\'s -wal is there (a server still has it open), not when it was closed', async () => {
    const source = join(tempDir(), 'k.db');
    const server = await openStore(source);
    await server.run("INSERT INTO organizations (name, created_at) VALUES ('x', '2026-12-07T08:00:00.000Z')");
    try {
      for (const [lang, words] of [['en', /^kaohe db: warning: .*k\.db is open in another program, or was not closed cleanly \(.*k\.db-wal exists, last written \d+ s ago\): is a kaohe server still using it\?/], ['zh', /^kaohe db：注意：.*k\.db 正被其他程序打开/]] as const) {
        // An unreachable destination: the warning comes before the destination is opened.
        const r = await kaohe(['db', 'copy', '--from', source, '--to', 'postgres://x@127.0.0.1:1/x', '--lang', lang]);
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(words);
      }
    } finally {
      await server.close();
    }
    expect(existsSync(`${source}-wal`)).toBe(false);
    const closed = await kaohe(['db', 'copy', '--from', source, '--to', 'postgres://x@127.0.0.1:1/x']);
    expect(closed.code).toBe(1);
    expect(closed.stderr).not.toMatch(/warning/);
  });
});

describe.skipIf(!PG_URL)('kaohe migrate and db copy on PostgreSQL (V12)', () => {
  const { url } = useTestSchema();

  it('migrate: made, then up to date', async () => {
    const made = await kaohe(['migrate', '--db', url]);
    expect(made.stderr).toMatch(/^made the new database postgres:.* with this version's schema \((\d+) migrations\): it has no data yet\n$/);
    const again = await kaohe(['migrate', '--db', url, '--lang', 'zh']);
    expect(again.stderr).toMatch(/^数据库 postgres:.* 原已是最新（\d+ 个迁移），未作改动\n$/);
  });

  it('db copy of an open source: copied, the warning first and last, the summary without a trailing colon', async () => {
    const source = join(tempDir(), 'open.db');
    const server = await openStore(source);
    await server.run("INSERT INTO organizations (name, created_at) VALUES ('省委组织部', '2026-12-07T08:00:00.000Z')");
    try {
      const r = await kaohe(['db', 'copy', '--from', source, '--to', url]);
      expect(r.code, r.stderr).toBe(0);
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines[0]).toMatch(/^kaohe db: warning: /);
      expect(lines.at(-1)).toBe(lines[0]);
      expect(lines.at(-2)).toMatch(/every table verified \(rows and SHA-256 read back; the list is on standard output\)$/);
      expect(r.stdout).toMatch(/^organizations\t1\t[0-9a-f]{64}$/m);
    } finally {
      await server.close();
    }
  });
});
