// `kaohe account create|signin` and `kaohe token create --account`, run in-process with a captured IO
// against a real SQLite file: the account's roles and units reach the token and the browser session.

import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run as account } from '../../cli/commands/account.js';
import { run as token } from '../../cli/commands/token.js';
import { findPrincipal } from '../../server/auth/tokens.js';
import { closeDb, openDb } from '../../server/db/client.js';
import { sqliteStore } from '../../server/db/sqlite/store.js';
import { SESSION_COOKIE } from '../../server/auth/signin.js';
import { appFor, removeTempDirs, tempDir } from './helpers.js';
import { memoryIO } from '../memory-io.js';

afterAll(removeTempDirs);

const io = () => memoryIO({}, { cwd: process.cwd() });

/** Runs `command` with `argv` and a captured IO, expecting exit `code`; answers the IO. */
async function ran(command: typeof account, argv: string[], code: number) {
  const out = io();
  expect(await command(argv, out), argv.join(' ')).toBe(code);
  return out;
}

describe('kaohe account', () => {
  it('creates an account, a token for it and a sign-in link that opens a session acting for it', async () => {
    const db = join(tempDir(), 'k.db');
    const made = await ran(account, ['create', '--name', '张三', '--role', 'evaluator', '--units', '综合科，财务科', '--db', db, '--lang', 'zh'], 0);
    expect(made.stderr).toContain('已在组织“default”创建账号“张三”（角色：测评员；单位：综合科、财务科）');
    const t = await ran(token, ['create', '--account', '张三', '--db', db], 0);
    expect(t.stderr).toContain('for account `张三` (evaluator)');
    const s = await ran(account, ['signin', '--name', '张三', '--url', 'http://kaohe.example:9000/', '--db', db], 0);
    const link = s.stdout.trim();
    expect(link).toMatch(/^http:\/\/kaohe\.example:9000\/signin\?code=khc_[\w-]+$/);

    const conn = openDb(db);
    try {
      const p = (await findPrincipal(sqliteStore(conn.$client), t.stdout.trim(), 'bearer'))!;
      expect(p).toMatchObject({ roles: ['evaluator'], accountName: '张三', units: ['综合科', '财务科'] });
      const app = await appFor(conn);
      const signin = await app.request(`/signin?code=${new URL(link).searchParams.get('code')}`);
      expect(signin.status).toBe(302);
      const cookie = new RegExp(`${SESSION_COOKIE}=[^;]+`).exec(signin.headers.get('set-cookie')!)![0];
      const me = await app.request('/api/me', { headers: { cookie } });
      expect(await me.json()).toMatchObject({ organization: 'default', roles: ['evaluator'], account: { name: '张三', units: ['综合科', '财务科'] } });
    } finally {
      closeDb(conn);
    }
  });

  it('refuses bad values with the option they concern, a taken name, an unknown account or organization', async () => {
    const db = join(tempDir(), 'k.db');
    const bad = await ran(account, ['create', '--name', ' ', '--role', 'author', '--units', '综合科,,综合科', '--db', db], 2);
    expect(bad.stderr.trim().split('\n')).toEqual([
      'kaohe account: --name: the name must not be blank',
      'kaohe account: --units: a unit name must not be blank',
      'kaohe account: --units: the unit `综合科` is listed twice',
    ]);
    await ran(account, ['create', '--name', '李四', '--role', 'admin', '--db', db], 0);
    expect((await ran(account, ['create', '--name', '李四', '--role', 'admin', '--db', db], 1)).stderr).toContain('an account named `李四` exists already');
    expect((await ran(token, ['create', '--account', '王五', '--db', db], 1)).stderr).toContain('there is no account `王五`');
    const noOrg = await ran(account, ['signin', '--name', '李四', '--org', '外单位', '--db', db], 1);
    expect(noOrg.stderr).toContain('there is no organization `外单位`');
    expect(noOrg.stdout).toBe('');
  });

  it.each([
    [['create', '--name', '张三']],
    [['create', '--name', '张三', '--role', 'boss']],
    [['create', '--role', 'author']],
    [['create', '--name', '张三', '--role', 'author', '--url', 'x']],
    [['signin']],
    [['remove', '--name', '张三']],
    [[]],
  ])('refuses %j with usage and exit 2', async (argv) => {
    const out = await ran(account, [...argv, '--db', join(tempDir(), 'k.db')], 2);
    expect(out.stderr).toMatch(/usage/);
    expect(out.stdout).toBe('');
  });

  it('token create --account refuses --role beside it', async () => {
    const out = await ran(token, ['create', '--account', '张三', '--role', 'admin', '--db', join(tempDir(), 'k.db')], 2);
    expect(out.stderr).toMatch(/usage/);
  });
});
