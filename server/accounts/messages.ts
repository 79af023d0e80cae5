// The words of accounts (issue 14: people who act), in English and Chinese: the API's errors about
// accounts and tokens made for them, the refusal of a disabled account's credentials, and what
// `kaohe account` and `kaohe token create --account` print. Names (an account's, a unit's) go in as
// they are, quoted with ` ` in English and “ ” in Chinese.

import { defineMessages } from '../../dsl/i18n/index.js';

/** The roles in Chinese, as the server says them (server/messages.ts roleAdmin…). */
const ROLE_ZH: Record<string, string> = { admin: '管理员', author: '编写者', evaluator: '测评员' };

/** Role codes as `--role` takes them (admin+author, or a list with commas) in Chinese words. */
export const rolesInChinese = (codes: string): string =>
  codes.split(/[+,，、\s]+/).filter(Boolean).map((r) => ROLE_ZH[r] ?? `“${r}”`).join('、');

export const A = defineMessages('accounts', {
  en: {
    // the API (handlers.ts, validate.ts, auth/)
    accountNotFound: 'account {id} not found',
    accountExists: 'an account named `{name}` exists already in this organization',
    invalidAccount: 'the account is not valid',
    nameBlank: 'the name must not be blank',
    nameTooLong: 'the name has {length} characters; at most {max} are allowed',
    rolesEmpty: 'an account needs at least one role',
    unitsEmpty: 'give at least one unit, or null for every unit',
    tooManyUnits: 'an account may name at most {max} units; it names {count}',
    unitBlank: 'a unit name must not be blank',
    unitTooLong: 'the unit name has {length} characters; at most {max} are allowed',
    unitTwice: 'the unit `{unit}` is listed twice',
    ownAccountDisable: 'you cannot disable the account you are acting for',
    ownAccountAdmin: 'you cannot take the role `admin` from the account you are acting for',
    unknownAccount: 'there is no account `{account}` in this organization',
    accountIsDisabled: 'the account `{name}` is disabled',
    roleOrAccount: 'give the token a `role`, or the `account` it acts for',
    roleWithAccount: "a token for an account takes the account's roles; leave out `role`",
    disabledCredential: 'the account `{name}` is disabled; its tokens and sessions are refused',
    // the command line (cli/commands/account.ts, token.ts)
    accountCreated: 'created account `{name}` ({roles}; units: {units}) in organization `{org}`',
    accountUpdated: 'updated account `{name}` in organization `{org}`',
    allUnits: 'all',
    noSuchOrg: 'there is no organization `{org}`',
    tokenForAccount: 'created token {id} for account `{name}` ({roles}) of organization `{org}`; it is not shown again',
    signinFor: 'one-time sign-in link for account `{name}` of organization `{org}` (it works once, for 24 hours; a newer one replaces it):',
  },
  zh: {
    accountNotFound: '账号 {id} 不存在',
    accountExists: '本组织已有名为“{name}”的账号',
    invalidAccount: '账号信息有误',
    nameBlank: '名称不能为空',
    nameTooLong: '名称有 {length} 个字符，最多 {max} 个',
    rolesEmpty: '账号至少要有一个角色',
    unitsEmpty: '请至少给出一个单位，或用“null”表示全部单位',
    tooManyUnits: '一个账号最多 {max} 个单位，现有 {count} 个',
    unitBlank: '单位名称不能为空',
    unitTooLong: '单位名称有 {length} 个字符，最多 {max} 个',
    unitTwice: '单位“{unit}”重复列出',
    ownAccountDisable: '不能停用自己正在使用的账号',
    ownAccountAdmin: '不能取消自己正在使用的账号的“admin”角色',
    unknownAccount: '本组织没有账号“{account}”',
    accountIsDisabled: '账号“{name}”已停用',
    roleOrAccount: '请为令牌指定角色“role”，或指定它代表的账号“account”',
    roleWithAccount: '账号的令牌沿用账号的角色，请不要再给出“role”',
    disabledCredential: '账号“{name}”已停用，其令牌和会话均不可用',
    accountCreated: (a) => `已在组织“${a.org}”创建账号“${a.name}”（角色：${rolesInChinese(String(a.roles))}；单位：${a.units}）`,
    accountUpdated: '已更新组织“{org}”的账号“{name}”',
    allUnits: '全部',
    noSuchOrg: '没有组织“{org}”',
    tokenForAccount: (a) => `已为组织“${a.org}”的账号“${a.name}”（角色：${rolesInChinese(String(a.roles))}）创建令牌 ${a.id}；令牌只显示这一次`,
    signinFor: '组织“{org}”账号“{name}”的一次性登录链接（只能使用一次，24 小时内有效，新链接生成后旧链接失效）：',
  },
});
