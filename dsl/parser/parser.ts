// The declaration grammar of kaohe (LANGUAGE.md §2–§10), building the AST directly. See
// parser-base.ts for the two conventions every rule here follows (ACTION for anything that reads
// parse results; cached alternatives return values instead of capturing locals).

import type { IToken } from 'chevrotain';
import type {
  Constraint, Decl, Effect, Expr, Field, GradeDecl, Label, Member, Name, NumberLit, Quota, RuleItem, Scheme, Setting,
  Share, Span, TiebreakKey, TypeExpr, OutcomesDecl, PanelDecl, ObjectEntry,
} from '../ast.js';
import { Arrow, Assign, Colon, Comma, GtEq, Gt, Identifier, Kw, LBracket, LCurly, Lt, LtEq, NumberLit as NumberTok, RBracket, RCurly, StringLit } from './tokens.js';
import { numberOf, ParserBase, real, tokSpan } from './parser-base.js';

const nameOf = (t: IToken): Name => (real(t) ? { name: t.image, span: tokSpan(t) } : { name: '', span: { start: 0, end: 0 } });
const optNumber = (t: IToken | undefined): NumberLit | undefined => (real(t) ? numberOf(t) : undefined);
const ROUND: Record<string, Quota['round']> = { Kw_roundUp: 'up', Kw_roundNearest: 'nearest' };
const kwName = (t: IToken) => t.tokenType.name.slice(3); // `Kw_annual` → `annual`

export class KaoheParser extends ParserBase {
  constructor() {
    super();
    this.performSelfAnalysis();
  }

  /** The scheme being parsed, so a file that fails beyond recovery (truncated mid-declaration) still
   * yields every declaration completed before the failure. */
  private partial?: { name: Name; label?: Label; decls: Decl[]; start: number };

  public scheme = this.RULE('scheme', (): Scheme => {
    const kw = this.CONSUME(Kw.scheme);
    const name = this.CONSUME(Identifier);
    const label = this.label();
    const decls: Decl[] = [];
    this.ACTION(() => { this.partial = { name: nameOf(name), label, decls, start: kw.startOffset }; });
    this.CONSUME(LCurly);
    this.MANY(() => { const d = this.SUBRULE(this.decl); this.ACTION(() => { if (d) decls.push(d); }); });
    this.close(RCurly);
    return this.ACTION(() => ({ kind: 'Scheme' as const, name: nameOf(name), label, decls, span: this.spanFrom(kw.startOffset) }));
  }, { recoveryValueFunc: () => this.recoverScheme() });

  private recoverScheme(): Scheme {
    const p = this.partial;
    this.partial = undefined;
    if (!p) return undefined as unknown as Scheme;
    return { kind: 'Scheme', name: p.name, label: p.label, decls: p.decls, span: this.spanFrom(p.start) };
  }

  private decl = this.RULE('decl', (): Decl | undefined => this.OR(this.alts(20, () => [
    { ALT: () => this.SUBRULE(this.setting) },
    { ALT: () => this.SUBRULE(this.enumDecl) },
    { ALT: () => this.SUBRULE(this.tableDecl) },
    { ALT: () => this.SUBRULE(this.panelDecl) },
    { ALT: () => this.SUBRULE(this.inputDecl) },
    { ALT: () => this.SUBRULE(this.letDecl) },
    { ALT: () => this.SUBRULE(this.indicatorDecl) },
    { ALT: () => this.SUBRULE(this.groupDecl) },
    { ALT: () => this.SUBRULE(this.whenBlock) },
    { ALT: () => this.SUBRULE(this.ruleList) },
    { ALT: () => this.SUBRULE(this.gradesDecl) },
    { ALT: () => this.SUBRULE(this.outcomesDecl) },
    { ALT: () => this.SUBRULE(this.exampleDecl) },
  ])), { recoveryValueFunc: () => undefined });

