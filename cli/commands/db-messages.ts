// The words of `kaohe migrate` and `kaohe db copy` (issue 17), zh and en.

import { defineMessages } from '../../dsl/i18n/index.js';

export const D = defineMessages('cliDb', {
  en: {
    migrated: 'the database {where} has this version\'s schema ({n} migrations applied in all)',
    copyTable: 'copied {table}: {rows} rows',
    copied: 'copied {from} to {to} in {seconds} s; every table verified (rows and SHA-256 read back):',
    fromMissing: 'there is no SQLite database at {path}',
    fromNotKaohe: '{path} is a SQLite database, but not kaohe\'s (it has no evaluations table): nothing was copied, and the file was not changed',
    fromUnreadable: '{path} cannot be read as a SQLite database ({why}): nothing was copied',
    raced: 'another copy into {where} was writing the same rows at the same time: nothing of this one was kept; look at the destination before trying again',
    toNotPostgres: '--to must be a postgres:// URL (the copy goes from SQLite to PostgreSQL)',
    notEmpty: 'the destination {where} already has rows ({tables}): copy into an empty database (run `kaohe migrate --db URL` on a new one)',
    mismatch: 'the copy of table {table} did not verify{rows}; nothing was kept (the destination is as before)',
    mismatchRows: ' (rows {rows})',
  },
  zh: {
    migrated: '数据库 {where} 的表结构已是本版本（共应用 {n} 个迁移）',
    copyTable: '已复制 {table}：{rows} 行',
    copied: '已将 {from} 复制到 {to}，用时 {seconds} 秒；每张表均已核对（读回后的行数和“SHA-256”）：',
    fromMissing: '{path} 处没有“SQLite”数据库',
    fromNotKaohe: '{path} 是“SQLite”数据库，但不是“kaohe”的（没有评估表）：未复制任何内容，该文件也未被改动',
    fromUnreadable: '无法把 {path} 作为“SQLite”数据库读取（{why}）：未复制任何内容',
    raced: '另一次复制正同时向 {where} 写入相同的记录：本次复制未保留任何内容；请先查看目标数据库再重试',
    toNotPostgres: '“--to”须为“postgres://”地址（从“SQLite”复制到“PostgreSQL”）',
    notEmpty: '目标数据库 {where} 已有数据（{tables}）：请复制到空数据库（新库可先运行“kaohe migrate --db URL”）',
    mismatch: '表 {table} 复制后核对不一致{rows}；未保留任何内容（目标数据库保持原样）',
    mismatchRows: '（行 {rows}）',
  },
});
