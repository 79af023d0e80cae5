// Hover: what the name under the cursor is, in words an organization-department author reads —
// an indicator's label, weight, effective weight and points at a full score; an input's type,
// constraint and default; a let's formula; a table's entries; an enum's members. Keywords show
// their spelling in the other language. Markdown; code in ```kaohe fences.

import type { GradeDecl, Span } from '../ast.js';
import { keywordText, PERIOD_NAMES } from '../keywords.js';
import type { Msg } from '../i18n/index.js';
import type { Sym } from '../symbols.js';
import type { ServiceDocument } from './document.js';
import { builtinDoc, say, W, word, type UiLang } from './messages.js';
import { occurrenceAt } from './occurrences.js';
import { signatureText } from './complete-functions.js';
import { cohortResultDoc } from './complete-cohort-examples.js';
import { tokenAt } from './scan.js';
import { cohortFnDoc } from './complete-cohort.js';
import type { Target } from './targets.js';
import { effectiveWeight, pct } from './weights.js';

export interface Hover { span: Span; markdown: string }

const MAX_CODE = 240;

export function hover(doc: ServiceDocument, offset: number, ui: UiLang = 'zh'): Hover | undefined {
  const occ = occurrenceAt(doc.occurrences, offset);
  if (occ?.target) return { span: occ.span, markdown: describe(occ.target, doc, ui) };
  const tok = tokenAt(doc.tokens, offset);
  if (tok?.kind === 'keyword' && tok.kw) {
    return { span: { start: tok.start, end: tok.end }, markdown: say('keywordHover', ui, { en: keywordText(tok.kw, 'en'), zh: keywordText(tok.kw, 'zh') }) };
  }
  return undefined;
}

export function describe(t: Target, doc: ServiceDocument, ui: UiLang): string {
  const src = (s: Span) => clip(doc.text.slice(s.start, s.end));
  const code = (s: string) => '```kaohe\n' + s + '\n```';
  const head = (kind: string | Msg, name: string, label?: string) => say(label ? 'headLabel' : 'head', ui, { name, kind, ...(label ? { label } : {}) });
  const lines: string[] = [];
  switch (t.kind) {
    case 'enum':
      lines.push(head(t.decl.ordered ? W.ordered({ kind: W.enum() }) : W.enum(), t.decl.name.name, t.decl.label?.value));
      lines.push(say('members', ui, { list: memberList(t.decl.members.map((m) => m.name.name), t.decl.ordered) }));
      break;
    case 'binder': lines.push(head(W.binder(), t.name), say('over', ui, { list: src(t.agg.list.span) })); break;
    case 'result': case 'builtin':
      lines.push(head(t.kind === 'result' && t.name in PERIOD_NAMES ? W.period() : W[t.kind](), t.name)); // periodStart: a period, not a result
      { const d = builtinDoc(t.name, ui) ?? cohortResultDoc(t.name, ui); if (d) lines.push(d); } // cohortResultDoc: `A1.rank` (issue 13)
      break;
    case 'cohortFn': lines.push(cohortFnDoc(t.fn, t.scope, t.written, ui)); break; // issue 13
    case 'field':
      lines.push(head(W.field(), t.field.name.name, t.field.label?.value), code(`${t.field.name.name}: ${src(t.field.type.span)}`));
      break;
    case 'category':
      lines.push(head(W.of({ kind: W.category(), owner: t.panel.name.name }), t.cat.name.name, t.cat.label?.value), code(src(t.cat.span)));
      break;
    case 'scheme':
      lines.push(head(W.scheme(), t.scheme.name.name, t.scheme.label?.value));
      break;
    case 'sym': lines.push(...describeSym(t.sym, doc, ui, src, code, head)); break;
    case 'param': lines.push(head(W.paramOf({ name: t.fn.name.name }), t.param.name.name), code(`${t.param.name.name}: ${src(t.param.type.span)}`)); break;
  }
  return lines.join('\n\n');
}

