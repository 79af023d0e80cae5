// Pass `names`: every name is declared once in its namespace (KH-C002). The shared namespace holds
// everything but enum names, record fields and panel categories; enum members (and grades, members
// of the grade pseudo-enum) may repeat across enums — uses are resolved by type later (KH-C004).
//
// A repeated declaration is named by the keyword that declares it, spelt as the file spells it
// (keyword-spelling.ts). For a scheme written with Chinese keywords that is "'甲' is declared twice:
// as `定义` at line 3 and as `指标` here" (“定义”, “指标” in Chinese), not `let` and `indicator`,
// words the file never uses (issue 11).

import type { InputDecl, Name, TypeExpr } from '../../ast.js';
import type { Msg } from '../../i18n/index.js';
import type { KeywordId } from '../../keywords.js';
import type { Sym } from '../../symbols.js';
import { lineOf, type CheckContext, type Pass } from '../context.js';
import { spelledAt, spelledBefore } from '../keyword-spelling.js';
import { code, kindMsg, M } from '../messages.js';

/** The keyword that declares each kind of name (members and grades have none). */
const DECLARED_BY: Record<Exclude<Sym['kind'], 'member' | 'grade'>, KeywordId> = {
  input: 'input', let: 'let', adjust: 'adjust', table: 'table', panel: 'panel', indicator: 'indicator',
  group: 'group', negative: 'negative', reward: 'reward', item: 'item', action: 'action', example: 'example',
  function: 'function', scale: 'scale',
};

/** What `s` was declared as: its keyword as written (`定义`), or `member of enum 岗位` / `grade`. */
function declaredAs(ctx: CheckContext, s: Sym, inputs: () => InputDecl[]): Msg {
  if (s.kind === 'member' || s.kind === 'grade') return kindMsg(s);
  const id = DECLARED_BY[s.kind];
  if (s.kind === 'input') {
    // A field of `input { … }`: the keyword opens its block, not the field.
    const block = inputs().find((d) => d.span.start <= s.span.start && s.span.start < d.span.end);
    return code(spelledAt(ctx, id, block?.span.start));
  }
  return code(spelledBefore(ctx, id, s.span.start));
}

const SETTINGS = new Set<string>(['version', 'period', 'precision', 'total', 'cohortBy', 'rankBy'] satisfies KeywordId[]);

/** Blocks that may appear once per scheme, by the keyword that opens them. */
function onceKey(d: CheckContext['scheme']['decls'][number]): KeywordId | undefined {
  if (d.kind === 'Setting') return SETTINGS.has(d.key) ? d.key : undefined;
  if (d.kind === 'Grades') return 'grades';
  if (d.kind === 'Outcomes') return 'outcomes';
  if (d.kind === 'Adjust') return 'adjust';
  return undefined;
}

function enumOf(s: Sym): string | undefined {
  return s.kind === 'member' || s.kind === 'grade' ? s.enumName : undefined;
}

/** Reports repeats in a list of names that must be distinct (fields, categories, keys). */
export function uniqueNames(ctx: CheckContext, names: readonly Name[], what: Msg): void {
  const seen = new Map<string, Name>();
  for (const n of names) {
    const prev = seen.get(n.name);
    if (prev) ctx.sink.add('KH-C002', n.span, M.givenTwice({ what, name: n.name, line: lineOf(ctx, prev.span) }));
    else seen.set(n.name, n);
  }
}

function recordFields(ctx: CheckContext, t: TypeExpr): void {
  if (t.kind === 'ListType') recordFields(ctx, t.element);
  else if (t.kind === 'RecordType') {
    uniqueNames(ctx, t.fields.map((f) => f.name), M.wField());
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
    if (s.kind === 'example') continue; // their own namespace (examplesOnce)
    const once = s.kind === 'member' || s.kind === 'grade'
      ? !names.has(s.name) && members.get(s.name)!.length === 1
      : names.get(s.name) === s && !members.has(s.name);
    if (!once) return true;
  }
  return false;
}

/** Examples have a namespace of their own (issue 12): an example may share its name with a grade
 * (`example 优秀`) or an item, but not with another example. */
function examplesOnce(ctx: CheckContext): void {
  const seen = new Map<string, Name>();
  for (const d of ctx.scheme.decls) {
    if (d.kind !== 'Example') continue;
    const prev = seen.get(d.name.name);
    if (prev) ctx.sink.add('KH-C002', d.name.span, M.exampleTwice({ name: d.name.name, line: lineOf(ctx, prev.span) }));
    else seen.set(d.name.name, d.name);
  }
}

export const namesPass: Pass = {
  name: 'names',
  run(ctx) {
    if (someNameRepeats(ctx)) {
      let inputDecls: InputDecl[] | undefined;
      const inputs = () => (inputDecls ??= ctx.scheme.decls.filter((d): d is InputDecl => d.kind === 'Input'));
      const byName = new Map<string, Sym[]>();
      for (const s of ctx.symbols.all) {
        if (s.kind === 'example') continue;
        const prev = byName.get(s.name) ?? [];
        const e = enumOf(s);
        // Members of different enums may share a name; anything else may not.
        const clash = prev.find((p) => !(e !== undefined && enumOf(p) !== undefined && enumOf(p) !== e));
        if (clash) {
          // Two indicators of one name (say, in two `when` blocks): point to the conditional share (issue 12).
          const twice = clash.kind === 'indicator' && s.kind === 'indicator' ? M.declaredTwiceShare : M.declaredTwice;
          ctx.sink.add('KH-C002', s.span, twice({
            name: s.name, first: declaredAs(ctx, clash, inputs), line: lineOf(ctx, clash.span), second: declaredAs(ctx, s, inputs),
          }));
        }
        prev.push(s);
        byName.set(s.name, prev);
      }
    }
    examplesOnce(ctx);
    const enums = new Map<string, Name>();
    const once = new Map<string, { span: { start: number; end: number } }>();
    for (const d of ctx.scheme.decls) {
      if (d.kind === 'Enum') {
        const prev = enums.get(d.name.name);
        if (prev) ctx.sink.add('KH-C002', d.name.span, M.enumTwice({ name: d.name.name, line: lineOf(ctx, prev.span) }));
        else enums.set(d.name.name, d.name);
      } else if (d.kind === 'Panel') uniqueNames(ctx, d.categories.map((c) => c.name), M.wCategoryOf({ panel: d.name.name }));
      else if (d.kind === 'Table') uniqueNames(ctx, d.entries.map((x) => x.key), M.wKeyOf({ table: d.name.name }));
      else if (d.kind === 'Input') for (const f of d.fields) recordFields(ctx, f.type);
      else if (d.kind === 'Example') uniqueNames(ctx, d.given.entries.map((x) => x.key), M.wGivenField());
      else if (d.kind === 'Outcomes' && d.bonus) uniqueNames(ctx, d.bonus.entries.map((x) => x.grade), M.wBonusGrade());
      const key = onceKey(d);
      if (key) {
        const prev = once.get(key);
        if (prev) {
          const kw = code(spelledAt(ctx, key, d.span.start));
          const block = d.kind === 'Setting' ? M.settingBlock({ kw }) : kw;
          ctx.sink.add('KH-C002', d.span, M.blockTwice({ block, line: lineOf(ctx, prev.span) }));
        } else once.set(key, d);
      }
    }
  },
};
