// Go to definition: the declaration of the name under the cursor, in the same file (a scheme is
// one file). Built-ins and result names have no declaration.

import type { Span } from '../ast.js';
import type { ServiceDocument } from './document.js';
import { occurrenceAt } from './occurrences.js';
import { declSpan } from './targets.js';

export function definition(doc: ServiceDocument, offset: number): Span | undefined {
  const occ = occurrenceAt(doc.occurrences, offset);
  return occ?.target ? declSpan(occ.target) : undefined;
}

/** Every occurrence of the same declaration (for highlights and "find references"). */
export function references(doc: ServiceDocument, offset: number): Span[] {
  const at = definition(doc, offset);
  if (!at) return [];
  return doc.occurrences.filter((o) => o.target && declSpan(o.target) === at).map((o) => o.span);
}
