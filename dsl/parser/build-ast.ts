// CST → AST for declarations (the scheme, its settings, types, indicators, lists, grades, outcomes,
// examples). Tolerates partial trees from error recovery: missing parts become empty names or
// `Error` expressions, and a declaration whose keyword is missing is dropped.

import type { CstNode } from 'chevrotain';
import type {
  Constraint, Decl, Effect, Field, GradeDecl, Member, NumberLit, Quota, Scheme, Setting, Share, Span, TypeExpr,
} from '../ast.js';
import {
  buildExpr, buildObject, kids, labelOf, nameOf, node, nodes, nodeSpan, numberOf, optExpr, tok, type Children,
} from './build-expr.js';

export function buildScheme(n: CstNode): Scheme {
  const c = kids(n);
  const span = nodeSpan(n);
  return {
    kind: 'Scheme', name: nameOf(tok(c, 'name'), span), label: labelOf(c), span,
    decls: nodes(c, 'decl').flatMap((d) => {
      const inner = Object.values(kids(d))[0]?.[0] as CstNode | undefined;
      const built = inner && buildDecl(inner);
      return built ? [built] : [];
    }),
  };
}

const num = (c: Children, k: string): NumberLit | undefined => {
  const t = tok(c, k);
  return t ? numberOf(t) : undefined;
};

function buildDecl(n: CstNode): Decl | undefined {
  const c = kids(n);
  const span = nodeSpan(n);
  switch (n.name) {
    case 'setting': return buildSetting(c, span);
    case 'enumDecl':
      return {
        kind: 'Enum', name: nameOf(tok(c, 'name'), span), label: labelOf(c), ordered: !!c.ordered, span,
        members: nodes(c, 'enumMember').map((m) => {
          const mc = kids(m), ms = nodeSpan(m, span);
          return { name: nameOf(tok(mc, 'name'), ms), label: labelOf(mc), span: ms };
        }),
      };
    case 'tableDecl':
      return {
        kind: 'Table', name: nameOf(tok(c, 'name'), span), label: labelOf(c), span,
        entries: buildObject(n, span).entries,
      };
    case 'panelDecl': return buildPanel(n);
    case 'inputDecl': return { kind: 'Input', fields: nodes(c, 'field').map(buildField), span };
    case 'letDecl': {
      const common = { name: nameOf(tok(c, 'name'), span), label: labelOf(c), value: buildExpr(node(c, 'value'), span), span };
      return tok(c, 'kw')?.tokenType.name === 'Kw_adjust' ? { kind: 'Adjust', ...common } : { kind: 'Let', ...common };
    }
    case 'member': return buildMember(n);
    case 'ruleList': return buildRuleList(n);
    case 'gradesDecl': return buildGrades(n);
    case 'outcomesDecl': return buildOutcomes(n);
    case 'exampleDecl':
      return {
        kind: 'Example', name: nameOf(tok(c, 'name'), span), label: labelOf(c), span,
        given: buildObject(node(c, 'given'), span),
        expects: nodes(c, 'expect').map((e) => buildExpr(e, span)),
      };
    default: return undefined;
  }
}

function buildSetting(c: Children, span: Span): Setting | undefined {
  const key = tok(c, 'key')?.tokenType.name;
  const value = tok(c, 'value');
  switch (key) {
    case 'Kw_version':
      return value && { kind: 'Setting', key: 'version', value: labelOf({ label: [value] })!, span };
    case 'Kw_period': {
      const p = value?.tokenType.name.slice(3) as 'annual' | 'quarterly' | 'monthly' | 'special' | undefined;
      return p && { kind: 'Setting', key: 'period', value: p, span };
    }
    case 'Kw_precision': case 'Kw_total':
      return value && { kind: 'Setting', key: key === 'Kw_total' ? 'total' : 'precision', value: numberOf(value), span };
    case 'Kw_cohortBy':
      return { kind: 'Setting', key: 'cohortBy', value: buildExpr(node(c, 'expr'), span), span };
    default: return undefined;
  }
}

