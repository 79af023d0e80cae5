// Which declarations differ between the round's version and the version simulated (the "which rule
// made the difference" half of a what-if): each source is cut into named units — an indicator (with
// the group and `when` conditions it sits under), a group's own line, a negative or reward item, a
// list's own header, a grade line with its quotas, an action, the bonus, `improve`, a let, table,
// function, input field, setting… — and each unit is compared by kind and name as canonical text
// (dsl/format, English keywords, no comments or blank lines), so a reformatted or re-commented file,
// or one written in the other keyword language, shows no change. Each unit also records the names it
// reads (lets, tables, functions, enums, inputs — transitively through lets and functions), so a
// changed let can be traced to the indicators whose points it moved.
// Each change is also named in words by its labels (ruleTitle: “纪律和作风负面清单”中的“迟到早退”事项), and
// an item's shown text keeps its list's label, so a reader never meets the internal `纪律.迟到`.
// Pure: two source texts in, the list out.

import type { Decl, GradesDecl, Member, NegativeDecl, OutcomesDecl, ParsedFile, RewardDecl, Scheme, Span, WhenBlock } from '../dsl/ast.js';
import { format } from '../dsl/format/index.js';
import { parse, SourceFile } from '../dsl/index.js';
import { render, type Locale, type Msg } from '../dsl/i18n/index.js';
import { W } from './messages.js';
import type { RuleChange, RuleKind, RuleSide, SourceText } from './types.js';

/** One declaration unit of a source: its canonical text (`key` compares), where it is, what it reads. */
export interface RuleUnit {
  kind: RuleKind; name: string; span: Span;
  /** The synthetic one-declaration scheme it formats as. */
  decl: Decl; prefix: string;
  /** Names it reads directly (lets, tables, functions, inputs, enums, indicators). */
  reads: Set<string>;
  /** Its label (`"迟到早退"`) when declared with one; an item's list: its kind and label (or name). */
  label?: string;
  list?: { kind: 'Negative' | 'Reward'; label: string };
  /** What its side's text shows when that differs from `decl` (an item with its list's label). */
  shown?: Decl;
}

export interface RuleIndex { file: SourceFile; parsed: ParsedFile; units: Map<string, RuleUnit> }

export const ruleKey = (kind: RuleKind, name: string) => `${kind}\u0000${name}`;

/** Every name an expression (or any AST fragment) reads: bare names and called functions. */
function readsOf(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) { for (const x of node) readsOf(x, out); return out; }
  if (!node || typeof node !== 'object') return out;
  const n = node as { kind?: string; name?: unknown; callee?: { name: string } };
  if (n.kind === 'Name' && typeof n.name === 'string') out.add(n.name);
  if (n.kind === 'Call' && n.callee) out.add(n.callee.name);
  for (const [k, v] of Object.entries(node)) if (k !== 'span' && v && typeof v === 'object') readsOf(v, out);
  return out;
}

const named = (kind: RuleKind, name: string, span: Span, decl: Decl, reads: unknown, prefix = '', label?: { value: string }): RuleUnit =>
  ({ kind, name, span, decl, prefix, reads: readsOf(reads), ...(label && { label: label.value }) });

/** The units of a member tree: an indicator or group carries the groups above it (as a prefix) and
 * the `when` blocks above it (formatted around it, so their conditions are part of its text). */
function memberUnits(members: readonly Member[], prefix: string, whens: WhenBlock[], out: RuleUnit[]): void {
  const wrap = (m: Decl): Decl => whens.reduceRight<Decl>((inner, w) => ({ ...w, members: [inner as Member] }), m);
  for (const m of members) {
    if (m.kind === 'When') { memberUnits(m.members, prefix, [...whens, m], out); continue; }
    const conds = whens.map((w) => w.cond);
    if (m.kind === 'Indicator') {
      out.push(named('indicator', m.name.name, m.span, wrap(m), [m.value, m.share, m.range, ...conds], prefix, m.label));
      continue;
    }
    out.push(named('group', m.name.name, m.span, wrap({ ...m, members: [] }), [m.share, ...conds], prefix, m.label));
    memberUnits(m.members, `${prefix}in ${m.name.name}\n`, whens, out);
  }
}

