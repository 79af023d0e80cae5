// The shapes of the accounts API (zod, shown in the OpenAPI document). Shape only — a wrong type, an
// unknown role or key is 400 `invalid_request`; the values (lengths, blank names, units listed
// twice) are validate.ts's, 422 `invalid_account` with words in the reader's language.

import { z } from '@hono/zod-openapi';
import { ROLES } from '../auth/tokens.js';
import { MAX_NAME, MAX_UNIT_NAME, MAX_UNITS } from './validate.js';

// The arrays are capped in their shape (hostile H6 F3): zod walks every element of an uncapped array
// before any value check, and 300,000 roles overflowed its stack (500). The caps stand far above the
// values validate.ts allows (roles are deduplicated there, units ≤ MAX_UNITS, said in the reader's
// language as 422), so only a body no account could have is refused here, 400, before its elements.
/** The most roles (duplicates included) and unit names a request may list. */
export const MAX_ROLES_SENT = 10 * ROLES.length;
export const MAX_UNITS_SENT = 10 * MAX_UNITS;

const Name = z.string().openapi({ description: `the person's name, 1–${MAX_NAME} characters, unique in the organization`, example: '张三' });
const Roles = z.array(z.enum(ROLES)).max(MAX_ROLES_SENT).openapi({ description: 'at least one of admin, author, evaluator', example: ['evaluator'] });
const Units = z
  .array(z.string())
  .max(MAX_UNITS_SENT)
  .nullable()
  .openapi({
    description: `the units whose people the account sees and submits for (1–${MAX_UNITS} names of 1–${MAX_UNIT_NAME} characters); null: every unit`,
    example: ['综合科', '财务科'],
  });

export const AccountSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    roles: z.array(z.enum(ROLES)),
    units: z.array(z.string()).nullable().openapi({ description: 'null: every unit' }),
    disabled: z.boolean(),
    createdAt: z.string(),
    disabledAt: z.string().nullable(),
  })
  .openapi('Account');

export const NewAccountBody = z.object({ name: Name, roles: Roles, units: Units.optional() }).strict().openapi('NewAccountBody');

export const AccountPatchBody = z
  .object({
    name: Name.optional(),
    roles: Roles.optional(),
    units: Units.optional(),
    disabled: z.boolean().optional().openapi({ description: "true: the account's tokens and sessions are refused (nothing is revoked); false: they work again" }),
  })
  .strict()
  .openapi('AccountPatchBody');

export const AccountParams = z.object({
  id: z
    .string()
    .regex(/^[1-9][0-9]{0,14}$/, 'an account id (a whole number)')
    .transform(Number)
    .openapi({ param: { name: 'id', in: 'path' }, example: '1' }),
});
