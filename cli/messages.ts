// The words the `kaohe` command prints itself — usage, its own errors, the `test` report, the `serve`
// banner — in English and Chinese (dsl/i18n). Diagnostics and engine errors come with their own
// catalogs. Command lines, options and file names are code: they go in as arguments (`{synopsis}`,
// `{prog}`) and are never translated. The language is `--lang zh|en`, else the locale of the
// environment (LC_ALL, LC_MESSAGES, LANG), else English (cli/io.ts `cliLocale`).

import { defineMessages } from '../dsl/i18n/index.js';

export const C = defineMessages('cli', {
  en: {
    // ---- usage
    usage: 'usage: {synopsis}',
    usageAll: 'usage: kaohe <command> [options]   (every command takes --lang zh|en)',
    does_check: 'report diagnostics (--json for an array)',
    does_fmt: 'print in canonical layout, or rewrite (--write) or list unformatted files (--check)',
    does_eval: 'evaluate one subject or a cohort: INPUT .json/.jsonl/.csv/.xlsx; --out .json/.csv/.xlsx',
    does_template: 'a roster template from the scheme\'s inputs',
    does_test: 'run the scheme\'s example blocks',
    does_export: 'the rule sections as json-rules-engine rules',
    does_serve: 'the HTTP API and the editor',
    does_token: 'create an API token',
    // ---- errors of the command line
    unknownCommand: '{prog}: unknown command \'{command}\'',
    unknownOption: '{prog}: unknown option --{option}',
    badLang: '{prog}: --lang must be zh or en, not \'{value}\'',
    cannotRead: '{prog}: cannot read {path}: {why}',
    noSuchFile: 'no such file',
    noPermission: 'permission denied',
    isDirectory: 'it is a directory',
    internalError: '{prog}: internal error while checking {path}: {message}',
    unknownFormat: '{prog}: unknown format \'{format}\'; the formats are: {formats}',
    // ---- kaohe test
    exampleTitle: '{name} (line {line})',
    exampleTitleLabel: '{name} "{label}" (line {line})',
    noExamples: '(no examples)',
    failedSides: '{where}: expect {expect}: left {left}, right {right}',
    failedMessage: '{where}: expect {expect}: {message}',
    summary: '{passed} passed, {failed} failed',
    // ---- kaohe token
    tokenCreated: 'created token {id} ({roles}) for organization "{org}"; it is not shown again',
    // ---- kaohe serve
    serving: 'kaohe serving on {url}  (database {db})',
    firstStart: 'first start: organization "default", reference schemes loaded: {schemes}',
    none: 'none',
    adminToken: 'admin+author token (shown once): {token}',
    signinUrl: 'open this one-time URL to sign the browser in:',
    cannotListen: '{prog}: cannot listen on {address}: {why}',
    portInUse: 'the port is in use',
    editorStale: 'warning: the editor in {dir} is older than its sources; `npm start` rebuilds it (or run `node --import tsx editor/build-if-stale.ts`)',
  },
  zh: {
    usage: '用法：{synopsis}',
    usageAll: '用法：“kaohe <命令> [选项]”（每个命令都接受“--lang zh|en”）',
    does_check: '列出诊断信息（加“--json”输出数组）',
    does_fmt: '按规范格式输出，或改写文件（“--write”），或列出未格式化的文件（“--check”）',
    does_eval: '计算一个人或一批人：输入文件为“.json”、“.jsonl”、“.csv”或“.xlsx”；“--out”可写“.json”、“.csv”或“.xlsx”',
    does_template: '按方案的输入生成名单模板',
    does_test: '运行方案中的示例',
    does_export: '把规则部分导出为“json-rules-engine”规则',
    does_serve: '启动接口服务和编辑器',
    does_token: '创建接口令牌',
    unknownCommand: '{prog}：没有“{command}”这个命令',
    unknownOption: '{prog}：未知选项“--{option}”',
    badLang: '{prog}：“--lang”只能是“zh”或“en”，不能是“{value}”',
    cannotRead: '{prog}：无法读取“{path}”：{why}',
    noSuchFile: '文件不存在',
    noPermission: '没有读取权限',
    isDirectory: '这是一个目录',
    internalError: '{prog}：检查“{path}”时发生内部错误：{message}',
    unknownFormat: '{prog}：未知格式“{format}”；可用的格式：{formats}',
    exampleTitle: '{name}（第 {line} 行）',
    exampleTitleLabel: '{name}“{label}”（第 {line} 行）',
    noExamples: '（没有示例）',
    failedSides: '{where}：预期“{expect}”：左边为 {left}，右边为 {right}',
    failedMessage: '{where}：预期“{expect}”：{message}',
    summary: '通过 {passed} 个，失败 {failed} 个',
    tokenCreated: '已为组织“{org}”创建令牌 {id}（{roles}）；令牌只显示这一次',
    serving: '考核服务已启动：{url}（数据库 {db}）',
    firstStart: '首次启动：组织“default”，已载入参考方案：{schemes}',
    none: '无',
    adminToken: '管理员兼编写者令牌（只显示一次）：{token}',
    signinUrl: '在浏览器中打开这个一次性链接即可登录：',
    cannotListen: '{prog}：无法监听 {address}：{why}',
    portInUse: '端口已被占用',
    editorStale: '注意：{dir} 中的编辑器早于其源代码，打开的将是旧版本；用“npm start”启动会自动重新构建（或先运行“node --import tsx editor/build-if-stale.ts”）',
  },
});

/** The commands in the order `kaohe help` lists them, with their synopses (code, never translated). */
export const SYNOPSES = {
  check: 'check FILE… [--json]',
  fmt: 'fmt FILE… [--write] [--check] [--keywords en|zh]',
  eval: 'eval FILE INPUT [--out FILE] [--explain]',
  template: 'template FILE --out roster.xlsx',
  test: 'test FILE…',
  export: 'export FILE --format json-rules-engine',
  serve: 'serve [--port 8787] [--host 127.0.0.1] [--db PATH]',
  token: 'token create --org ORG --role admin|author|evaluator [--db PATH]',
} as const;
