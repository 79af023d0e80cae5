// ParsedFile.keywords without an object per keyword until someone reads them. The lexer notes each
// keyword as it makes the token (its id and offsets in two flat arrays); a parse hands out a
// ParsedFile whose `keywords` list is built from those arrays on first read. A check reads none of it
// (it asks only whether a keyword occurs: `hasKeyword`), and the 10k-indicator benchmark's 38,000
// keywords as objects were 6 MB of every parse, kept alive with the tree. The list, once built, is
// what it always was: `{ id, span }` per keyword in source order, one shared array on every read.

import type { Comment, ParsedFile, Scheme, Span } from './ast.js';
import type { KeywordId, Lang } from './keywords.js';

/** The keywords of a text as the lexer lists them: ids, and start/end offsets two per keyword. */
export interface KeywordNotes { ids: KeywordId[]; offsets: number[] }

export function newKeywordNotes(): KeywordNotes {
  return { ids: [], offsets: [] };
}

/** The `{ id, span }` list of `notes`. */
export function keywordList(notes: KeywordNotes): { id: KeywordId; span: Span }[] {
  const { ids, offsets } = notes;
  const out: { id: KeywordId; span: Span }[] = [];
  for (let i = 0; i < ids.length; i++) out.push({ id: ids[i], span: { start: offsets[2 * i], end: offsets[2 * i + 1] } });
  return out;
}

const NOTES = new WeakMap<ParsedFile, KeywordNotes>();

/** A ParsedFile whose `keywords` are built from `notes` when first read (and may be replaced); the
 * notes are let go once the list exists. */
export function parsedFile(scheme: Scheme | undefined, comments: Comment[], keywordLang: Lang, notes: KeywordNotes): ParsedFile {
  let list: { id: KeywordId; span: Span }[] | undefined;
  const parsed: ParsedFile = {
    scheme, comments, keywordLang,
    get keywords() {
      if (!list) { list = keywordList(NOTES.get(parsed)!); NOTES.delete(parsed); }
      return list;
    },
    set keywords(v) { list = v; NOTES.delete(parsed); },
  };
  NOTES.set(parsed, notes);
  return parsed;
}

/** Whether one of `ids` occurs among the keywords of `parsed`, without building its list. */
export function hasKeyword(parsed: ParsedFile, ids: readonly KeywordId[]): boolean {
  const notes = NOTES.get(parsed);
  if (notes) return notes.ids.some((id) => ids.includes(id));
  return parsed.keywords.some((k) => ids.includes(k.id));
}

/** Whether `parsed` lists no keyword at all (past the lexer's error limit the list is left empty). */
export function noKeywords(parsed: ParsedFile): boolean {
  const notes = NOTES.get(parsed);
  return notes ? notes.ids.length === 0 : parsed.keywords.length === 0;
}
