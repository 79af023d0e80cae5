// The real language modules (dsl/), as the server's default LanguageApi.

import { analyze, parse, SourceFile } from '../dsl/index.js';
import { format } from '../dsl/format/index.js';
import { hasErrors } from '../dsl/diagnostics.js';
import type { LanguageApi } from './deps.js';

export const lang: LanguageApi = {
  analyze(source) {
    const a = analyze(source, '<source>');
    // The parser recovers a header even from garbage (a stray word becomes the name); a name is
    // trusted only when it is non-empty and no error sits at or before it.
    const name = a.parsed.scheme?.name;
    const trusted = name && name.name !== '' && !a.diagnostics.some((d) => d.severity === 'error' && d.span.start < name.span.end);
    return { schemeName: trusted ? name.name : undefined, diagnostics: a.diagnostics };
  },
  format(source, keywords) {
    // Layout needs a tree only; check errors do not stop formatting, syntax errors do.
    const file = new SourceFile(source, '<source>');
    const parsed = parse(file);
    if (hasErrors(parsed.diagnostics)) return { diagnostics: parsed.diagnostics };
    return { source: format(parsed.value, file, { keywords }), diagnostics: parsed.diagnostics };
  },
};
