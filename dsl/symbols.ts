// The symbol table of a scheme: every declared name with what declares it, built in one walk over
// the AST. The checker reports problems with it (duplicates, reserved names); the engine and the
// language service read it. Enum names live in their own namespace; enum members and grades are
// "members" that may repeat across enums and are resolved by type (LANGUAGE.md §2).

import type {
  AdjustDecl, EnumDecl, EnumMember, Expr, Field, GradeDecl, GradesDecl, GroupDecl, IndicatorDecl,
  LetDecl, Member, Name, NegativeDecl, OutcomesDecl, PanelDecl, RewardDecl, ScaleDecl, RuleItem, Scheme, Span,
  TableDecl, ExampleDecl, Setting, FunctionDecl,
} from './ast.js';

/** The pseudo-enum whose members are the grades, so `grade == 优秀` resolves like an enum member. */
export const GRADE_ENUM = '#grades';

interface Base { name: string; span: Span }
export type Sym =
  | Base & { kind: 'input'; decl: Field }
  | Base & { kind: 'let'; decl: LetDecl }
  | Base & { kind: 'adjust'; decl: AdjustDecl }
  | Base & { kind: 'table'; decl: TableDecl }
  | Base & { kind: 'panel'; decl: PanelDecl }
  | Base & { kind: 'scale'; decl: ScaleDecl }
  | Base & { kind: 'indicator'; decl: IndicatorDecl; parent?: GroupDecl; conditions: Expr[] }
  | Base & { kind: 'group'; decl: GroupDecl; parent?: GroupDecl; conditions: Expr[] }
  | Base & { kind: 'negative'; decl: NegativeDecl }
  | Base & { kind: 'reward'; decl: RewardDecl }
  | Base & { kind: 'item'; list: NegativeDecl | RewardDecl; decl: RuleItem }
  | Base & { kind: 'action'; label?: string }
  | Base & { kind: 'example'; decl: ExampleDecl }
  | Base & { kind: 'function'; decl: FunctionDecl }
  | Base & { kind: 'member'; enumName: string; index: number; decl: EnumMember }
  | Base & { kind: 'grade'; enumName: typeof GRADE_ENUM; index: number; decl: GradeDecl };

export type MemberSym = Extract<Sym, { kind: 'member' | 'grade' }>;
export type IndicatorSym = Extract<Sym, { kind: 'indicator' }>;
export type GroupSym = Extract<Sym, { kind: 'group' }>;

export interface SymbolTable {
  scheme: Scheme;
  enums: Map<string, EnumDecl>;
  /** Every declaration in the shared namespace, in source order (duplicates included). */
  all: Sym[];
  /** Non-member names: the first declaration of each. */
  names: Map<string, Exclude<Sym, MemberSym>>;
  /** Enum members and grades by name: several when a member repeats across enums. */
  members: Map<string, MemberSym[]>;
  inputs: Map<string, Field>;
  indicators: IndicatorSym[];
  groups: GroupSym[];
  /** Every grade line, in file order (a grade with several rules has several). */
  grades: GradeDecl[];
  /** The distinct grade names, best first: a grade's `index`. */
  gradeNames: string[];
  gradesDecl?: GradesDecl;
  outcomes?: OutcomesDecl;
  negatives: NegativeDecl[];
  rewards: RewardDecl[];
  adjust?: AdjustDecl;
  settings: Map<Setting['key'], Setting>;
  actions: Map<string, Extract<Sym, { kind: 'action' }>>;
}