  private setting = this.RULE('setting', (): Setting | undefined => {
    const start = this.nextStart();
    const s = this.OR(this.alts(21, () => [
      { ALT: () => { this.CONSUME(Kw.version); return { version: this.CONSUME(StringLit) }; } },
      { ALT: () => { this.CONSUME(Kw.period); return { period: this.anyOf(22, [Kw.annual, Kw.quarterly, Kw.monthly, Kw.special]) }; } },
      { ALT: () => { this.CONSUME(Kw.precision); return { precision: this.CONSUME(NumberTok) }; } },
      { ALT: () => { this.CONSUME(Kw.total); return { total: this.CONSUME1(NumberTok) }; } },
      { ALT: () => { this.CONSUME(Kw.cohortBy); return { cohortBy: this.SUBRULE(this.expression) }; } },
    ]));
    return this.ACTION((): Setting | undefined => {
      const span = this.spanFrom(start);
      if ('version' in s) return real(s.version) ? { kind: 'Setting', key: 'version', value: { value: (s.version as IToken & { value: string }).value, span: tokSpan(s.version) }, span } : undefined;
      if ('period' in s) return real(s.period) ? { kind: 'Setting', key: 'period', value: kwName(s.period) as 'annual', span } : undefined;
      if ('precision' in s) return real(s.precision) ? { kind: 'Setting', key: 'precision', value: numberOf(s.precision), span } : undefined;
      if ('total' in s) return real(s.total) ? { kind: 'Setting', key: 'total', value: numberOf(s.total), span } : undefined;
      return { kind: 'Setting', key: 'cohortBy', value: s.cohortBy, span };
    });
  }, { recoveryValueFunc: () => undefined });

  private enumDecl = this.RULE('enumDecl', (): Decl | undefined => {
    const kw = this.CONSUME(Kw.enum);
    const name = this.CONSUME(Identifier);
    const label = this.label();
    const ordered = this.OPTION(() => this.CONSUME(Kw.ordered));
    this.CONSUME(LCurly);
    const members: { name: Name; label?: { value: string; span: Span }; span: Span }[] = [];
    this.commaList(7, () => {
      const m = this.CONSUME1(Identifier);
      const l = this.label(8);
      this.ACTION(() => members.push({ name: nameOf(m), label: l, span: this.spanFrom(m.startOffset) }));
    });
    this.CONSUME(RCurly);
    return this.ACTION(() => ({ kind: 'Enum' as const, name: nameOf(name), label, ordered: real(ordered), members, span: this.spanFrom(kw.startOffset) }));
  }, { recoveryValueFunc: () => undefined });

  private tableDecl = this.RULE('tableDecl', (): Decl | undefined => {
    const kw = this.CONSUME(Kw.table);
    const name = this.CONSUME(Identifier);
    const label = this.label();
    const obj = this.SUBRULE(this.objectLit);
    return this.ACTION(() => ({ kind: 'Table' as const, name: nameOf(name), label, entries: obj.entries, span: this.spanFrom(kw.startOffset) }));
  }, { recoveryValueFunc: () => undefined });

  private panelDecl = this.RULE('panelDecl', (): Decl | undefined => {
    const kw = this.CONSUME(Kw.panel);
    const name = this.CONSUME(Identifier);
    const label = this.label();
    this.CONSUME(LCurly);
    const panel: Pick<PanelDecl, 'categories' | 'trim' | 'missing'> = { categories: [] };
    this.MANY(() => {
      const start = this.nextStart();
      const item = this.OR(this.alts(23, () => [
        { ALT: () => {
          const n = this.CONSUME1(Identifier);
          const l = this.label(8);
          this.CONSUME(Kw.weight);
          const w = this.number();
          const min = this.OPTION(() => { this.CONSUME(Kw.min); return this.CONSUME(NumberTok); });
          this.OPTION1(() => this.CONSUME(Comma));
          return { category: { n, l, w, min } };
        } },
        { ALT: () => {
          this.CONSUME(Kw.trim);
          const count = this.CONSUME1(NumberTok);
          this.CONSUME(Kw.when);
          this.CONSUME2(Identifier); // `count` / `计数`
          this.CONSUME(GtEq);
          return { trim: { count, atLeast: this.CONSUME2(NumberTok) } };
        } },
        { ALT: () => { this.CONSUME(Kw.missing); return { missing: this.anyOf(24, [Kw.renormalize, Kw.zero, Kw.error]) }; } },
      ]));
      this.ACTION(() => {
        const span = this.spanFrom(start);
        if ('category' in item) {
          const c = item.category;
          panel.categories.push({ name: nameOf(c.n), label: c.l, weight: optNumber(c.w) ?? { kind: 'Number', text: '0', percent: true, span }, min: optNumber(c.min), span });
        } else if ('trim' in item) {
          if (real(item.trim.count) && real(item.trim.atLeast)) panel.trim = { count: numberOf(item.trim.count), atLeast: numberOf(item.trim.atLeast), span };
        } else if (real(item.missing)) panel.missing = { mode: kwName(item.missing) as 'zero', span };
      });
    });
    this.close(RCurly);
    return this.ACTION(() => ({ kind: 'Panel' as const, name: nameOf(name), label, ...panel, span: this.spanFrom(kw.startOffset) }));
  }, { recoveryValueFunc: () => undefined });

