// How a message names a character by its code: `U+0009`, `U+200B`, `U+1F600` (upper-case hex, at least
// four digits, as Unicode writes it). One form for the lexer's unexpected character (KH-P004), a
// subject id's invisible or control character (engine/subject-id.ts) and the CLI's JSON syntax errors.

/** `U+XXXX` of a code point. */
export const codePointText = (cp: number): string => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
