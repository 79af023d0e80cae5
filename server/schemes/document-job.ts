// The language-worker half of the scheme document (issue 15): analyse a stored version's source and,
// when it checks, build its document (report/scheme/) — plain data both ways, so it runs in a
// language worker within the job budget (server/lang-pool/) like every other analysis of a source an
// author saved (up to the source cap), and the event loop never parses a 1.5 MB draft itself.

import { analyze } from '../../dsl/index.js';
import type { Locale } from '../../dsl/i18n/index.js';
import type { Doc } from '../../report/model.js';
import { schemeDocument } from '../../report/scheme/index.js';
import { capDiagnostics, isError, type Diagnosed } from '../lang-pool/jobs.js';

/** `doc` is absent when the source has errors; the diagnostics are then its errors (capped). */
export interface Documented extends Diagnosed { doc?: Doc }

/** `revision`: the stored version the source is (its number, or `draft`), named in the header. */
export function documentOf(source: string, lang: Locale, revision?: number | 'draft'): Documented {
  const analysis = analyze(source, '<source>');
  const errors = analysis.diagnostics.filter(isError);
  if (!analysis.parsed.scheme || errors.length > 0) return capDiagnostics(errors);
  return { doc: schemeDocument(analysis.parsed.scheme, lang, { revision }), diagnostics: [], omitted: 0 };
}
