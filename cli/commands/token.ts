// `kaohe token create --org ORG --role admin|author|evaluator [--db PATH] [--name NAME]`: creates
// the organization if needed and prints the new token once (stdout: the token alone, so scripts can
// capture it; stderr: what was created). `--role admin,author` gives one token several roles.

import type { IO } from '../io.js';
import { parseArgs } from '../io.js';
import { createToken, findOrCreateOrg, parseRoles } from '../../server/auth/tokens.js';
import { closeDb, DEFAULT_DB_PATH, openDb } from '../../server/db/client.js';

const USAGE = 'usage: kaohe token create --org ORG --role admin|author|evaluator [--db PATH] [--name NAME]\n';

export async function run(argv: string[], io: IO): Promise<number> {
  const { args, opts } = parseArgs(argv, ['org', 'role', 'db', 'name']);
  const org = opts.get('org');
  const role = opts.get('role');
  const roles = typeof role === 'string' ? parseRoles(role) : undefined;
  if (args.length !== 1 || args[0] !== 'create' || typeof org !== 'string' || org.trim() === '' || !roles) {
    io.err(USAGE);
    return 2;
  }
  const name = opts.get('name');
  const db = openDb(String(opts.get('db') ?? DEFAULT_DB_PATH));
  try {
    const orgId = findOrCreateOrg(db, org.trim());
    const t = createToken(db, { orgId, roles, name: typeof name === 'string' ? name : undefined });
    io.out(t.secret + '\n');
    io.err(`created token ${t.publicId} (${roles.join('+')}) for organization "${org.trim()}"; it is not shown again\n`);
    return 0;
  } finally {
    closeDb(db);
  }
}
