// Declarations of kaohe that describe data rather than scoring (LANGUAGE.md §2–§5): settings, enums,
// tables, panels, the input contract with its types and constraints, lets and adjust. KaoheParser
// (parser.ts) builds on it; conventions as in parser-base.ts.

import type { IToken } from 'chevrotain';
import type { Constraint, Decl, Field, Name, NumberLit, PanelDecl, Setting, Span, TypeExpr } from '../ast.js';
import { Assign, Colon, Comma, GtEq, Gt, Identifier, Kw, LBracket, LCurly, Lt, LtEq, NumberLit as NumberTok, RBracket, RCurly, StringLit } from './tokens.js';
import { numberOf, real, tokSpan } from './parser-base.js';
import { ExprParser } from './parser-expr.js';

export const nameOf = (t: IToken): Name => (real(t) ? { name: t.image, span: tokSpan(t) } : { name: '', span: { start: 0, end: 0 } });
export const optNumber = (t: IToken | undefined): NumberLit | undefined => (real(t) ? numberOf(t) : undefined);
/** `Kw_annual` → `annual` */
export const kwName = (t: IToken) => t.tokenType.name.slice(3);

export class DeclParser extends ExprParser {
  protected setting = this.RULE('setting', (): Setting | undefined => {
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

  protected enumDecl = this.RULE('enumDecl', (): Decl | undefined => {
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

  protected tableDecl = this.RULE('tableDecl', (): Decl | undefined => {
    const kw = this.CONSUME(Kw.table);
    const name = this.CONSUME(Identifier);
    const label = this.label();
    const obj = this.SUBRULE(this.objectLit);
    return this.ACTION(() => ({ kind: 'Table' as const, name: nameOf(name), label, entries: obj?.entries ?? [], span: this.spanFrom(kw.startOffset) }));
  }, { recoveryValueFunc: () => undefined });

  protected panelDecl = this.RULE('panelDecl', (): Decl | undefined => {
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

  protected inputDecl = this.RULE('inputDecl', (): Decl | undefined => {
    const kw = this.CONSUME(Kw.input);
    const fields = this.SUBRULE(this.fieldBlock);
    return this.ACTION(() => ({ kind: 'Input' as const, fields, span: this.spanFrom(kw.startOffset) }));
  }, { recoveryValueFunc: () => undefined });

  /** `{ field, … }` — the input block and record types. */
  protected fieldBlock = this.RULE('fieldBlock', (): Field[] => {
    this.CONSUME(LCurly);
    const fields: Field[] = [];
    this.commaList(7, () => { const f = this.SUBRULE(this.field); this.ACTION(() => { if (f) fields.push(f); }); });
    this.close(RCurly);
    return fields;
  });

  protected field = this.RULE('field', (): Field | undefined => {
    const name = this.CONSUME(Identifier);
    const label = this.label();
    this.CONSUME(Colon);
    const type = this.SUBRULE(this.typeExpr);
    const dflt = this.OPTION(() => { this.CONSUME(Assign); return this.SUBRULE(this.expression); });
    return this.ACTION(() => ({ name: nameOf(name), label, type, default: dflt, span: this.spanFrom(name.startOffset) }));
  }, { recoveryValueFunc: () => undefined });

  /** A type; one nesting level deeper (NESTING_LIMIT), as `list of list of …` and records in records
   * recurse without an expression level. */
  protected typeExpr = this.RULE('typeExpr', (): TypeExpr => this.nest(this.typeBody), {
    recoveryValueFunc: (): TypeExpr => ({ kind: 'ErrorType', span: { start: 0, end: 0 } }),
  });

  private typeBody = (): TypeExpr => {
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
  };

  protected constraint = this.RULE('constraint', (): Constraint => {
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

  protected letDecl = this.RULE('letDecl', (): Decl | undefined => {
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

}
