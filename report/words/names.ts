// The names of a scheme as a reader sees them: an input, let, indicator or group by its label when it
// has one (`缺勤天数 "全年缺勤天数"` reads “全年缺勤天数”), else by its name; enum members and grades as
// written. Built once per scheme from the tree, so the words renderer needs no checker and works on
// any parsed scheme (the document route, the CLI, a feedback sheet).

import type { Decl, Member, Scheme, TypeExpr } from '../../dsl/ast.js';

export type NameKind = 'input' | 'let' | 'adjust' | 'function' | 'table' | 'panel' | 'scale' | 'enum' | 'indicator' | 'group';

export interface NameInfo { kind: NameKind; label?: string; type?: TypeExpr }

export interface NameTable {
  /** A declared name (not a member or grade). */
  get(name: string): NameInfo | undefined;
  /** The label, else the name as written. */
  display(name: string): string;
  /** An enum member or a grade. */
  isMember(name: string): boolean;
  /** An indicator or group (its value is a score). */
  isScore(name: string): boolean;
  isScale(name: string): boolean;
  /** The panel of a `ratings of P` input. */
  panelOf(input: string): string | undefined;
}

export function nameTable(scheme: Scheme): NameTable {
  const declared = new Map<string, NameInfo>();
  const members = new Set<string>();
  // An enum type may share its name with the input of that type (`岗位: 岗位`): in an expression the
  // name is the input, so a value's declaration replaces a type's.
  const add = (name: string, info: NameInfo) => {
    const had = declared.get(name);
    if (!had || (had.kind === 'enum' && info.kind !== 'enum')) declared.set(name, info);
  };
  const walk = (ms: readonly Member[]) => {
    for (const m of ms) {
      if (m.kind === 'When') walk(m.members);
      else if (m.kind === 'Indicator') add(m.name.name, { kind: 'indicator', label: m.label?.value });
      else { add(m.name.name, { kind: 'group', label: m.label?.value }); walk(m.members); }
    }
  };
  for (const d of scheme.decls as Decl[]) {
    switch (d.kind) {
      case 'Input': for (const f of d.fields) add(f.name.name, { kind: 'input', label: f.label?.value, type: f.type }); break;
      case 'Let': add(d.name.name, { kind: 'let', label: d.label?.value }); break;
      case 'Adjust': add(d.name.name, { kind: 'adjust', label: d.label?.value }); break;
      case 'Function': add(d.name.name, { kind: 'function', label: d.label?.value }); break;
      case 'Table': add(d.name.name, { kind: 'table', label: d.label?.value }); break;
      case 'Panel': add(d.name.name, { kind: 'panel', label: d.label?.value }); break;
      case 'Scale': add(d.name.name, { kind: 'scale', label: d.label?.value }); break;
      case 'Enum': add(d.name.name, { kind: 'enum', label: d.label?.value }); for (const m of d.members) members.add(m.name.name); break;
      case 'Grades': for (const g of d.grades) members.add(g.name.name); break;
      case 'Indicator': case 'Group': case 'When': walk([d]); break;
      default: break;
    }
  }
  return {
    get: (name) => declared.get(name),
    display: (name) => declared.get(name)?.label ?? name,
    isMember: (name) => members.has(name),
    isScore: (name) => { const k = declared.get(name)?.kind; return k === 'indicator' || k === 'group'; },
    isScale: (name) => declared.get(name)?.kind === 'scale',
    panelOf: (input) => {
      const t = declared.get(input)?.type;
      return t?.kind === 'RatingsType' ? t.panel.name : undefined;
    },
  };
}
