// Pass `display-inputs`: a `display` input (issue 12: `姓名: text display`) carries one value into the
// result's `display` as text — a text, a number, an enum member or a date. A list, a record, a yes/no
// or ratings cannot be shown as one text, and a field inside a record or list is not carried at all:
// both are KH-C113.

import type { Field, TypeExpr } from '../../ast.js';
import type { Pass } from '../context.js';
import { KW, M } from '../messages.js';
import { article } from '../types.js';

const SHOWN = new Set(['text', 'number', 'enum', 'date', 'error']);

function nested(t: TypeExpr, out: Field[]): void {
  if (t.kind === 'ListType') nested(t.element, out);
  else if (t.kind === 'RecordType') for (const f of t.fields) { if (f.display) out.push(f); nested(f.type, out); }
}

export const displayInputsPass: Pass = {
  name: 'display-inputs',
  run(ctx) {
    for (const d of ctx.scheme.decls) {
      if (d.kind !== 'Input') continue;
      for (const f of d.fields) {
        const inner: Field[] = [];
        nested(f.type, inner);
        for (const x of inner) ctx.sink.add('KH-C113', x.display!.span, M.displayNested({ name: x.name.name, display: KW.display() }));
        if (!f.display) continue;
        const t = ctx.typeExprs.get(f.type);
        if (t && !SHOWN.has(t.kind)) ctx.sink.add('KH-C113', f.display.span, M.displayNotText({ name: f.name.name, type: article(t), text: KW.text() }));
      }
    }
  },
};
