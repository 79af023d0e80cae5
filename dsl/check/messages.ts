// The checker's messages (KH-C…), in English and Chinese: one builder per message, used by the
// passes as `ctx.sink.add('KH-C060', span, M.tooManyProblems({ more, limit }))`. Names from the
// scheme go in as they are; kind words and type names are messages of their own. Terms follow
// the Chinese keywords of dsl/keywords.ts (指标, 类别, 测评组, 对照表, 等次, 示例).

import { defineMessages } from '../i18n/index.js';

export const M = defineMessages('check', {
  en: {
    tooManyProblems: (a) => `too many problems: ${a.more === '1' ? '1 more is not shown' : `${a.more} more are not shown`}; fix the first ${a.limit} and check again`,
  },
  zh: {
    tooManyProblems: '问题过多：另有 {more} 个未列出；请先改正前 {limit} 个后再检查',
  },
});
