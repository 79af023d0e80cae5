// Handlers of /api/accounts. An admin manages the accounts of its own organization only: another
// organization's account id is not found. An admin cannot lock itself out through the account it
// acts for (disable it, or take `admin` from it); tokens without an account, like the first-start
// token, are not bound by that.

import { auditNote } from '../audit/actions.js';
import type { ServerCtx } from '../context.js';
import { notFound } from '../errors.js';
import { newRouter } from '../openapi.js';
import { A } from './messages.js';
import * as routes from './routes.js';
import { createAccount, listAccounts, updateAccount, type AccountPatch } from './store.js';
import { checkName, checkRoles, checkUnits, refuseProblems, type Problem } from './validate.js';
import { said } from '../errors.js';

export function accountsRouter(ctx: ServerCtx) {
  const app = newRouter();

  app.openapi(routes.listAccounts, async (c) => c.json({ accounts: await listAccounts(ctx.store, c.get('principal').orgId) }, 200));

  app.openapi(routes.createAccount, async (c) => {
    const body = c.req.valid('json');
    const problems: Problem[] = [];
    const fields = {
      name: checkName(body.name, 'name', problems),
      roles: checkRoles(body.roles, 'roles', problems),
      units: checkUnits(body.units ?? null, 'units', problems),
    };
    refuseProblems(problems);
    const account = await createAccount(ctx.store, c.get('principal').orgId, fields);
    auditNote(c, { target: `account:${account.id}` });
    return c.json(account, 201);
  });

  app.openapi(routes.updateAccount, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const p = c.get('principal');
    const problems: Problem[] = [];
    const patch: AccountPatch = { disabled: body.disabled };
    if (body.name !== undefined) patch.name = checkName(body.name, 'name', problems);
    if (body.roles !== undefined) patch.roles = checkRoles(body.roles, 'roles', problems);
    if (body.units !== undefined) patch.units = checkUnits(body.units, 'units', problems);
    if (p.accountId === id) {
      if (body.disabled === true) problems.push({ path: 'disabled', ...said(A.ownAccountDisable()) });
      if (patch.roles !== undefined && !patch.roles.includes('admin')) problems.push({ path: 'roles', ...said(A.ownAccountAdmin()) });
    }
    refuseProblems(problems);
    const account = await updateAccount(ctx.store, p.orgId, id, patch);
    if (!account) throw notFound(A.accountNotFound({ id: String(id) }));
    return c.json(account, 200);
  });

  return app;
}
