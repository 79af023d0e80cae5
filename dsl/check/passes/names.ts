// Pass `names`: every name is declared once in its namespace (KH-C002). The shared namespace holds
// everything but enum names, record fields and panel categories; enum members (and grades, members
// of the grade pseudo-enum) may repeat across enums — uses are resolved by type later (KH-C004).

import type { Name, TypeExpr } from '../../ast.js';
import type { Sym } from '../../symbols.js';
import { lineOf, type CheckContext, type Pass } from '../context.js';

const KIND_WORDS: Record<Sym['kind'], string> = {
  input: 'input', let: 'let', adjust: 'adjust', table: 'table', panel: 'panel', indicator: 'indicator',
  group: 'group', negative: 'negative list', reward: 'reward list', item: 'item', action: 'action',
  example: 'example', member: 'enum member', grade: 'grade',
};

export function kindWord(s: Sym): string {
  return s.kind === 'member' ? `member of enum ${s.enumName}` : KIND_WORDS[s.kind];
}

function enumOf(s: Sym): string | undefined {
  return s.kind === 'member' || s.kind === 'grade' ? s.enumName : undefined;
}

/** Reports repeats in a list of names that must be distinct (fields, categories, keys). */
export function uniqueNames(ctx: CheckContext, names: readonly Name[], what: string): void {
  const seen = new Map<string, Name>();
  for (const n of names) {
    const prev = seen.get(n.name);
    if (prev) ctx.sink.add('KH-C002', n.span, `${what} '${n.name}' is given twice (first at line ${lineOf(ctx, prev.span)})`);
    else seen.set(n.name, n);
  }
}

function recordFields(ctx: CheckContext, t: TypeExpr): void {
  if (t.kind === 'ListType') recordFields(ctx, t.element);
  else if (t.kind === 'RecordType') {
    uniqueNames(ctx, t.fields.map((f) => f.name), 'field');
    for (const f of t.fields) recordFields(ctx, f.type);
  }
}

/** Whether any name of the shared namespace is declared twice, read off the symbol table (which
 * keeps the first non-member of each name and every member): large schemes then build no map of
 * all their names just to find none repeated. */
function someNameRepeats(ctx: CheckContext): boolean {
  const { all, names, members } = ctx.symbols;
  for (let i = 0; i < all.length; i++) { // indexed: see CheckContext.placed
    const s = all[i];
    const once = s.kind === 'member' || s.kind === 'grade'
      ? !names.has(s.name) && members.get(s.name)!.length === 1
      : names.get(s.name) === s && !members.has(s.name);
    if (!once) return true;
  }
  return false;
}

export const namesPass: Pass = {
  name: 'names',
  run(ctx) {
    if (someNameRepeats(ctx)) {
      const byName = new Map<string, Sym[]>();
      for (const s of ctx.symbols.all) {
        const prev = byName.get(s.name) ?? [];
        const e = enumOf(s);
        // Members of different enums may share a name; anything else may not.
        const clash = prev.find((p) => !(e !== undefined && enumOf(p) !== undefined && enumOf(p) !== e));
        if (clash) {
          ctx.sink.add('KH-C002', s.span,
            `'${s.name}' is declared twice: as ${kindWord(clash)} at line ${lineOf(ctx, clash.span)} and as ${kindWord(s)} here`);
        }
        prev.push(s);
        byName.set(s.name, prev);
      }
    }
    const enums = new Map<string, Name>();
    const once = new Map<string, { span: { start: number; end: number } }>();
    for (const d of ctx.scheme.decls) {
      if (d.kind === 'Enum') {
        const prev = enums.get(d.name.name);
        if (prev) ctx.sink.add('KH-C002', d.name.span, `enum '${d.name.name}' is declared twice (first at line ${lineOf(ctx, prev.span)})`);
        else enums.set(d.name.name, d.name);
      } else if (d.kind === 'Panel') uniqueNames(ctx, d.categories.map((c) => c.name), `category of panel ${d.name.name}`);
      else if (d.kind === 'Table') uniqueNames(ctx, d.entries.map((x) => x.key), `key of table ${d.name.name}`);
      else if (d.kind === 'Input') for (const f of d.fields) recordFields(ctx, f.type);
      else if (d.kind === 'Example') uniqueNames(ctx, d.given.entries.map((x) => x.key), 'given field');
      else if (d.kind === 'Outcomes' && d.bonus) uniqueNames(ctx, d.bonus.entries.map((x) => x.grade), 'bonus grade');
      // Blocks that may appear once per scheme.
      const key = d.kind === 'Setting' ? `setting ${d.key}` : d.kind === 'Grades' ? 'grades' : d.kind === 'Outcomes' ? 'outcomes'
        : d.kind === 'Adjust' ? 'adjust' : undefined;
      if (key) {
        const prev = once.get(key);
        if (prev) ctx.sink.add('KH-C002', d.span, `${key.replace('cohortBy', 'cohort by')} is given twice (first at line ${lineOf(ctx, prev.span)})`);
        else once.set(key, d);
      }
    }
  },
};
