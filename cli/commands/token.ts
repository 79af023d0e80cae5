// `kaohe token create --org ORG --role admin|author|evaluator [--db PATH|URL] [--name NAME]`: creates
// the organization if needed and prints the new token once (stdout: the token alone, so scripts can
// capture it; stderr: what was created, in the language of `--lang` or the environment).
// `--role admin,author` gives one token several roles. `kaohe token create --account NAME [--org ORG]`
// makes a token acting for an account (`kaohe account create`): it takes the account's roles and
// units; the organization then defaults to `default`. The database: `--db` (a SQLite file or a
// postgres:// URL), else DATABASE_URL (./store.ts).

import { render, type Locale } from '../../dsl/i18n/index.js';
import { A } from '../../server/accounts/messages.js';
import { findAccountByName } from '../../server/accounts/store.js';
import { DEFAULT_ORG, existingOrg } from './account.js';
import { C } from '../messages.js';
import type { IO } from '../io.js';
import { langOrReport, parseArgs, progLine, usage } from '../io.js';
import { createToken, findOrCreateOrg, parseRoles, rolesFromColumn } from '../../server/auth/tokens.js';
import type { Store } from '../../server/store/types.js';
import { storeTarget, withStore } from './store.js';

const SYNOPSIS = 'kaohe token create --org ORG --role admin|author|evaluator [--db PATH|URL] [--name NAME] [--lang zh|en] | token create --account NAME [--org ORG] [--db PATH|URL] [--name NAME]';

const VALUED = ['org', 'role', 'db', 'name', 'lang', 'account'];

export async function run(argv: string[], io: IO): Promise<number> {
  const { args, opts } = parseArgs(argv, VALUED);
  const locale = langOrReport(io, 'token', opts, { argv, valued: VALUED, hints: { role: 'admin | author | evaluator', db: 'PATH' } });
  if (!locale) return 2;
  if (opts.has('account')) return forAccount(args, opts, io, locale);
  const org = opts.get('org');
  const role = opts.get('role');
  const roles = typeof role === 'string' ? parseRoles(role) : undefined;
  if (args.length !== 1 || args[0] !== 'create' || typeof org !== 'string' || org.trim() === '' || !roles) {
    io.err(usage(SYNOPSIS, locale));
    return 2;
  }
  const name = opts.get('name');
  return withStore(storeTarget(opts), io, locale, 'token', async (store) => {
    const orgId = await findOrCreateOrg(store, org.trim());
    const t = await createToken(store, { orgId, roles, name: typeof name === 'string' ? name : undefined });
    io.out(t.secret + '\n');
    io.err(`${render(C.tokenCreated({ id: t.publicId, roles: roles.join('+'), org: org.trim() }), locale)}\n`);
    return 0;
  });
}

/** `token create --account NAME`: a token acting for an existing, enabled account. */
async function forAccount(args: string[], opts: Map<string, string | true>, io: IO, locale: Locale): Promise<number> {
  const account = opts.get('account');
  const org = opts.get('org') ?? DEFAULT_ORG;
  const name = opts.get('name');
  if (args.length !== 1 || args[0] !== 'create' || typeof account !== 'string' || account.trim() === '' || typeof org !== 'string' || org.trim() === '' || opts.has('role') || name === true) {
    io.err(usage(SYNOPSIS, locale));
    return 2;
  }
  return withStore(storeTarget(opts), io, locale, 'token', (store) => tokenForAccount(store, io, locale, org.trim(), account.trim(), name));
}

async function tokenForAccount(store: Store, io: IO, locale: Locale, org: string, account: string, name: string | undefined): Promise<number> {
  const orgId = await existingOrg(store, io, org, locale);
  if (orgId === undefined) return 1;
  const row = await findAccountByName(store, orgId, account);
  const refusal = !row ? A.unknownAccount({ account }) : row.disabledAt !== null ? A.accountIsDisabled({ name: row.name }) : undefined;
  if (!row || refusal) {
    io.err(progLine('kaohe token', render(refusal!, locale), locale));
    return 1;
  }
  const roles = rolesFromColumn(row.roles);
  const t = await createToken(store, { orgId, roles, name, accountId: row.id });
  io.out(t.secret + '\n');
  io.err(`${render(A.tokenForAccount({ id: t.publicId, name: row.name, roles: roles.join('+'), org }), locale)}\n`);
  return 0;
}
