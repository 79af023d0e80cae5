// `kaohe migrate` and `kaohe db copy` (issue 17), in-process with a captured IO: a database brought to
// the schema, a SQLite database copied into an empty PostgreSQL one and verified, a second copy and a
// missing source refused in words (zh and en). The PostgreSQL half needs KAOHE_TEST_PG.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { openStore } from '../../server/store/open.js';
import { PG_URL, useTestSchema } from './store-target.js';
import { removeTempDirs, tempDir } from './helpers.js';
import { memoryIO } from '../memory-io.js';

afterAll(removeTempDirs);

const captured = () => memoryIO({}, { cwd: process.cwd() });
const AT = '2026-12-07T08:00:00.000Z';

describe('kaohe migrate', () => {
  it('brings a new SQLite file to the schema and says so', async () => {
    const db = join(tempDir(), 'new.db');
    const io = captured();
    expect(await main(['migrate', '--db', db, '--lang', 'zh'], io)).toBe(0);
    expect(io.stderr).toMatch(/已新建数据库 .*，表结构为本版本（\d+ 个迁移）/);
    const store = await openStore(db);
    expect(await store.get("SELECT name FROM sqlite_master WHERE name = 'leases'")).toBeDefined();
    await store.close();
  });

  it('refuses stray arguments with its usage', async () => {
    const io = captured();
    expect(await main(['migrate', 'now'], io)).toBe(2);
    expect(io.stderr).toContain('migrate [--db PATH|URL]');
  });
});

describe('a --db that names neither a SQLite file nor PostgreSQL', () => {
  it('is refused in words, and no file of that name is made', async () => {
    const dir = tempDir();
    for (const [target, lang, words] of [[`postgre://kaohe@127.0.0.1:1/${dir.slice(1)}/x`, 'en', /neither a SQLite file path nor a postgres:\/\/ URL/], ['mysql://x@127.0.0.1/db', 'zh', /既不是“SQLite”文件路径/]] as const) {
      const io = captured();
      expect(await main(['migrate', '--db', target, '--lang', lang], io)).toBe(1);
      expect(io.stderr).toMatch(words);
    }
    expect(existsSync(join(process.cwd(), 'mysql:'))).toBe(false);
    expect(existsSync(join(process.cwd(), 'postgre:'))).toBe(false);
  });
});

describe('kaohe db copy: refusals', () => {
  it('says there is no SQLite database at --from, and that --to must be PostgreSQL', async () => {
    for (const [lang, words] of [['en', /there is no SQLite database/], ['zh', /没有“SQLite”数据库/]] as const) {
      const io = captured();
      expect(await main(['db', 'copy', '--from', join(tempDir(), 'none.db'), '--to', 'postgres://x@127.0.0.1:1/x', '--lang', lang], io)).toBe(1);
      expect(io.stderr).toMatch(words);
    }
    const source = join(tempDir(), 'k.db');
    await (await openStore(source)).close();
    const io = captured();
    expect(await main(['db', 'copy', '--from', source, '--to', join(tempDir(), 'other.db')], io)).toBe(1);
    expect(io.stderr).toMatch(/must be a postgres:\/\/ URL/);
    expect(await main(['db', 'copy', '--from', source], captured())).toBe(2);
    // Two PostgreSQL databases (trial V13): --from is the SQLite side, said as such.
    const pgFrom = captured();
    expect(await main(['db', 'copy', '--from', 'postgres://x@127.0.0.1:1/a', '--to', 'postgres://x@127.0.0.1:1/b', '--lang', 'zh'], pgFrom)).toBe(1);
    expect(pgFrom.stderr).toMatch(/^kaohe db：“--from”须为“SQLite”文件.*pg_dump/);
  });

  it('refuses a SQLite file that is not kaohe\'s, or not a database, without changing it', async () => {
    const other = join(tempDir(), 'other.db');
    const foreign = new Database(other);
    foreign.exec('CREATE TABLE people (name TEXT)');
    foreign.close();
    const empty = join(tempDir(), 'empty.db');
    writeFileSync(empty, '');
    for (const path of [other, empty]) {
      const io = captured();
      expect(await main(['db', 'copy', '--from', path, '--to', 'postgres://x@127.0.0.1:1/x', '--lang', 'zh'], io)).toBe(1);
      expect(io.stderr).toContain('不是“kaohe”的');
    }
    const check = new Database(other, { readonly: true });
    expect((check.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name)).toEqual(['people']);
    check.close();
    expect(readFileSync(empty).length).toBe(0);
    const json = join(tempDir(), 'roster.json');
    writeFileSync(json, '{"subjects": []}'.repeat(100));
    const io = captured();
    expect(await main(['db', 'copy', '--from', json, '--to', 'postgres://x@127.0.0.1:1/x'], io)).toBe(1);
    expect(io.stderr).toMatch(/cannot be read as a SQLite database \(file is not a database\)/);
  });
});

describe.skipIf(!PG_URL)('kaohe db copy and migrate on PostgreSQL', () => {
  const { schema, url } = useTestSchema();

  it('migrates an empty database, copies a SQLite one into it verified, and refuses a second copy', async () => {
    const io0 = captured();
    expect(await main(['migrate', '--db', url], io0)).toBe(0);
    expect(io0.stderr).toContain(`search_path%3D${schema}`);
    const source = join(tempDir(), 'k.db');
    const s = await openStore(source);
    await s.run("INSERT INTO organizations (name, created_at) VALUES ('省委组织部', ?)", [AT]);
    await s.run("INSERT INTO tokens (public_id, org_id, kind, roles, hash, created_at) VALUES ('tk_1', 1, 'bearer', 'admin', 'h1', ?)", [AT]);
    await s.run("INSERT INTO schemes (org_id, name, created_at) VALUES (1, '年度考核', ?)", [AT]);
    await s.run("INSERT INTO scheme_versions (scheme_id, n, hash, status, created_by, created_at, updated_at, published_by, published_at, source) VALUES (1, 1, 'h', 'published', 1, ?, ?, 1, ?, 's')", [AT, AT, AT]);
    for (let i = 0; i < 30; i++) {
      await s.run("INSERT INTO evaluations (id, version_id, hash, token_id, kind, subject_ids, input, result, explain, lang, created_at) VALUES (?, 1, 'h', 1, 'single', '[]', '{}', ?, 0, 'zh', ?)", [`ev_${i}`, `{"得分":${i}}`, AT]);
    }
    await s.close();
    const io = captured();
    expect(await main(['db', 'copy', '--from', source, '--to', url, '--lang', 'zh'], io)).toBe(0);
    expect(io.stderr).toContain('已复制 evaluations：30 行');
    expect(io.stdout).toMatch(/^evaluations\t30\t[0-9a-f]{64}$/m);
    const again = captured();
    expect(await main(['db', 'copy', '--from', source, '--to', url, '--lang', 'en'], again)).toBe(1);
    expect(again.stderr).toMatch(/already has rows \(organizations, tokens, schemes, scheme_versions, evaluations\)/);
  });

  it('says that an empty search_path names no schema, in words', async () => {
    const io = captured();
    expect(await main(['migrate', '--db', `${PG_URL}${PG_URL!.includes('?') ? '&' : '?'}options=${encodeURIComponent('-c search_path=')}`], io)).toBe(1);
    expect(io.stderr).toMatch(/cannot be opened: the connection's search_path names no schema/);
  });
});