function buildPanel(n: CstNode): Decl {
  const c = kids(n);
  const span = nodeSpan(n);
  const trimNode = node(c, 'trimRule');
  const tc = kids(trimNode);
  const count = num(tc, 'count'), atLeast = num(tc, 'atLeast');
  const mode = tok(c, 'missingMode')?.tokenType.name.slice(3) as 'renormalize' | 'zero' | 'error' | undefined;
  const missingTok = tok(c, 'missing');
  return {
    kind: 'Panel', name: nameOf(tok(c, 'name'), span), label: labelOf(c), span,
    categories: nodes(c, 'panelCategory').map((p) => {
      const pc = kids(p), ps = nodeSpan(p, span);
      return {
        name: nameOf(tok(pc, 'name'), ps), label: labelOf(pc), span: ps,
        weight: num(pc, 'num') ?? { kind: 'Number', text: '0', percent: true, span: ps }, min: num(pc, 'min'),
      };
    }),
    trim: count && atLeast ? { count, atLeast, span: nodeSpan(trimNode, span) } : undefined,
    missing: mode && missingTok ? { mode, span: { start: missingTok.startOffset, end: nodeSpan(n).end } } : undefined,
  };
}

function buildField(n: CstNode): Field {
  const c = kids(n);
  const span = nodeSpan(n);
  return {
    name: nameOf(tok(c, 'name'), span), label: labelOf(c), span,
    type: buildType(node(c, 'type'), span), default: optExpr(c, 'default', span),
  };
}

function buildType(n: CstNode | undefined, fallback: Span): TypeExpr {
  const c = kids(n);
  const span = nodeSpan(n, fallback);
  const prim = tok(c, 'prim');
  if (prim) {
    return { kind: 'PrimType', name: prim.tokenType.name.slice(3) as 'number', constraint: buildConstraint(node(c, 'constraint')), span };
  }
  const named = tok(c, 'named');
  if (named) return { kind: 'NamedType', name: nameOf(named, span), constraint: buildConstraint(node(c, 'constraint')), span };
  if (c.list) return { kind: 'ListType', element: buildType(node(c, 'element'), span), min: num(c, 'min'), max: num(c, 'max'), span };
  if (c.record) return { kind: 'RecordType', fields: nodes(c, 'field').map(buildField), span };
  if (c.ratings) return { kind: 'RatingsType', panel: nameOf(tok(c, 'panel'), span), span };
  return { kind: 'ErrorType', span };
}

function buildConstraint(n: CstNode | undefined): Constraint | undefined {
  if (!n) return undefined;
  const c = kids(n);
  const span = nodeSpan(n);
  if (c.in) return { kind: 'Range', lo: buildExpr(node(c, 'lo'), span), hi: buildExpr(node(c, 'hi'), span), span };
  const op = tok(c, 'op');
  return op ? { kind: 'Compare', op: op.image as '>=', value: buildExpr(node(c, 'value'), span), span } : undefined;
}

function buildShare(n: CstNode | undefined): Share | undefined {
  const c = kids(n);
  const kind = tok(c, 'kind');
  const value = num(c, 'num');
  if (!kind || !value) return undefined;
  return { kind: kind.tokenType.name === 'Kw_points' ? 'points' : 'weight', value, span: nodeSpan(n) };
}

function buildMember(n: CstNode): Member | undefined {
  const inner = Object.values(kids(n))[0]?.[0] as CstNode | undefined;
  if (!inner) return undefined;
  const c = kids(inner);
  const span = nodeSpan(inner);
  const members = () => nodes(c, 'member').flatMap((m) => buildMember(m) ?? []);
  switch (inner.name) {
    case 'indicatorDecl': {
      const lo = node(c, 'lo');
      return {
        kind: 'Indicator', name: nameOf(tok(c, 'name'), span), label: labelOf(c), share: buildShare(node(c, 'share')),
        value: buildExpr(node(c, 'value'), span), span,
        range: lo ? { lo: buildExpr(lo, span), hi: buildExpr(node(c, 'hi'), span), span: nodeSpan(lo) } : undefined,
      };
    }
    case 'groupDecl':
      return {
        kind: 'Group', name: nameOf(tok(c, 'name'), span), label: labelOf(c), share: buildShare(node(c, 'share')),
        normalize: !!c.normalize, members: members(), span,
      };
    case 'whenBlock': return { kind: 'When', cond: buildExpr(node(c, 'cond'), span), members: members(), span };
    default: return undefined;
  }
}

