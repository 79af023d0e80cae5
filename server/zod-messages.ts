// The words of a request that does not match the API, per zod issue (zod-issues.ts turns each issue
// into one of these). zod's own messages are English only ("Too small: expected number to be >=0");
// these say the same in the reader's language and read as the server's other details do: a short
// phrase about the value at the detail's `path`. Type and format names are messages of their own,
// rendered inside the sentence in the same locale; values and keys from the request are quoted.

import { defineMessages, render, type MsgArgs } from '../dsl/i18n/index.js';

const plural = (n: string, one: string, many: string) => (n === '1' ? one : many);

/** "a string or a number": the alternatives of a union, each rendered in English. */
const orList = (raw: MsgArgs): string => {
  const types = Array.isArray(raw.types) ? raw.types : [];
  return types.map((t) => (typeof t === 'object' && !Array.isArray(t) ? render(t as never, 'en') : String(t))).join(' or ');
};

export const Z = defineMessages('validation', {
  en: {
    // invalid_type (and a union whose every branch wants another type)
    invalidType: 'expected {expected}, received {received}',
    missing: 'required: expected {expected}',
    anyOf: (_a, raw) => orList(raw),
    typeString: 'a string',
    typeNumber: 'a number',
    typeInteger: 'an integer',
    typeBoolean: 'a boolean (`true` or `false`)',
    typeNull: '`null`',
    typeArray: 'an array',
    typeObject: 'an object',
    typeDate: 'a date',
    typeNaN: '`NaN`',
    typeNamed: '`{name}`',
    // too_small / too_big
    notEmpty: 'must not be empty',
    atLeast: 'must be at least {limit}',
    greaterThan: 'must be greater than {limit}',
    atMost: 'must be at most {limit}',
    lessThan: 'must be less than {limit}',
    exactly: 'must be exactly {limit}',
    haveAtLeast: 'must have at least {count}',
    haveMoreThan: 'must have more than {count}',
    haveAtMost: 'must have at most {count}',
    // a `__proto__` key of a record (record-keys.ts): JavaScript would drop it without a word
    protoKey: 'the key “__proto__” cannot be used as a name; rename the column or field',
    haveFewerThan: 'must have fewer than {count}',
    haveExactly: 'must have exactly {count}',
    characters: (a) => `${a.n} ${plural(a.n, 'character', 'characters')}`,
    items: (a) => `${a.n} ${plural(a.n, 'item', 'items')}`,
    entries: (a) => `${a.n} ${plural(a.n, 'entry', 'entries')}`,
    bytes: (a) => `${a.n} ${plural(a.n, 'byte', 'bytes')}`,
    // invalid_value (literals, enums), unrecognized_keys
    oneValue: 'must be {value}',
    oneOf: 'must be one of {values}',
    quoted: '`{value}`',
    unknownKeys: (a, raw) => `unrecognized ${Array.isArray(raw.keys) && raw.keys.length > 1 ? 'keys' : 'key'}: ${a.keys}`,
    manyUnknownKeys: '{count} unrecognized keys: {keys} …',
    // invalid_format
    pattern: 'must match the pattern `{pattern}`',
    startsWith: 'must start with `{prefix}`',
    endsWith: 'must end with `{suffix}`',
    includes: 'must contain `{includes}`',
    format: 'must be {format}',
    formatEmail: 'an email address',
    formatUrl: 'a URL',
    formatDate: 'a date (`YYYY-MM-DD`)',
    formatDatetime: 'a date and time (ISO 8601)',
    formatTime: 'a time (`HH:MM[:SS]`)',
    formatDuration: 'a duration (ISO 8601)',
    formatNamed: 'a valid `{name}`',
    // not_multiple_of, unions, records and maps, refinements without words of their own
    multipleOf: 'must be a multiple of {divisor}',
    noBranch: 'matches none of the allowed forms',
    manyBranches: 'matches more than one of the allowed forms',
    invalidKey: 'has an invalid key',
    invalidElement: 'has an invalid value',
    invalid: 'is not valid',
    // Words the server's schemas give their own checks (`.regex(re, 'a version number')`): found by
    // this English (zod-issues.ts), so a zh reader gets them in zh whichever route's schema says them.
    versionNumber: 'a version number',
    versionOrDraft: 'a version number or "draft"',
    versionOrDraftPath: 'a version number or draft',
    visibleAscii: 'visible ASCII characters only',
    accountId: 'an account id (a whole number)',
    orderNumber: 'the order must be a number',
    // A check's own English words that no message of the server's gives: kept in English (the kind's
    // words when a check gave empty ones), and in another language the words of the check's kind
    // (never English in a zh answer).
    routeWords: (a) => {
      const kind = a.generic;
      return a.text.trim() === '' ? kind : a.text;
    },
  },
  zh: {
    invalidType: '应为{expected}，实际为{received}',
    missing: '缺少此项，应为{expected}',
    anyOf: '{types}之一',
    typeString: '字符串',
    typeNumber: '数值',
    typeInteger: '整数',
    typeBoolean: '布尔值（“true”或“false”）',
    typeNull: '空值（“null”）',
    typeArray: '数组',
    typeObject: '对象',
    typeDate: '日期',
    typeNaN: '非数值（“NaN”）',
    typeNamed: '“{name}”',
    notEmpty: '不能为空',
    atLeast: '不得小于 {limit}',
    greaterThan: '须大于 {limit}',
    atMost: '不得大于 {limit}',
    lessThan: '须小于 {limit}',
    exactly: '须等于 {limit}',
    haveAtLeast: '至少须有 {count}',
    haveMoreThan: '须多于 {count}',
    haveAtMost: '最多只能有 {count}',
    protoKey: '“__proto__”不能用作名称，请修改该列或字段的名称',
    haveFewerThan: '须少于 {count}',
    haveExactly: '须恰好有 {count}',
    characters: '{n} 个字符',
    items: '{n} 项',
    entries: '{n} 项',
    bytes: '{n} 字节',
    oneValue: '须为{value}',
    oneOf: '须为以下之一：{values}',
    quoted: '“{value}”',
    unknownKeys: '无法识别的键：{keys}',
    manyUnknownKeys: '{count} 个无法识别的键：{keys}……',
    pattern: '须符合模式“{pattern}”',
    startsWith: '须以“{prefix}”开头',
    endsWith: '须以“{suffix}”结尾',
    includes: '须包含“{includes}”',
    format: '须为{format}',
    formatEmail: '电子邮件地址',
    formatUrl: '网址（“URL”）',
    formatDate: '日期（“YYYY-MM-DD”）',
    formatDatetime: '日期时间（“ISO 8601”）',
    formatTime: '时间（“HH:MM[:SS]”）',
    formatDuration: '时长（“ISO 8601”）',
    formatNamed: '有效的“{name}”',
    multipleOf: '须为 {divisor} 的倍数',
    noBranch: '不符合任何一种允许的形式',
    manyBranches: '同时符合多种允许的形式',
    invalidKey: '含有无效的键',
    invalidElement: '含有无效的值',
    invalid: '取值无效',
    versionNumber: '须为版本号（正整数）',
    versionOrDraft: '须为版本号（正整数）或“draft”',
    versionOrDraftPath: '须为版本号（正整数）或“draft”',
    visibleAscii: '只能包含可见的“ASCII”字符',
    accountId: '须为账号编号（正整数）',
    orderNumber: '排序值（“order”）须为数值',
    routeWords: (a) => a.generic,
  },
});
