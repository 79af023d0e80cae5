// `kaohe token create` and `kaohe serve` argument handling, run in-process with a captured IO; the
// database they work on (`--db` a file or a postgres:// URL, else DATABASE_URL), refused in words when
// it cannot be reached, and `kaohe serve` refusing PostgreSQL for now (issue 17). With KAOHE_TEST_PG,
// `kaohe token` and `kaohe account` run on a PostgreSQL database of their own.

import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { run as token } from '../../cli/commands/token.js';
import { run as serve } from '../../cli/commands/serve.js';
import { run as account } from '../../cli/commands/account.js';
import { storeTarget } from '../../cli/commands/store.js';
import { findPrincipal } from '../../server/auth/tokens.js';
import { placeholders, registeredCatalogs } from '../../dsl/i18n/index.js';
import { DEFAULT_DB_PATH, describeTarget } from '../../server/store/open.js';
import { openStore } from '../../server/store/open.js';
import { PG_URL } from './store-target.js';
import { removeTempDirs, tempDir } from './helpers.js';
import { memoryIO } from '../memory-io.js';

afterAll(removeTempDirs);

const captured = () => memoryIO({}, { cwd: process.cwd() });

describe('kaohe token create', () => {
  it('creates the organization if needed and prints the token once', async () => {
    const db = join(tempDir(), 'k.db');
    const io = captured();
    expect(await token(['create', '--org', '市局', '--role', 'evaluator', '--db', db], io)).toBe(0);
    const secret = io.stdout.trim();
    expect(secret).toMatch(/^kh_[\w-]+$/);
    expect(io.stderr).toContain('市局');
    const io2 = captured();
    expect(await token(['create', '--org', '市局', '--role', 'admin,author', '--db', db], io2)).toBe(0);
    const store = await openStore(db);
    const a = (await findPrincipal(store, secret, 'bearer'))!;
    const b = (await findPrincipal(store, io2.stdout.trim(), 'bearer'))!;
    expect(a.roles).toEqual(['evaluator']);
    expect(b.roles).toEqual(['admin', 'author']);
    expect(a.orgId).toBe(b.orgId);
    // Only the hash is stored.
    const rows = await store.all<{ hash: string }>('select hash from tokens');
    expect(JSON.stringify(rows)).not.toContain(secret);
    await store.close();
  });

  it.each([
    [['create', '--org', 'x', '--role', 'boss']],
    [['create', '--role', 'author']],
    [['create', '--org', 'x']],
    [['list', '--org', 'x', '--role', 'author']],
    [[]],
  ])('refuses %j with usage and exit 2', async (argv) => {
    const io = captured();
    expect(await token([...argv, '--db', join(tempDir(), 'k.db')], io)).toBe(2);
    expect(io.stderr).toMatch(/usage/);
    expect(io.stdout).toBe('');
  });
});

describe('kaohe serve arguments', () => {
  it.each([[['--port', 'abc']], [['--port', '70000']], [['extra']], [['--port']]])('refuses %j with exit 2', async (argv) => {
    const io = captured();
    expect(await serve(argv, io)).toBe(2);
    expect(io.stderr).toMatch(argv.length === 1 && argv[0] === '--port' ? /--port needs a value/ : /usage/);
  });
});

