// Pass `reserved`: no declared name may be a keyword, built-in function or result name in either
// keyword language (KH-C003) — `score` or `平均` as an indicator name would make expressions ambiguous —
// unless it is quoted (issue 12): `` `其他` `` or `「其他」` is a name, and the message offers to quote it.

import type { Name, TypeExpr } from '../../ast.js';
import { fixOf } from '../../diagnostics.js';
import { isReserved, keywordOf } from '../../keywords.js';
import { quoteName } from '../../quote-name.js';
import type { CheckContext, Pass } from '../context.js';
import { M } from '../messages.js';

function fieldNames(t: TypeExpr, out: Name[]): void {
  if (t.kind === 'ListType') fieldNames(t.element, out);
  else if (t.kind === 'RecordType') for (const f of t.fields) { out.push(f.name); fieldNames(f.type, out); }
}

export const reservedPass: Pass = {
  name: 'reserved',
  run(ctx: CheckContext) {
    const names: Name[] = [];
    const all = ctx.symbols.all;
    for (let i = 0; i < all.length; i++) { // indexed: see CheckContext.placed
      // Only reserved names are reported: keep just those (no object per symbol).
      if (isReserved(all[i].name)) names.push({ name: all[i].name, span: all[i].span });
    }
    for (const d of ctx.scheme.decls) {
      if (d.kind === 'Enum') names.push(d.name);
      else if (d.kind === 'Panel') names.push(...d.categories.map((c) => c.name));
      else if (d.kind === 'Input') for (const f of d.fields) fieldNames(f.type, names);
    }
    const seen = new Set<number>();
    const text = ctx.file.text;
    for (const n of names) {
      if (!isReserved(n.name) || seen.has(n.span.start)) continue;
      seen.add(n.span.start);
      if (text[n.span.start] === '`' || text[n.span.start] === '「') continue; // quoted: a name (issue 12)
      if (keywordOf(n.name)) continue; // a keyword read as a name: the parser reported it (KH-P011)
      const quoted = quoteName(n.name, ctx.parsed.keywordLang);
      ctx.sink.add('KH-C003', n.span, M.reservedQuoted({ name: n.name, quoted }),
        fixOf(M.quoteName({ quoted }), [{ span: n.span, text: quoted }]));
    }
  },
};
