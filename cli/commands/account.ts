// `kaohe account create --name 张三 --role evaluator [--units 综合科,财务科] [--org ORG] [--db PATH|URL]`:
// a named account (issue 14: people who act) — roles, and the units whose people it sees (omitted:
// every unit). `kaohe account signin --name 张三 [--url BASE]` prints a one-time sign-in link for
// that person (stdout: the link alone), which opens a browser session acting for the account; a newer
// link for the same account replaces an unused older one. The organization defaults to `default`,
// the one `kaohe serve` creates on first start. Values are checked as the API checks them
// (server/accounts/validate.ts); a problem is printed with the option it concerns, exit 2. The
// database: `--db` (a SQLite file or a postgres:// URL), else DATABASE_URL (./store.ts).

import { messageText } from '../../dsl/diagnostics.js';
import { render, type Locale } from '../../dsl/i18n/index.js';
import type { IO } from '../io.js';
import { langOrReport, parseArgs, progLine, usage } from '../io.js';
import { A } from '../../server/accounts/messages.js';
import { createAccount, findAccountByName } from '../../server/accounts/store.js';
import { checkName, checkRoles, checkUnits, type Problem } from '../../server/accounts/validate.js';
import { issueSigninCode } from '../../server/auth/signin.js';
import { findOrCreateOrg, parseRoles, rolesFromColumn } from '../../server/auth/tokens.js';
import { ApiError } from '../../server/errors.js';
import type { Sql, Store } from '../../server/store/types.js';
import { storeTarget, withStore } from './store.js';

const SYNOPSIS = 'kaohe account create --name NAME --role admin|author|evaluator [--units U1,U2] [--org ORG] [--db PATH|URL] | account signin --name NAME [--url BASE] [--org ORG] [--db PATH|URL]';
export const DEFAULT_ORG = 'default';
const DEFAULT_URL = 'http://127.0.0.1:8787';

/** `综合科,财务科` (a full-width comma too) as unit names; blanks are kept for the check to name. */
const splitUnits = (text: string): string[] => text.split(/[,，]/);

/** The organization's id, or undefined (said on stderr) when it does not exist. */
export async function existingOrg(sql: Sql, io: IO, org: string, locale: Locale): Promise<number | undefined> {
  const row = await sql.get<{ id: number }>('SELECT id FROM organizations WHERE name = ?', [org]);
  if (!row) io.err(`kaohe: ${render(A.noSuchOrg({ org }), locale)}\n`);
  return row?.id;
}

const VALUED = ['name', 'role', 'units', 'org', 'db', 'url', 'lang'];

export async function run(argv: string[], io: IO): Promise<number> {
  const { args, opts } = parseArgs(argv, VALUED);
  const locale = langOrReport(io, 'account', opts, { argv, valued: VALUED, hints: { units: 'U1,U2', db: 'PATH' } });
  if (!locale) return 2;
  const str = (k: string) => (typeof opts.get(k) === 'string' ? (opts.get(k) as string) : undefined);
  const name = str('name');
  const org = (str('org') ?? DEFAULT_ORG).trim();
  const [sub] = args;
  const known = sub === 'create' ? ['name', 'role', 'units', 'org', 'db', 'lang'] : ['name', 'url', 'org', 'db', 'lang'];
  if (args.length !== 1 || (sub !== 'create' && sub !== 'signin') || name === undefined || org === '' || [...opts.keys()].some((k) => !known.includes(k) || opts.get(k) === true)) {
    io.err(usage(SYNOPSIS, locale));
    return 2;
  }
  return withStore(storeTarget(opts), io, locale, 'account', (store) =>
    sub === 'create' ? create(store, io, locale, org, name, str('role'), str('units')) : signin(store, io, locale, org, name, str('url') ?? DEFAULT_URL));
}

async function create(store: Store, io: IO, locale: Locale, org: string, name: string, role: string | undefined, units: string | undefined): Promise<number> {
  const roles = role === undefined ? undefined : parseRoles(role);
  if (!roles) {
    io.err(usage(SYNOPSIS, locale));
    return 2;
  }
  const problems: Problem[] = [];
  const fields = {
    name: checkName(name, 'name', problems),
    roles: checkRoles(roles, 'role', problems),
    units: checkUnits(units === undefined ? null : splitUnits(units), 'units', problems),
  };
  if (problems.length > 0) {
    for (const p of problems) io.err(`kaohe account: --${p.path.replace(/\[\d+\]$/, '')}: ${render(p.msg, locale)}\n`);
    return 2;
  }
  try {
    const a = await createAccount(store, await findOrCreateOrg(store, org), fields);
    const unitText = a.units === null ? A.allUnits() : a.units;
    io.out(`${a.id}\n`);
    io.err(`${render(A.accountCreated({ name: a.name, roles: a.roles.join('+'), units: unitText, org }), locale)}\n`);
    return 0;
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    io.err(progLine('kaohe account', messageText(e.msg, locale), locale));
    return 1;
  }
}

async function signin(store: Store, io: IO, locale: Locale, org: string, name: string, url: string): Promise<number> {
  const orgId = await existingOrg(store, io, org, locale);
  if (orgId === undefined) return 1;
  const account = await findAccountByName(store, orgId, name.trim());
  if (!account) {
    io.err(progLine('kaohe account', render(A.unknownAccount({ account: name }), locale), locale));
    return 1;
  }
  if (account.disabledAt !== null) {
    io.err(progLine('kaohe account', render(A.accountIsDisabled({ name: account.name }), locale), locale));
    return 1;
  }
  const code = await issueSigninCode(store, orgId, rolesFromColumn(account.roles), account.id);
  io.err(`${render(A.signinFor({ name: account.name, org }), locale)}\n`);
  io.out(`${url.replace(/\/+$/, '')}/signin?code=${code}\n`);
  return 0;
}