describe('the database a command works on', () => {
  const opts = (entries: [string, string][]) => new Map<string, string | true>(entries);

  it('--db (a file or a URL), else DATABASE_URL, else data/kaohe.db', () => {
    const env = { DATABASE_URL: 'postgres://kaohe@db.internal:5432/kaohe' };
    expect(storeTarget(opts([['db', 'x/k.db']]), env)).toBe('x/k.db');
    expect(storeTarget(opts([['db', 'postgresql://a@b/c']]), env)).toBe('postgresql://a@b/c');
    expect(storeTarget(opts([]), env)).toBe(env.DATABASE_URL);
    expect(storeTarget(opts([]), { DATABASE_URL: '  ' })).toBe(DEFAULT_DB_PATH);
    expect(storeTarget(opts([]), {})).toBe(DEFAULT_DB_PATH);
  });

  it('names a URL without its password', () => {
    expect(describeTarget('postgres://kaohe:s3cret@db.internal:5432/kaohe')).toBe('postgres://kaohe:***@db.internal:5432/kaohe');
    expect(describeTarget('data/kaohe.db')).toBe('data/kaohe.db');
  });

  it('a PostgreSQL server that cannot be reached is said in words (en, zh), exit 1, no token printed', async () => {
    const url = 'postgres://kaohe:pw@127.0.0.1:1/kaohe';
    for (const [lang, words] of [['en', /kaohe token: the database postgres:\/\/kaohe:\*\*\*@127\.0\.0\.1:1\/kaohe cannot be reached/], ['zh', /无法连接数据库/]] as const) {
      const io = captured();
      expect(await token(['create', '--org', 'x', '--role', 'admin', '--db', url, '--lang', lang], io)).toBe(1);
      expect(io.stderr).toMatch(words);
      expect(io.stderr).not.toMatch(/\bat \S+ \(|pw@/); // no stack trace, no password
      expect(io.stdout).toBe('');
    }
  });

  it('kaohe serve says in words that a PostgreSQL server cannot be reached, without its password', async () => {
    for (const [lang, words] of [['en', /cannot be reached/], ['zh', /无法连接数据库/]] as const) {
      const io = captured();
      expect(await serve(['--db', 'postgres://kaohe:pw@127.0.0.1:1/kaohe', '--port', '0', '--lang', lang], io)).toBe(1);
      expect(io.stderr).toMatch(words);
      expect(io.stderr).not.toContain('pw@');
    }
  });
});

describe('the words of cli/commands/store.ts', () => {
  it('says every message in zh and en, with the same placeholders, each language in its own words', () => {
    const catalog = registeredCatalogs().get('cliStore')!;
    expect(Object.keys(catalog.zh).sort()).toEqual(Object.keys(catalog.en).sort());
    for (const key of Object.keys(catalog.en)) {
      const names = placeholders(catalog.en[key]);
      expect(placeholders(catalog.zh[key]).sort(), key).toEqual([...names].sort());
      const zh = String(catalog.zh[key]).replace(/\{\w+\}/g, '');
      expect(zh.replace(/“[^”]*”/g, '').match(/[A-Za-z]{2,}/g) ?? [], `${key}: ${zh}`).toEqual([]);
      expect(zh, key).not.toMatch(/[\p{Script=Han}][,;:?!()]|[,;:?!(][\p{Script=Han}]/u);
      expect(String(catalog.en[key]), key).not.toMatch(/\p{Script=Han}/u);
    }
  });
});

describe.skipIf(!PG_URL)('kaohe token and kaohe account on PostgreSQL', () => {
  const name = `c1_cli_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  const url = () => {
    const u = new URL(PG_URL!);
    u.pathname = `/${name}`;
    return u.toString();
  };
  afterAll(() => admin(`DROP DATABASE IF EXISTS ${name}`));

  it('creates an organization, an account, its token and sign-in link in the database of the URL', async () => {
    await admin(`CREATE DATABASE ${name}`);
    const io = captured();
    expect(await token(['create', '--org', '市局', '--role', 'admin', '--db', url()], io), io.stderr).toBe(0);
    const io2 = captured();
    expect(await account(['create', '--name', '张三', '--role', 'evaluator', '--units', '综合科', '--org', '市局', '--db', url()], io2), io2.stderr).toBe(0);
    const io3 = captured();
    expect(await token(['create', '--account', '张三', '--org', '市局', '--db', url()], io3), io3.stderr).toBe(0);
    const io4 = captured();
    expect(await account(['signin', '--name', '张三', '--org', '市局', '--db', url()], io4), io4.stderr).toBe(0);
    expect(io4.stdout).toMatch(/\/signin\?code=/);
    const store = await openStore(url());
    try {
      const p = (await findPrincipal(store, io3.stdout.trim(), 'bearer'))!;
      expect(p).toMatchObject({ roles: ['evaluator'], units: ['综合科'], accountName: '张三' });
      expect((await findPrincipal(store, io.stdout.trim(), 'bearer'))!.orgId).toBe(p.orgId);
    } finally {
      await store.close();
    }
  });
});
