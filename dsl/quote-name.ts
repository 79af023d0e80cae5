// Quoted names (issue 12): a name that is a keyword, built-in function or result name in either
// keyword language is written quoted — `` `其他` `` with English keywords, `「其他」` with Chinese ones —
// so an indicator can be called 其他 as the documents call it. The lexer reads both forms as a name;
// the formatter and the checker's quick fixes write them with this.

import { isReserved, type Lang } from './keywords.js';

/** `n`, or `n` quoted as the keyword language quotes names when it is reserved. */
export function quoteName(n: string, lang: Lang): string {
  if (!isReserved(n) && !/^[0-9]/.test(n)) return n; // a name starting with a digit (`「003」`, issue 13) is read back only quoted
  return lang === 'zh' ? `「${n}」` : `\`${n}\``;
}
