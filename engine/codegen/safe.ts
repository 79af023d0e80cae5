// Scheme text inside generated JavaScript (issue 16): every string literal goes through `str`
// (JSON.stringify, plus the two line separators JSON leaves raw) and every comment through `comment`
// (no `*/`, no line breaks or control characters), so no name, label or reason can end a literal or
// a comment and become code. The generated source is never built from unescaped scheme text.

/** A JavaScript string literal for `s`. U+2028/U+2029 are escaped too (valid in JSON strings, but old
 * engines and some tools treat them as line ends), and `<`; so the literal is also safe inside a `//`
 * comment (the generated validator names fields that way, validate.ts). */
export function str(s: string): string {
  // `<` too, so a `</script>` in a label cannot end a script element should the source ever be shown in a page
  return JSON.stringify(s).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029').replace(/</g, '\\u003c');
}

/** A one-line comment body: control characters, line separators and comment ends removed. */
export function comment(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ').replace(/\*\//g, '* /').replace(/\/\*/g, '/ *').replace(/<\//g, '< /');
}
