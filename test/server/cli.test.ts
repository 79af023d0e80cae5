// `kaohe token create` and `kaohe serve` argument handling, run in-process with a captured IO.

import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run as token } from '../../cli/commands/token.js';
import { run as serve } from '../../cli/commands/serve.js';
import { findPrincipal } from '../../server/auth/tokens.js';
import { closeDb, openDb } from '../../server/db/client.js';
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
    const conn = openDb(db);
    const a = findPrincipal(conn, secret, 'bearer')!;
    const b = findPrincipal(conn, io2.stdout.trim(), 'bearer')!;
    expect(a.roles).toEqual(['evaluator']);
    expect(b.roles).toEqual(['admin', 'author']);
    expect(a.orgId).toBe(b.orgId);
    // Only the hash is stored.
    const rows = conn.$client.prepare('select hash from tokens').all() as { hash: string }[];
    expect(JSON.stringify(rows)).not.toContain(secret);
    closeDb(conn);
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