/** Every unit of a scheme, in declaration order (indicators and groups last, in tree order). */
function unitsOf(scheme: Scheme): RuleUnit[] {
  const out: RuleUnit[] = [];
  const top: Member[] = [];
  for (const d of scheme.decls) {
    switch (d.kind) {
      case 'Setting': out.push(named('setting', d.key, d.span, d, d)); break;
      case 'Enum': out.push(named('enum', d.name.name, d.span, d, [])); break;
      case 'Table': out.push(named('table', d.name.name, d.span, d, d.entries)); break;
      case 'Panel': out.push(named('panel', d.name.name, d.span, d, [])); break;
      case 'Scale': out.push(named('scale', d.name.name, d.span, d, [])); break;
      case 'Let': out.push(named('let', d.name.name, d.span, d, d.value)); break;
      case 'Adjust': out.push(named('adjust', d.name.name, d.span, d, d.value)); break;
      case 'Function': out.push(named('function', d.name.name, d.span, d, d.body)); break;
      case 'Input': for (const f of d.fields) out.push(named('input', f.name.name, f.span, { ...d, fields: [f] }, f.default)); break;
      case 'Indicator': case 'Group': case 'When': top.push(d); break;
      case 'Negative': case 'Reward': listUnits(d, out); break;
      case 'Grades': gradeUnits(d, out); break;
      case 'Outcomes': outcomeUnits(d, out); break;
      case 'Example': break; // examples check the scheme; they never change a result
    }
  }
  memberUnits(top, '', [], out);
  return out;
}

function listUnits(d: NegativeDecl | RewardDecl, out: RuleUnit[]): void {
  out.push({ ...named('list', d.name.name, d.span, { ...d, items: [] }, d.max, '', d.label), list: { kind: d.kind, label: d.label?.value ?? d.name.name } });
  for (const item of d.items) {
    // Compared without the list's label and max (their own unit, `list`); shown with the label.
    const wrapper = { ...d, label: undefined, max: undefined, items: [item] } as NegativeDecl | RewardDecl;
    out.push({
      ...named('item', `${d.name.name}.${item.name.name}`, item.span, wrapper, [item.when, item.effects], '', item.label),
      list: { kind: d.kind, label: d.label?.value ?? d.name.name }, shown: { ...wrapper, label: d.label },
    });
  }
}

function gradeUnits(d: GradesDecl, out: RuleUnit[]): void {
  out.push(named('grades', 'grades', d.span, { ...d, grades: [] }, d.tiebreak));
  for (const g of d.grades) {
    out.push(named('grade', g.name.name, g.span, { ...d, tiebreak: [], committee: undefined, grades: [g] }, [g.when, g.quotas], '', g.label));
  }
}

function outcomeUnits(d: OutcomesDecl, out: RuleUnit[]): void {
  const empty: OutcomesDecl = { kind: 'Outcomes', actions: [], span: d.span };
  if (d.bonus) out.push(named('bonus', 'bonus', d.bonus.span, { ...empty, bonus: d.bonus }, d.bonus.entries));
  for (const a of d.actions) out.push(named('action', a.name.name, a.span, { ...empty, actions: [a] }, a.when));
  if (d.improve) out.push(named('improve', 'improve', d.improve.span, { ...empty, improve: d.improve }, d.improve.below));
}

/** A source cut into units (undefined when it does not parse to a tree). */
export function ruleIndex(src: SourceText): RuleIndex | undefined {
  const file = new SourceFile(src.text, src.path ?? '<input>');
  const parsed = parse(file).value;
  if (!parsed.scheme) return undefined;
  const units = new Map<string, RuleUnit>();
  for (const u of unitsOf(parsed.scheme)) {
    let name = u.name;
    // Two units of one kind and name (a `when` repeating an indicator's name is an error the checker
    // reports; a recovered tree may still hold it): numbered, so neither is lost.
    for (let i = 2; units.has(ruleKey(u.kind, name)); i++) name = `${u.name}#${i}`;
    units.set(ruleKey(u.kind, name), { ...u, name });
  }
  return { file, parsed, units };
}

