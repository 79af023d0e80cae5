// The document outline (Ctrl+Shift+O, breadcrumbs): the scheme's declarations as a tree, groups
// holding their indicators, `when` blocks folded into their parent. Blocks without a name (`input`,
// `grades`, `outcomes`) are named by their keyword as the file spells it.

import type { Decl, Member, Span } from '../ast.js';
import { keywordText } from '../keywords.js';
import type { ServiceDocument } from './document.js';

export type OutlineKind = 'scheme' | 'enum' | 'table' | 'panel' | 'input' | 'let' | 'group' | 'indicator' | 'list' | 'grades' | 'outcomes' | 'example' | 'function';

export interface OutlineItem {
  name: string;
  detail?: string;
  kind: OutlineKind;
  /** The whole declaration, and its name. */
  span: Span;
  nameSpan: Span;
  children: OutlineItem[];
}

export function outline(doc: ServiceDocument): OutlineItem[] {
  const s = doc.analysis.parsed.scheme;
  if (!s) return [];
  const children: OutlineItem[] = [];
  const members = (ms: Member[], into: OutlineItem[]) => {
    for (const m of ms) {
      if (m.kind === 'When') { members(m.members, into); continue; }
      const item: OutlineItem = { name: m.name.name, detail: m.label?.value, kind: m.kind === 'Group' ? 'group' : 'indicator', span: m.span, nameSpan: m.name.span, children: [] };
      if (m.kind === 'Group') members(m.members, item.children);
      into.push(item);
    }
  };
  for (const d of s.decls as Decl[]) {
    switch (d.kind) {
      case 'Enum': case 'Table': case 'Panel': case 'Let': case 'Example': case 'Function':
        children.push({ name: d.name.name, detail: d.label?.value, kind: d.kind.toLowerCase() as OutlineKind, span: d.span, nameSpan: d.name.span, children: [] });
        break;
      case 'Negative': case 'Reward':
        children.push({ name: d.name.name, detail: d.label?.value, kind: 'list', span: d.span, nameSpan: d.name.span, children: [] });
        break;
      case 'Input':
        children.push({ name: keywordText('input', doc.lang), kind: 'input', span: d.span, nameSpan: { start: d.span.start, end: d.span.start }, children: d.fields.map((f) => ({ name: f.name.name, detail: f.label?.value, kind: 'input' as const, span: f.span, nameSpan: f.name.span, children: [] })) });
        break;
      case 'Grades': case 'Outcomes':
        children.push({ name: keywordText(d.kind === 'Grades' ? 'grades' : 'outcomes', doc.lang), kind: d.kind === 'Grades' ? 'grades' : 'outcomes', span: d.span, nameSpan: { start: d.span.start, end: d.span.start }, children: [] });
        break;
      case 'Indicator': case 'Group': case 'When': members([d], children); break;
      default: break;
    }
  }
  return [{ name: s.name.name, detail: s.label?.value, kind: 'scheme', span: s.span, nameSpan: s.name.span, children }];
}