  private inputDecl = this.RULE('inputDecl', (): Decl | undefined => {
    const kw = this.CONSUME(Kw.input);
    const fields = this.SUBRULE(this.fieldBlock);
    return this.ACTION(() => ({ kind: 'Input' as const, fields, span: this.spanFrom(kw.startOffset) }));
  }, { recoveryValueFunc: () => undefined });

  /** `{ field, … }` — the input block and record types. */
  private fieldBlock = this.RULE('fieldBlock', (): Field[] => {
    this.CONSUME(LCurly);
    const fields: Field[] = [];
    this.commaList(7, () => { const f = this.SUBRULE(this.field); this.ACTION(() => { if (f) fields.push(f); }); });
    this.close(RCurly);
    return fields;
  });

  private field = this.RULE('field', (): Field | undefined => {
    const name = this.CONSUME(Identifier);
    const label = this.label();
    this.CONSUME(Colon);
    const type = this.SUBRULE(this.typeExpr);
    const dflt = this.OPTION(() => { this.CONSUME(Assign); return this.SUBRULE(this.expression); });
    return this.ACTION(() => ({ name: nameOf(name), label, type, default: dflt, span: this.spanFrom(name.startOffset) }));
  }, { recoveryValueFunc: () => undefined });

  private typeExpr = this.RULE('typeExpr', (): TypeExpr => {
    const start = this.nextStart();
    const t = this.OR(this.alts(25, () => [
      { ALT: () => {
        const base = this.OR1(this.alts(26, () => [
          { ALT: () => this.CONSUME(Kw.number) }, { ALT: () => this.CONSUME(Kw.integer) },
          { ALT: () => this.CONSUME(Kw.bool) }, { ALT: () => this.CONSUME(Kw.text) },
          { ALT: () => this.CONSUME(Identifier) },
        ]));
        return { base, constraint: this.OPTION(() => this.SUBRULE(this.constraint)) };
      } },
      { ALT: () => {
        this.CONSUME(Kw.listOf);
        const element = this.SUBRULE(this.typeExpr);
        const min = this.OPTION1(() => { this.CONSUME(Kw.min); return this.CONSUME(NumberTok); });
        const max = this.OPTION2(() => { this.CONSUME(Kw.max); return this.CONSUME1(NumberTok); });
        return { element, min, max };
      } },
      { ALT: () => ({ record: this.SUBRULE(this.fieldBlock) }) },
      { ALT: () => { this.CONSUME(Kw.ratingsOf); return { panel: this.CONSUME1(Identifier) }; } },
    ]));
    return this.ACTION((): TypeExpr => {
      const span = this.spanFrom(start);
      if ('base' in t) {
        if (t.base.tokenType === Identifier) return { kind: 'NamedType', name: nameOf(t.base), constraint: t.constraint, span };
        return { kind: 'PrimType', name: kwName(t.base) as 'number', constraint: t.constraint, span };
      }
      if ('element' in t) return { kind: 'ListType', element: t.element, min: optNumber(t.min), max: optNumber(t.max), span };
      if ('record' in t) return { kind: 'RecordType', fields: t.record, span };
      return { kind: 'RatingsType', panel: nameOf(t.panel), span };
    });
  }, { recoveryValueFunc: (): TypeExpr => ({ kind: 'ErrorType', span: { start: 0, end: 0 } }) });

  private constraint = this.RULE('constraint', (): Constraint => {
    const start = this.nextStart();
    const c = this.OR(this.alts(27, () => [
      { ALT: () => {
        this.CONSUME(Kw.in);
        this.CONSUME(LBracket);
        const lo = this.SUBRULE(this.opExpr);
        this.CONSUME(Comma);
        const hi = this.SUBRULE1(this.opExpr);
        this.CONSUME(RBracket);
        return { lo, hi };
      } },
      { ALT: () => ({ op: this.anyOf(28, [GtEq, Gt, LtEq, Lt]), value: this.SUBRULE2(this.opExpr) }) },
    ]));
    return this.ACTION((): Constraint => {
      const span = this.spanFrom(start);
      return 'lo' in c ? { kind: 'Range', lo: c.lo, hi: c.hi, span } : { kind: 'Compare', op: c.op.image as '>=', value: c.value, span };
    });
  });

