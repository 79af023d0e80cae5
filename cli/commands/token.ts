// `kaohe token create --org ORG --role admin|author|evaluator [--db PATH] [--name NAME]`: creates
// the organization if needed and prints the new token once (stdout: the token alone, so scripts can
// capture it; stderr: what was created, in the language of `--lang` or the environment).
// `--role admin,author` gives one token several roles.

import { render } from '../../dsl/i18n/index.js';
import { C } from '../messages.js';
import type { IO } from '../io.js';
import { langOrReport, parseArgs, usage } from '../io.js';
import { createToken, findOrCreateOrg, parseRoles } from '../../server/auth/tokens.js';
import { closeDb, DEFAULT_DB_PATH, openDb } from '../../server/db/client.js';

const SYNOPSIS = 'kaohe token create --org ORG --role admin|author|evaluator [--db PATH] [--name NAME] [--lang zh|en]';

export async function run(argv: string[], io: IO): Promise<number> {
  const { args, opts } = parseArgs(argv, ['org', 'role', 'db', 'name', 'lang']);
  const locale = langOrReport(io, 'token', opts);
  if (!locale) return 2;
  const org = opts.get('org');
  const role = opts.get('role');
  const roles = typeof role === 'string' ? parseRoles(role) : undefined;
  if (args.length !== 1 || args[0] !== 'create' || typeof org !== 'string' || org.trim() === '' || !roles) {
    io.err(usage(SYNOPSIS, locale));
    return 2;
  }
  const name = opts.get('name');
  const db = openDb(String(opts.get('db') ?? DEFAULT_DB_PATH));
  try {
    const orgId = findOrCreateOrg(db, org.trim());
    const t = createToken(db, { orgId, roles, name: typeof name === 'string' ? name : undefined });
    io.out(t.secret + '\n');
    io.err(`${render(C.tokenCreated({ id: t.publicId, roles: roles.join('+'), org: org.trim() }), locale)}\n`);
    return 0;
  } finally {
    closeDb(db);
  }
}
