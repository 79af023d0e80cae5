// How the scheme spells a keyword, for messages that name one (KH-C002: "declared twice: as `定义` at
// line 3 and as `指标` here"). A file may be written with English or Chinese keywords, or a mix; the
// message uses the spelling of the declaration it points at, read off the text where that keyword
// stands — the tree keeps no tokens. Where the text there is not the keyword (a recovered tree), the
// file's main keyword language (ParsedFile.keywordLang) decides.

import { keywordOf, keywordText, type KeywordId } from '../keywords.js';
import type { CheckContext } from './context.js';

const WORD = /[\p{L}\p{N}_]/u;
const SPACE = /\s/;

/** The keyword `id` as written at offset `at` (the start of the declaration it opens). */
export function spelledAt(ctx: CheckContext, id: KeywordId, at: number | undefined): string {
  if (at !== undefined) {
    const text = ctx.file.text;
    const zh = keywordText(id, 'zh');
    if (text.startsWith(zh, at) && !WORD.test(text.charAt(at + zh.length))) return zh;
    const en = keywordText(id, 'en');
    const first = en.split(' ')[0];
    if (text.startsWith(first, at) && !WORD.test(text.charAt(at + first.length))) return en;
  }
  return keywordText(id, ctx.parsed.keywordLang);
}

/** The keyword `id` as written right before offset `at` (`let 甲`: the word before the name). */
export function spelledBefore(ctx: CheckContext, id: KeywordId, at: number): string {
  const text = ctx.file.text;
  let end = at;
  while (end > 0 && SPACE.test(text.charAt(end - 1))) end--;
  let start = end;
  while (start > 0 && WORD.test(text.charAt(start - 1))) start--;
  const word = text.slice(start, end);
  if (keywordOf(word) === id) return word;
  return keywordText(id, ctx.parsed.keywordLang);
}