  private letDecl = this.RULE('letDecl', (): Decl | undefined => {
    const kw = this.OR(this.alts(29, () => [{ ALT: () => this.CONSUME(Kw.let) }, { ALT: () => this.CONSUME(Kw.adjust) }]));
    const name = this.CONSUME(Identifier);
    const label = this.label();
    this.CONSUME(Assign);
    const value = this.SUBRULE(this.expression);
    return this.ACTION(() => {
      const common = { name: nameOf(name), label, value, span: this.spanFrom(kw.startOffset) };
      return kw.tokenType === Kw.adjust ? { kind: 'Adjust' as const, ...common } : { kind: 'Let' as const, ...common };
    });
  }, { recoveryValueFunc: () => undefined });

  private share = this.RULE('share', (): Share | undefined => {
    const kind = this.OR(this.alts(30, () => [{ ALT: () => this.CONSUME(Kw.weight) }, { ALT: () => this.CONSUME(Kw.points) }]));
    const value = this.number();
    return this.ACTION(() => (real(value)
      ? { kind: kind.tokenType === Kw.points ? 'points' as const : 'weight' as const, value: numberOf(value), span: this.spanFrom(kind.startOffset) }
      : undefined));
  }, { recoveryValueFunc: () => undefined });

  private members = (into: Member[]) => {
    this.MANY8(() => {
      const m = this.OR8(this.alts(31, () => [
        { ALT: () => this.SUBRULE8(this.indicatorDecl) },
        { ALT: () => this.SUBRULE8(this.groupDecl) },
        { ALT: () => this.SUBRULE8(this.whenBlock) },
      ]));
      this.ACTION(() => { if (m) into.push(m); });
    });
  };

  private indicatorDecl = this.RULE('indicatorDecl', (): Member | undefined => {
    const kw = this.CONSUME(Kw.indicator);
    const name = this.CONSUME(Identifier);
    const label = this.label();
    const share = this.OPTION(() => this.SUBRULE(this.share));
    this.CONSUME(Assign);
    const value = this.SUBRULE(this.expression);
    const range = this.OPTION1(() => {
      const r = this.CONSUME(Kw.range);
      this.CONSUME(LBracket);
      const lo = this.SUBRULE1(this.expression);
      this.CONSUME(Comma);
      const hi = this.SUBRULE2(this.expression);
      this.CONSUME(RBracket);
      return this.ACTION(() => ({ lo, hi, span: this.spanFrom(r.startOffset) }));
    });
    return this.ACTION(() => ({ kind: 'Indicator' as const, name: nameOf(name), label, share, value, range, span: this.spanFrom(kw.startOffset) }));
  }, { recoveryValueFunc: () => undefined });

  private groupDecl = this.RULE('groupDecl', (): Member | undefined => {
    const kw = this.CONSUME(Kw.group);
    const name = this.CONSUME(Identifier);
    const label = this.label();
    const share = this.OPTION(() => this.SUBRULE(this.share));
    const normalize = this.OPTION1(() => this.CONSUME(Kw.normalize));
    this.CONSUME(LCurly);
    const members: Member[] = [];
    this.members(members);
    this.close(RCurly);
    return this.ACTION(() => ({ kind: 'Group' as const, name: nameOf(name), label, share, normalize: real(normalize), members, span: this.spanFrom(kw.startOffset) }));
  }, { recoveryValueFunc: () => undefined });

  private whenBlock = this.RULE('whenBlock', (): Member | undefined => {
    const kw = this.CONSUME(Kw.when);
    const cond = this.SUBRULE(this.expression);
    this.CONSUME(LCurly);
    const members: Member[] = [];
    this.members(members);
    this.close(RCurly);
    return this.ACTION(() => ({ kind: 'When' as const, cond, members, span: this.spanFrom(kw.startOffset) }));
  }, { recoveryValueFunc: () => undefined });

  /** `negative …` and `reward …` lists. */
  private ruleList = this.RULE('ruleList', (): Decl | undefined => {
    const kw = this.OR(this.alts(32, () => [{ ALT: () => this.CONSUME(Kw.negative) }, { ALT: () => this.CONSUME(Kw.reward) }]));
    const name = this.CONSUME(Identifier);
    const label = this.label();
    const max = this.OPTION(() => { this.CONSUME(Kw.max); return this.SUBRULE(this.opExpr); });
    this.CONSUME(LCurly);
    const items: RuleItem[] = [];
    this.MANY(() => { const it = this.SUBRULE(this.ruleItem); this.ACTION(() => { if (it) items.push(it); }); });
    this.close(RCurly);
    return this.ACTION(() => {
      const common = { name: nameOf(name), label, max, items, span: this.spanFrom(kw.startOffset) };
      return kw.tokenType === Kw.reward ? { kind: 'Reward' as const, ...common } : { kind: 'Negative' as const, ...common };
    });
  }, { recoveryValueFunc: () => undefined });