function describeSym(s: Sym, doc: ServiceDocument, ui: UiLang, src: (s: Span) => string, code: (s: string) => string,
  head: (kind: string | Msg, name: string, label?: string) => string): string[] {
  const out: string[] = [];
  switch (s.kind) {
    case 'input': {
      const f = s.decl;
      out.push(head(W.input(), s.name, f.label?.value), code(`${s.name}: ${src(f.type.span)}`));
      out.push(f.default ? say('defaultValue', ui, { value: src(f.default.span) }) : word('required', ui));
      break;
    }
    case 'let': case 'adjust': out.push(head(W[s.kind](), s.name, s.decl.label?.value), code(src(s.decl.value.span))); break;
    case 'table': out.push(head(W.table(), s.name, s.decl.label?.value), code(src(s.decl.span))); break;
    case 'scale': out.push(head(W.scale(), s.name, s.decl.label?.value), code(src(s.decl.span))); break;
    case 'panel':
      out.push(head(W.panel(), s.name, s.decl.label?.value));
      out.push(s.decl.categories.map((c) => {
        const weight = `${c.weight.text}${c.weight.percent ? '%' : ''}`;
        return c.label ? say('categoryWeightLabel', ui, { name: c.name.name, label: c.label.value, weight }) : say('categoryWeight', ui, { name: c.name.name, weight });
      }).join('\n'));
      break;
    case 'indicator': case 'group': {
      out.push(head(W[s.kind](), s.name, s.decl.label?.value));
      const share = s.decl.share;
      const facts: string[] = [];
      // a conditional share (issue 12) shows its branches' values: `40% / 30%`
      const shown = share && [...(share.cases ?? []).map((c) => c.value), share.value].map((v) => `${v.text}${v.percent ? '%' : ''}`).join(' / ');
      if (share) facts.push(say('share', ui, { kind: W[share.kind](), value: shown! }));
      if (s.parent) facts.push(say('inGroup', ui, { name: s.parent.name.name }));
      const eff = doc.symbols ? effectiveWeight(s.decl, doc.symbols) : undefined;
      if (eff?.normalized) facts.push(say('effectiveNormalized', ui));
      else if (eff?.weight) facts.push(say('effectiveWeight', ui, { weight: pct(eff.weight) }), say('maxPoints', ui, { points: eff.points!.toDecimalString(4) }));
      out.push(facts.join(' · '));
      // The conditions are code: joined with the file's own `and`.
      if (s.conditions.length) out.push(say('appliesWhen', ui, { conditions: s.conditions.map((c) => src(c.span)).join(` ${keywordText('and', doc.lang)} `) }));
      if (s.kind === 'indicator') out.push(code(src(s.decl.value.span) + (s.decl.range ? ` ${src(s.decl.range.span)}` : '')));
      break;
    }
    case 'negative': case 'reward':
      out.push(head(W[s.kind](), s.name, s.decl.label?.value), s.decl.items.map((i) => `- ${i.name.name}${i.label ? ` “${i.label.value}”` : ''}`).join('\n'));
      break;
    case 'item': out.push(head(W.of({ kind: W.item(), owner: s.list.name.name }), s.name, s.decl.label?.value), code(src(s.decl.span))); break;
    case 'action': out.push(head(W.action(), s.name, s.label)); break;
    case 'example': out.push(head(W.example(), s.name, s.decl.label?.value)); break;
    case 'function': out.push(head(W.function(), s.name, s.decl.label?.value), code(signatureText(s.decl, doc.text)), word('pure', ui)); break;
    case 'member': {
      const e = doc.symbols?.enums.get(s.enumName);
      out.push(head(W.of({ kind: W.member(), owner: s.enumName }), s.name, s.decl.label?.value));
      if (e) out.push(say('members', ui, { list: memberList(e.members.map((m) => (m.name.name === s.name ? `**${m.name.name}**` : m.name.name)), e.ordered) }));
      break;
    }
    case 'grade': out.push(head(W.grade(), s.name, s.decl.label?.value), ...gradeRules(s.name, s.decl, doc, ui, src)); break;
  }
  return out.filter((x) => x !== '');
}

/** Every line of a grade (issue 13: several rules), in file order: its conditions, then its quotas. */
function gradeRules(name: string, g: GradeDecl, doc: ServiceDocument, ui: UiLang, src: (s: Span) => string): string[] {
  const lines = doc.symbols?.grades.filter((x) => x.name.name === name) ?? [g];
  return [
    ...lines.map((l) => (l.otherwise ? word('otherwise', ui) : l.when ? say('condition', ui, { code: src(l.when.span) }) : '')),
    ...lines.flatMap((l) => l.quotas).map((q) => say('quota', ui, { code: src(q.span) })),
  ];
}

/** Members of an enum: ordered ones as a ranking (`a < b < c`), others as a list (joined per locale). */
function memberList(names: string[], ordered: boolean): string | string[] {
  return ordered ? names.join(' < ') : names;
}

function clip(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > MAX_CODE ? `${one.slice(0, MAX_CODE - 1)}…` : one;
}