/** The unit as canonical text: its declaration alone in a scheme, English keywords (or the file's
 * own, for showing), comments and blank lines dropped. */
export function unitText(index: RuleIndex, u: RuleUnit, keywords?: 'en' | 'zh', decl: Decl = u.decl): string {
  const scheme: Scheme = { kind: 'Scheme', name: { name: 'x', span: u.span }, decls: [decl], span: decl.span };
  const text = format({ ...index.parsed, scheme, comments: [] }, index.file, keywords ? { keywords } : {});
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  // Drop the synthetic `scheme x {` … `}` and un-indent.
  return lines.slice(1, -1).map((l) => l.replace(/^ {2}/, '')).join('\n');
}

const comparable = (index: RuleIndex, u: RuleUnit) => `${u.prefix}${unitText(index, u, 'en')}`;

function side(index: RuleIndex, u: RuleUnit): RuleSide {
  const r = index.file.range(u.span);
  return { line: r.start.line, endLine: r.end.line, text: unitText(index, u, undefined, u.shown) };
}

/** A declaration in words, by its labels: `long` names an item with its list (the rule list's
 * `title`), the short form without (a person's reason). */
export function ruleWords(u: Pick<RuleUnit, 'kind' | 'name' | 'label' | 'list'>, long: boolean): Msg {
  const label = u.label ?? (u.kind === 'item' ? u.name.slice(u.name.indexOf('.') + 1) : u.name);
  switch (u.kind) {
    case 'item': return long && u.list ? W.rule_itemOf({ label, list: u.list.label }) : W.rule_item({ label });
    case 'list': return u.list?.kind === 'Reward' ? W.rule_reward({ label }) : W.rule_negative({ label });
    case 'grades': return W.rule_grades();
    case 'bonus': return W.rule_bonus();
    case 'improve': return W.rule_improve();
    default: return W[`rule_${u.kind}`]({ label });
  }
}

/** Each change's unit (in the version simulated, else the round's), for its words. */
const unitOfChange = (before: RuleIndex, after: RuleIndex, c: RuleChange): RuleUnit | undefined =>
  after.units.get(ruleKey(c.kind, c.name)) ?? before.units.get(ruleKey(c.kind, c.name));

/** The change named in words (`title`), in `lang`. */
export function ruleTitle(before: RuleIndex, after: RuleIndex, c: RuleChange, lang: Locale, long = true): string {
  return render(ruleWords(unitOfChange(before, after, c) ?? c, long), lang);
}

/** The declarations that differ, in the simulated source's order (by line), then those removed (by
 * their line in the round's version). */
export function ruleChanges(before: RuleIndex, after: RuleIndex, lang: Locale = 'en'): RuleChange[] {
  const out: RuleChange[] = [];
  for (const [key, u] of after.units) {
    const was = before.units.get(key);
    if (!was) { out.push({ kind: u.kind, name: u.name, change: 'added', after: side(after, u) }); continue; }
    if (comparable(before, was) !== comparable(after, u)) {
      out.push({ kind: u.kind, name: u.name, change: 'changed', before: side(before, was), after: side(after, u) });
    }
  }
  for (const [key, u] of before.units) {
    if (!after.units.has(key)) out.push({ kind: u.kind, name: u.name, change: 'removed', before: side(before, u) });
  }
  const order = (c: RuleChange) => (c.after ? c.after.line : 1e9 + c.before!.line);
  for (const c of out) c.title = ruleTitle(before, after, c, lang);
  return out.sort((a, b) => order(a) - order(b));
}

/** The names `name` reads, transitively through lets, adjusts and functions of the same source. */
export function readsClosure(index: RuleIndex, direct: ReadonlySet<string>): Set<string> {
  const seen = new Set<string>();
  const todo = [...direct];
  while (todo.length > 0) {
    const n = todo.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    for (const kind of ['let', 'adjust', 'function'] as const) {
      const u = index.units.get(ruleKey(kind, n));
      if (u) for (const r of u.reads) if (!seen.has(r)) todo.push(r);
    }
  }
  return seen;
}
