// Hover: what the name under the cursor is, in words an organization-department author reads —
// an indicator's label, weight, effective weight and points at a full score; an input's type,
// constraint and default; a let's formula; a table's entries; an enum's members. Keywords show
// their spelling in the other language. Markdown; code in ```kaohe fences.

import type { Span } from '../ast.js';
import { keywordText } from '../keywords.js';
import type { Sym } from '../symbols.js';
import type { ServiceDocument } from './document.js';
import { builtinDoc, word, type UiLang } from './messages.js';
import { occurrenceAt } from './occurrences.js';
import { tokenAt } from './scan.js';
import type { Target } from './targets.js';
import { effectiveWeight, pct } from './weights.js';

export interface Hover { span: Span; markdown: string }

const MAX_CODE = 240;

export function hover(doc: ServiceDocument, offset: number, ui: UiLang = 'zh'): Hover | undefined {
  const occ = occurrenceAt(doc.occurrences, offset);
  if (occ?.target) return { span: occ.span, markdown: describe(occ.target, doc, ui) };
  const tok = tokenAt(doc.tokens, offset);
  if (tok?.kind === 'keyword' && tok.kw) {
    return { span: { start: tok.start, end: tok.end }, markdown: `${word('keyword', ui)} \`${keywordText(tok.kw, 'en')}\` / \`${keywordText(tok.kw, 'zh')}\`` };
  }
  return undefined;
}

export function describe(t: Target, doc: ServiceDocument, ui: UiLang): string {
  const src = (s: Span) => clip(doc.text.slice(s.start, s.end));
  const code = (s: string) => '```kaohe\n' + s + '\n```';
  const head = (kind: string, name: string, label?: string) => `**${name}**${label ? ` “${label}”` : ''} — ${kind}`;
  const lines: string[] = [];
  switch (t.kind) {
    case 'enum':
      lines.push(head(word('enum', ui) + (t.decl.ordered ? ` (${word('ordered', ui)})` : ''), t.decl.name.name, t.decl.label?.value));
      lines.push(`${word('members', ui)}: ${t.decl.members.map((m) => m.name.name).join(t.decl.ordered ? ' < ' : ', ')}`);
      break;
    case 'binder': lines.push(head(word('binder', ui), t.name), `${word('over', ui)} \`${src(t.agg.list.span)}\``); break;
    case 'result': case 'builtin':
      lines.push(head(word(t.kind, ui), t.name));
      { const d = builtinDoc(t.name, ui); if (d) lines.push(d); }
      break;
    case 'field':
      lines.push(head(word('field', ui), t.field.name.name, t.field.label?.value), code(`${t.field.name.name}: ${src(t.field.type.span)}`));
      break;
    case 'category':
      lines.push(head(`${word('category', ui)} · ${t.panel.name.name}`, t.cat.name.name, t.cat.label?.value), code(src(t.cat.span)));
      break;
    case 'scheme':
      lines.push(head(word('scheme', ui), t.scheme.name.name, t.scheme.label?.value));
      break;
    case 'sym': lines.push(...describeSym(t.sym, doc, ui, src, code, head)); break;
  }
  return lines.join('\n\n');
}

function describeSym(s: Sym, doc: ServiceDocument, ui: UiLang, src: (s: Span) => string, code: (s: string) => string,
  head: (kind: string, name: string, label?: string) => string): string[] {
  const out: string[] = [];
  switch (s.kind) {
    case 'input': {
      const f = s.decl;
      out.push(head(word('input', ui), s.name, f.label?.value), code(`${s.name}: ${src(f.type.span)}`));
      out.push(f.default ? `${word('default', ui)}: \`${src(f.default.span)}\`` : word('required', ui));
      break;
    }
    case 'let': case 'adjust': out.push(head(word(s.kind, ui), s.name, s.decl.label?.value), code(src(s.decl.value.span))); break;
    case 'table': out.push(head(word('table', ui), s.name, s.decl.label?.value), code(src(s.decl.span))); break;
    case 'panel':
      out.push(head(word('panel', ui), s.name, s.decl.label?.value));
      out.push(s.decl.categories.map((c) => `- ${c.name.name}${c.label ? ` “${c.label.value}”` : ''}: ${word('weight', ui)} ${c.weight.text}${c.weight.percent ? '%' : ''}`).join('\n'));
      break;
    case 'indicator': case 'group': {
      out.push(head(word(s.kind, ui), s.name, s.decl.label?.value));
      const share = s.decl.share;
      const facts: string[] = [];
      if (share) facts.push(`${word(share.kind, ui)} ${share.value.text}${share.value.percent ? '%' : ''}`);
      if (s.parent) facts.push(`${word('inGroup', ui)} ${s.parent.name.name}`);
      const eff = doc.symbols ? effectiveWeight(s.decl, doc.symbols) : undefined;
      if (eff?.normalized) facts.push(`${word('effectiveWeight', ui)}: ${word('normalized', ui)}`);
      else if (eff?.weight) facts.push(`${word('effectiveWeight', ui)} ${pct(eff.weight)}`, `${word('maxPoints', ui)} ${eff.points!.toDecimalString(4)}`);
      out.push(facts.join(' · '));
      if (s.conditions.length) out.push(`${word('when', ui)}: \`${s.conditions.map((c) => src(c.span)).join(' and ')}\``);
      if (s.kind === 'indicator') out.push(code(src(s.decl.value.span) + (s.decl.range ? ` ${src(s.decl.range.span)}` : '')));
      break;
    }
    case 'negative': case 'reward':
      out.push(head(word(s.kind, ui), s.name, s.decl.label?.value), s.decl.items.map((i) => `- ${i.name.name}${i.label ? ` “${i.label.value}”` : ''}`).join('\n'));
      break;
    case 'item': out.push(head(`${word('item', ui)} · ${s.list.name.name}`, s.name, s.decl.label?.value), code(src(s.decl.span))); break;
    case 'action': out.push(head(word('action', ui), s.name, s.label)); break;
    case 'example': out.push(head(word('example', ui), s.name, s.decl.label?.value)); break;
    case 'member': {
      const e = doc.symbols?.enums.get(s.enumName);
      out.push(head(`${word('member', ui)} · ${s.enumName}`, s.name, s.decl.label?.value));
      if (e) out.push(`${word('members', ui)}: ${e.members.map((m) => (m.name.name === s.name ? `**${m.name.name}**` : m.name.name)).join(e.ordered ? ' < ' : ', ')}`);
      break;
    }
    case 'grade': {
      const g = s.decl;
      out.push(head(word('grade', ui), s.name, g.label?.value));
      out.push(g.otherwise ? word('otherwise', ui) : g.when ? `${word('condition', ui)}: \`${src(g.when.span)}\`` : '');
      if (g.quota) out.push(`${word('quota', ui)}: \`${src(g.quota.span)}\``);
      break;
    }
  }
  return out.filter((x) => x !== '');
}

function clip(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > MAX_CODE ? `${one.slice(0, MAX_CODE - 1)}…` : one;
}