  private ruleItem = this.RULE('ruleItem', (): RuleItem | undefined => {
    const kw = this.CONSUME(Kw.item);
    const name = this.CONSUME(Identifier);
    const label = this.label();
    this.CONSUME(Kw.when);
    const when = this.SUBRULE(this.expression);
    this.CONSUME(Arrow);
    const effects: Effect[] = [];
    this.AT_LEAST_ONE_SEP({ SEP: Comma, DEF: () => { const e = this.SUBRULE(this.effect); this.ACTION(() => { if (e) effects.push(e); }); } });
    return this.ACTION(() => ({ name: nameOf(name), label, when, effects, span: this.spanFrom(kw.startOffset) }));
  }, { recoveryValueFunc: () => undefined });

  private effect = this.RULE('effect', (): Effect | undefined => {
    const e = this.OR(this.alts(33, () => [
      { ALT: () => ({ kw: this.CONSUME(Kw.veto) }) },
      { ALT: () => ({ kw: this.CONSUME(Kw.nograde) }) },
      { ALT: () => ({ kw: this.CONSUME(Kw.cap), target: this.CONSUME(Identifier) }) },
      { ALT: () => ({ kw: this.CONSUME(Kw.action), target: this.CONSUME1(Identifier), label: this.label() }) },
      { ALT: () => {
        const kw = this.OR1(this.alts(34, () => [{ ALT: () => this.CONSUME(Kw.deduct) }, { ALT: () => this.CONSUME(Kw.add) }]));
        const amount = this.SUBRULE(this.opExpr);
        const per = this.OPTION(() => { this.CONSUME(Kw.per); return this.SUBRULE1(this.opExpr); });
        const max = this.OPTION1(() => { this.CONSUME(Kw.max); return this.SUBRULE2(this.opExpr); });
        return { kw, amount, per, max };
      } },
    ]));
    return this.ACTION((): Effect | undefined => {
      const span = this.spanFrom(e.kw.startOffset);
      const kind = kwName(e.kw);
      if (kind === 'veto' || kind === 'nograde') return { kind, span };
      if (kind === 'cap' && 'target' in e) return { kind, grade: nameOf(e.target!), span };
      if (kind === 'action' && 'target' in e) return { kind, action: nameOf(e.target!), label: 'label' in e ? e.label : undefined, span };
      if ('amount' in e) return { kind: kind as 'deduct', amount: e.amount!, per: e.per, max: e.max, span };
      return undefined;
    });
  }, { recoveryValueFunc: () => undefined });

  private gradesDecl = this.RULE('gradesDecl', (): Decl | undefined => {
    const kw = this.CONSUME(Kw.grades);
    const tiebreak: TiebreakKey[] = [];
    this.OPTION(() => {
      this.CONSUME(Kw.tiebreak);
      this.AT_LEAST_ONE_SEP({ SEP: Comma, DEF: () => {
        const key = this.SUBRULE(this.opExpr);
        const dir = this.OPTION1(() => this.anyOf(35, [Kw.asc, Kw.desc]));
        this.ACTION(() => tiebreak.push({ key, dir: real(dir) && dir.tokenType === Kw.asc ? 'asc' : 'desc', span: this.spanFrom(key.span.start) }));
      } });
    });
    this.CONSUME(LCurly);
    const grades: GradeDecl[] = [];
    this.MANY(() => { const g = this.SUBRULE(this.gradeLine); this.ACTION(() => { if (g) grades.push(g); }); });
    this.close(RCurly);
    return this.ACTION(() => ({ kind: 'Grades' as const, tiebreak, grades, span: this.spanFrom(kw.startOffset) }));
  }, { recoveryValueFunc: () => undefined });

