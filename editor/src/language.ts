// The `kaohe` language for Monaco: lexical colouring (Monarch) built from the keyword table in
// dsl/keywords.ts — both keyword languages, multi-word English keywords, built-in functions —
// brackets and comments, and a light theme whose rules also colour the service's semantic tokens.

import { BUILTINS, KEYWORDS, RESULT_NAMES } from '../../dsl/keywords.js';
import { monaco } from './monaco.js';

export const LANGUAGE_ID = 'kaohe';
export const THEME = 'kaohe-light';

const single = KEYWORDS.flatMap(([, en, ...zh]) => [...(en.includes(' ') ? [] : [en]), ...zh]);
const multi = KEYWORDS.map(([, en]) => en).filter((en) => en.includes(' '));
const builtins = [...Object.keys(BUILTINS), ...Object.values(BUILTINS)];
const results = [...Object.keys(RESULT_NAMES), ...Object.values(RESULT_NAMES)];
const multiRe = new RegExp(`(?:${multi.map((m) => m.split(' ').join('[ \\t]+')).join('|')})(?![\\p{L}\\p{N}_])`, 'u');

export function registerLanguage(): void {
  monaco.languages.register({ id: LANGUAGE_ID, extensions: ['.kaohe'], aliases: ['kaohe', '考核'] });
  monaco.languages.setLanguageConfiguration(LANGUAGE_ID, {
    comments: { lineComment: '//', blockComment: ['/*', '*/'] },
    // Full-width （）【】 are read as ( ) [ ] (LANGUAGE.md §2), so they match and colour as pairs too.
    brackets: [['{', '}'], ['[', ']'], ['(', ')'], ['【', '】'], ['（', '）']],
    autoClosingPairs: [
      { open: '{', close: '}' }, { open: '[', close: ']' }, { open: '(', close: ')' },
      { open: '"', close: '"', notIn: ['string', 'comment'] }, { open: '“', close: '”', notIn: ['string', 'comment'] },
    ],
    surroundingPairs: [{ open: '"', close: '"' }, { open: '(', close: ')' }, { open: '{', close: '}' }, { open: '[', close: ']' }],
    // Chinese names are words too: double-click and completion replace whole names.
    wordPattern: /[\p{L}_][\p{L}\p{N}_]*|-?\d+(?:\.\d+)?%?/u,
    indentationRules: { increaseIndentPattern: /\{[^}"]*$/, decreaseIndentPattern: /^\s*\}/ },
  });
  monaco.languages.setMonarchTokensProvider(LANGUAGE_ID, {
    unicode: true,
    keywords: single, builtins, results,
    // Every bracket the tokenizer marks `@brackets` must be listed (else Monaco throws as you type `（`).
    brackets: [
      { open: '{', close: '}', token: 'delimiter.curly' }, { open: '[', close: ']', token: 'delimiter.square' },
      { open: '(', close: ')', token: 'delimiter.parenthesis' }, { open: '【', close: '】', token: 'delimiter.square' },
      { open: '（', close: '）', token: 'delimiter.parenthesis' },
    ],
    tokenizer: {
      root: [
        [/\/\/.*$/, 'comment'],
        [/\/\*/, 'comment', '@comment'],
        [/"([^"\\]|\\.)*"/, 'string'], [/"([^"\\]|\\.)*$/, 'string.invalid'], [/“[^”]*”/, 'string'],
        [multiRe, 'keyword'],
        [/[\p{L}_][\p{L}\p{N}_]*/u, { cases: { '@keywords': 'keyword', '@builtins': 'predefined', '@results': 'predefined', '@default': 'identifier' } }],
        [/\d+(\.\d+)?%?/, 'number'],
        [/[{}()[\]【】（）]/, '@brackets'],
        [/==|!=|<=|>=|=>|[<>=+\-*/]/, 'operator'],
        [/[,:.，：]/, 'delimiter'],
      ],
      comment: [[/[^/*]+/, 'comment'], [/\*\//, 'comment', '@pop'], [/[/*]/, 'comment']],
    },
  } as monaco.languages.IMonarchLanguage);
  monaco.editor.defineTheme(THEME, {
    base: 'vs', inherit: true,
    rules: [
      { token: 'keyword', foreground: '0000c0', fontStyle: 'bold' },
      { token: 'predefined', foreground: '795e26' },
      { token: 'number', foreground: '098658' },
      { token: 'string', foreground: 'a31515' },
      { token: 'comment', foreground: '6a8759', fontStyle: 'italic' },
      // Semantic token types from dsl/service/semantic.ts.
      { token: 'indicator', foreground: '1f4e9c', fontStyle: 'bold' },
      { token: 'group', foreground: '7a1fa2', fontStyle: 'bold' },
      { token: 'input', foreground: '00707a' },
      { token: 'field', foreground: '00707a', fontStyle: 'italic' },
      { token: 'let', foreground: '8a4b08' },
      { token: 'table', foreground: '8a4b08', fontStyle: 'underline' },
      { token: 'enum', foreground: '267f99', fontStyle: 'bold' },
      { token: 'member', foreground: '267f99' },
      { token: 'grade', foreground: 'c05600', fontStyle: 'bold' },
      { token: 'panel', foreground: '5c2d91' },
      { token: 'category', foreground: '5c2d91', fontStyle: 'italic' },
      { token: 'list', foreground: 'b00020' },
      { token: 'item', foreground: 'b00020' },
      { token: 'action', foreground: 'b00020', fontStyle: 'italic' },
      { token: 'function', foreground: '795e26' },
      { token: 'result', foreground: 'c05600' },
      { token: 'binder', foreground: '001080', fontStyle: 'italic' },
    ],
    colors: {},
  });
}