export function buildSymbols(scheme: Scheme): SymbolTable {
  const t: SymbolTable = {
    scheme, enums: new Map(), all: [], names: new Map(), members: new Map(), inputs: new Map(),
    indicators: [], groups: [], grades: [], gradeNames: [], negatives: [], rewards: [], settings: new Map(), actions: new Map(),
  };
  const declare = (sym: Sym) => {
    t.all.push(sym);
    if (sym.kind === 'member' || sym.kind === 'grade') {
      const list = t.members.get(sym.name) ?? [];
      list.push(sym);
      t.members.set(sym.name, list);
    } else if (sym.kind !== 'example' && !t.names.has(sym.name)) t.names.set(sym.name, sym); // examples: a namespace of their own (issue 12)
  };
  const action = (n: Name, label?: string) => {
    const prev = t.actions.get(n.name);
    if (prev) { if (label && !prev.label) prev.label = label; return; }
    const sym = { kind: 'action' as const, name: n.name, span: n.span, label };
    t.actions.set(n.name, sym);
    declare(sym);
  };

  const walkMembers = (members: Member[], parent: GroupDecl | undefined, conditions: Expr[]) => {
    for (const m of members) {
      if (m.kind === 'Indicator') {
        const sym = { kind: 'indicator' as const, name: m.name.name, span: m.name.span, decl: m, parent, conditions };
        t.indicators.push(sym);
        declare(sym);
      } else if (m.kind === 'Group') {
        const sym = { kind: 'group' as const, name: m.name.name, span: m.name.span, decl: m, parent, conditions };
        t.groups.push(sym);
        declare(sym);
        walkMembers(m.members, m, conditions);
      } else walkMembers(m.members, parent, [...conditions, m.cond]);
    }
  };

  const seenGrades = new Set<string>();
  for (const d of scheme.decls) {
    switch (d.kind) {
      case 'Setting': if (!t.settings.has(d.key)) t.settings.set(d.key, d); break;
      case 'Enum':
        if (!t.enums.has(d.name.name)) t.enums.set(d.name.name, d);
        d.members.forEach((m, index) =>
          declare({ kind: 'member', name: m.name.name, span: m.name.span, enumName: d.name.name, index, decl: m }));
        break;
      case 'Table': declare({ kind: 'table', name: d.name.name, span: d.name.span, decl: d }); break;
      case 'Panel': declare({ kind: 'panel', name: d.name.name, span: d.name.span, decl: d }); break;
      case 'Scale': declare({ kind: 'scale', name: d.name.name, span: d.name.span, decl: d }); break;
      case 'Input':
        for (const f of d.fields) {
          if (!t.inputs.has(f.name.name)) t.inputs.set(f.name.name, f);
          declare({ kind: 'input', name: f.name.name, span: f.name.span, decl: f });
        }
        break;
      case 'Let': declare({ kind: 'let', name: d.name.name, span: d.name.span, decl: d }); break;
      case 'Function': declare({ kind: 'function', name: d.name.name, span: d.name.span, decl: d }); break;
      case 'Adjust': t.adjust ??= d; declare({ kind: 'adjust', name: d.name.name, span: d.name.span, decl: d }); break;
      case 'Indicator': case 'Group': case 'When': walkMembers([d], undefined, []); break;
      case 'Negative': case 'Reward': {
        if (d.kind === 'Negative') { t.negatives.push(d); declare({ kind: 'negative', name: d.name.name, span: d.name.span, decl: d }); }
        else { t.rewards.push(d); declare({ kind: 'reward', name: d.name.name, span: d.name.span, decl: d }); }
        for (const item of d.items) {
          declare({ kind: 'item', name: item.name.name, span: item.name.span, list: d, decl: item });
          for (const e of item.effects) if (e.kind === 'action') action(e.action, e.label?.value);
        }
        break;
      }
      case 'Grades':
        t.gradesDecl ??= d;
        // Several lines may name one grade (issue 13: several rules): `grades` keeps every line, the
        // grade is declared once, at its first line, and indexed among distinct grades (0 = best).
        for (const g of d.grades) {
          t.grades.push(g);
          if (seenGrades.has(g.name.name)) continue;
          seenGrades.add(g.name.name);
          declare({ kind: 'grade', name: g.name.name, span: g.name.span, enumName: GRADE_ENUM, index: t.gradeNames.length, decl: g });
          t.gradeNames.push(g.name.name);
        }
        break;
      case 'Outcomes':
        t.outcomes ??= d;
        for (const a of d.actions) action(a.name, a.label?.value);
        break;
      case 'Example': declare({ kind: 'example', name: d.name.name, span: d.name.span, decl: d }); break;
    }
  }
  return t;
}

/** The non-member symbol a bare name refers to, if any. */
export function lookup(t: SymbolTable, name: string): Exclude<Sym, MemberSym> | undefined {
  return t.names.get(name);
}

/** Enum members (and grades) a bare name could be; pass `enumName` to resolve by expected type. */
export function lookupMember(t: SymbolTable, name: string, enumName?: string): MemberSym | undefined {
  const list = t.members.get(name);
  if (!list) return undefined;
  if (enumName !== undefined) return list.find((m) => m.enumName === enumName);
  return list.length === 1 ? list[0] : undefined;
}