  private gradeLine = this.RULE('gradeLine', (): GradeDecl | undefined => {
    const name = this.CONSUME(Identifier);
    const label = this.label();
    const cond = this.OR(this.alts(36, () => [
      { ALT: () => { this.CONSUME(Kw.when); return { when: this.SUBRULE(this.expression) }; } },
      { ALT: () => ({ otherwise: this.CONSUME(Kw.otherwise) }) },
    ]));
    const quota = this.OPTION(() => {
      const q = this.CONSUME(Kw.quota);
      const pct = this.number();
      const opts: { round?: IToken; min?: IToken; of?: IToken } = {};
      this.MANY(() => {
        const o = this.OR1(this.alts(37, () => [
          { ALT: () => ({ round: this.anyOf(38, [Kw.roundDown, Kw.roundUp, Kw.roundNearest], 6) }) },
          { ALT: () => { this.CONSUME(Kw.min); return { min: this.CONSUME(NumberTok) }; } },
          { ALT: () => ({ of: this.anyOf(39, [Kw.ofGraded, Kw.ofAll]) }) },
        ]));
        this.ACTION(() => Object.assign(opts, o));
      });
      return this.ACTION((): Quota | undefined => (real(pct) ? {
        percent: numberOf(pct), span: this.spanFrom(q.startOffset), min: optNumber(opts.min),
        round: opts.round ? ROUND[opts.round.tokenType.name] ?? 'down' : undefined,
        of: opts.of ? (opts.of.tokenType === Kw.ofAll ? 'all' : 'graded') : undefined,
      } : undefined));
    });
    return this.ACTION(() => ({
      name: nameOf(name), label, when: 'when' in cond ? cond.when : undefined, otherwise: 'otherwise' in cond,
      quota, span: this.spanFrom(name.startOffset),
    }));
  }, { recoveryValueFunc: () => undefined });

  private outcomesDecl = this.RULE('outcomesDecl', (): Decl | undefined => {
    const kw = this.CONSUME(Kw.outcomes);
    this.CONSUME(LCurly);
    const out: OutcomesDecl = { kind: 'Outcomes', actions: [], span: { start: kw.startOffset, end: kw.startOffset } };
    this.MANY(() => {
      const start = this.nextStart();
      const item = this.OR(this.alts(40, () => [
        { ALT: () => { this.CONSUME(Kw.bonusByGrade); return { bonus: this.SUBRULE(this.objectLit) }; } },
        { ALT: () => {
          this.CONSUME(Kw.action);
          const name = this.CONSUME(Identifier);
          const label = this.label();
          this.CONSUME(Kw.when);
          return { action: { name, label, when: this.SUBRULE(this.expression) } };
        } },
        { ALT: () => {
          this.CONSUME(Kw.improve);
          this.CONSUME(Kw.below);
          const below = this.SUBRULE(this.opExpr);
          const max = this.OPTION(() => { this.CONSUME(Kw.max); return this.CONSUME(NumberTok); });
          return { improve: { below, max } };
        } },
      ]));
      this.ACTION(() => {
        const span = this.spanFrom(start);
        if ('bonus' in item) out.bonus = { entries: item.bonus.entries.map((e: ObjectEntry) => ({ grade: e.key, value: e.value, span: e.span })), span };
        else if ('action' in item) out.actions.push({ kind: 'OutcomeAction', name: nameOf(item.action.name), label: item.action.label, when: item.action.when, span });
        else out.improve = { below: item.improve.below, max: optNumber(item.improve.max), span };
      });
    });
    this.close(RCurly);
    return this.ACTION(() => ({ ...out, span: this.spanFrom(kw.startOffset) }));
  }, { recoveryValueFunc: () => undefined });

  private exampleDecl = this.RULE('exampleDecl', (): Decl | undefined => {
    const kw = this.CONSUME(Kw.example);
    const name = this.CONSUME(Identifier);
    const label = this.label();
    this.CONSUME(LCurly);
    const parts: { given?: Expr; expects: Expr[] } = { expects: [] };
    this.MANY(() => {
      const p = this.OR(this.alts(41, () => [
        { ALT: () => { this.CONSUME(Kw.given); return { given: this.SUBRULE(this.objectLit) }; } },
        { ALT: () => { this.CONSUME(Kw.expect); return { expect: this.SUBRULE(this.expression) }; } },
      ]));
      this.ACTION(() => { if ('given' in p) parts.given = p.given; else parts.expects.push(p.expect); });
    });
    this.close(RCurly);
    return this.ACTION(() => {
      const span = this.spanFrom(kw.startOffset);
      const given = parts.given?.kind === 'Object' ? parts.given : { kind: 'Object' as const, entries: [], span: { start: span.end, end: span.end } };
      return { kind: 'Example' as const, name: nameOf(name), label, given, expects: parts.expects, span };
    });
  }, { recoveryValueFunc: () => undefined });
}