function buildRuleList(n: CstNode): Decl {
  const c = kids(n);
  const span = nodeSpan(n);
  const items = nodes(c, 'ruleItem').map((it) => {
    const ic = kids(it), is = nodeSpan(it, span);
    return {
      name: nameOf(tok(ic, 'name'), is), label: labelOf(ic), span: is,
      when: buildExpr(node(ic, 'when'), is), effects: nodes(ic, 'effect').flatMap((e) => buildEffect(e) ?? []),
    };
  });
  const kind = tok(c, 'kw')?.tokenType.name === 'Kw_reward' ? 'Reward' : 'Negative';
  return { kind, name: nameOf(tok(c, 'name'), span), label: labelOf(c), max: optExpr(c, 'max', span), items, span };
}

function buildEffect(n: CstNode): Effect | undefined {
  const c = kids(n);
  const span = nodeSpan(n);
  const kind = tok(c, 'kind')?.tokenType.name.slice(3);
  switch (kind) {
    case 'veto': case 'nograde': return { kind, span };
    case 'cap': return { kind, grade: nameOf(tok(c, 'target'), span), span };
    case 'action': return { kind, action: nameOf(tok(c, 'target'), span), label: labelOf(c), span };
    case 'deduct': case 'add':
      return { kind, amount: buildExpr(node(c, 'amount'), span), per: optExpr(c, 'per', span), max: optExpr(c, 'max', span), span };
    default: return undefined;
  }
}

function buildGrades(n: CstNode): Decl {
  const c = kids(n);
  const span = nodeSpan(n);
  const tiebreak = nodes(c, 'tiebreakKey').map((k) => {
    const kc = kids(k), ks = nodeSpan(k, span);
    return { key: buildExpr(node(kc, 'key'), ks), dir: tok(kc, 'dir')?.tokenType.name === 'Kw_asc' ? 'asc' as const : 'desc' as const, span: ks };
  });
  const grades: GradeDecl[] = nodes(c, 'gradeLine').map((g) => {
    const gc = kids(g), gs = nodeSpan(g, span);
    const quotaTok = tok(gc, 'quota');
    const pct = num(gc, 'num');
    let quota: Quota | undefined;
    if (quotaTok && pct) {
      const round = tok(gc, 'round')?.tokenType.name;
      const of = tok(gc, 'of')?.tokenType.name;
      quota = {
        percent: pct, span: { start: quotaTok.startOffset, end: gs.end }, min: num(gc, 'quotaMin'),
        round: round === 'Kw_roundUp' ? 'up' : round === 'Kw_roundNearest' ? 'nearest' : round ? 'down' : undefined,
        of: of === 'Kw_ofAll' ? 'all' : of ? 'graded' : undefined,
      };
    }
    return { name: nameOf(tok(gc, 'name'), gs), label: labelOf(gc), when: optExpr(gc, 'when', gs), otherwise: !!gc.otherwise, quota, span: gs };
  });
  return { kind: 'Grades', tiebreak, grades, span };
}

function buildOutcomes(n: CstNode): Decl {
  const c = kids(n);
  const span = nodeSpan(n);
  const bonusTok = tok(c, 'bonus');
  const improveTok = tok(c, 'improve');
  const below = node(c, 'below');
  return {
    kind: 'Outcomes', span,
    bonus: bonusTok ? {
      span: { start: bonusTok.startOffset, end: span.end },
      entries: nodes(c, 'entry').map((e) => {
        const ec = kids(e), es = nodeSpan(e, span);
        return { grade: nameOf(tok(ec, 'key'), es), value: buildExpr(node(ec, 'value'), es), span: es };
      }),
    } : undefined,
    actions: nodes(c, 'outcomeAction').map((a) => {
      const ac = kids(a), as = nodeSpan(a, span);
      return { kind: 'OutcomeAction' as const, name: nameOf(tok(ac, 'name'), as), label: labelOf(ac), when: buildExpr(node(ac, 'when'), as), span: as };
    }),
    improve: improveTok && below ? {
      below: buildExpr(below, span), max: num(c, 'improveMax'),
      span: { start: improveTok.startOffset, end: nodeSpan(below).end },
    } : undefined,
  };
}
