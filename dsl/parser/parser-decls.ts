// Declarations of kaohe that describe data rather than scoring (LANGUAGE.md §2–§5): settings, enums,
// tables, panels, the input contract with its types and constraints, lets and adjust. KaoheParser
// (parser.ts) builds on it; conventions as in parser-base.ts.

import { EOF, type IToken } from 'chevrotain';
import { canonicalBuiltin, keywordText } from '../keywords.js';
import type { Token } from './lexer.js';
import type { Constraint, Decl, Expr, OneOf, Field, Name, NumberLit, PanelCriterion, PanelDecl, ScaleTier, Setting, Span, TypeExpr } from '../ast.js';
import { Assign, Colon, Comma, GtEq, Gt, Identifier, Kw, LBracket, LCurly, Lt, LtEq, NumberLit as NumberTok, RBracket, RCurly, StringLit } from './tokens.js';
import { numberOf, real, tokSpan } from './parser-base.js';
import { PeriodParser } from './parser-periods.js'; // results of other periods (issue 14)
import type { FunctionDecl, Param } from '../ast.js'; // functions (issue 12)
import { LParen, RParen } from './tokens.js';

export const nameOf = (t: IToken): Name => (real(t) ? { name: t.image, span: tokSpan(t) } : { name: '', span: { start: 0, end: 0 } });
export const optNumber = (t: IToken | undefined): NumberLit | undefined => (real(t) ? numberOf(t) : undefined);
/** `Kw_annual` → `annual` */
export const kwName = (t: IToken) => t.tokenType.name.slice(3);
/** A name that starts as the trim rule does in either language (`去掉最高最低分`, `trimHighLow`). */
const TRIM_WORD = new RegExp(`^(${keywordText('trim', 'zh')}|${keywordText('trim', 'en')})`, 'i');

export class DeclParser extends PeriodParser {
  /** A panel line in a document's words instead of the trim rule (`去掉最高最低分`, 指南 §二.2; U6 M-10):
   * its first and last token, read and left out (no trim rule is guessed); parse() reports it once with
   * the rule's syntax (index.ts), instead of a missing `weight` and the cascade after it. */
  trimWords: { from: IToken; to: IToken }[] = [];

  override begin(tokens: IToken[], recoveryBudget?: number): void {
    this.trimWords = [];
    super.begin(tokens, recoveryBudget);
  }

  protected setting = this.RULE('setting', (): Setting | undefined => {
    const start = this.nextStart();
    const s = this.OR(this.altCache[21] ?? this.alts(21, () => [
      { ALT: () => { this.CONSUME(Kw.version); return { version: this.CONSUME(StringLit) }; } },
      { ALT: () => { this.CONSUME(Kw.period); return { period: this.anyOf(22, [Kw.annual, Kw.quarterly, Kw.monthly, Kw.special]) }; } },
      { ALT: () => { this.CONSUME(Kw.precision); return { precision: this.CONSUME(NumberTok) }; } },
      { ALT: () => { this.CONSUME(Kw.total); return { total: this.CONSUME1(NumberTok) }; } },
      { ALT: () => { this.CONSUME(Kw.cohortBy); return { cohortBy: this.SUBRULE(this.expression) }; } },
      { ALT: () => ({ normalize: this.CONSUME7(Kw.normalize) }) }, // issue 12: a scheme-level `normalize` line
      { ALT: () => { // issue 13: the ranking key
        this.CONSUME(Kw.rankBy);
        const rankBy = this.SUBRULE1(this.expression); // the same expressions as `cohort by`, `if … then … else …` too
        return { rankBy, dir: this.OPTION(() => this.anyOf(175, [Kw.asc, Kw.desc], 6)) };
      } },
    ]));
    return this.ACTION((): Setting | undefined => {
      const span = this.spanFrom(start);
      if ('version' in s) return real(s.version) ? { kind: 'Setting', key: 'version', value: { value: (s.version as IToken & { value: string }).value, span: tokSpan(s.version) }, span } : undefined;
      if ('period' in s) return real(s.period) ? { kind: 'Setting', key: 'period', value: kwName(s.period) as 'annual', span } : undefined;
      if ('precision' in s) return real(s.precision) ? { kind: 'Setting', key: 'precision', value: numberOf(s.precision), span } : undefined;
      if ('total' in s) return real(s.total) ? { kind: 'Setting', key: 'total', value: numberOf(s.total), span } : undefined;
      if ('normalize' in s) return { kind: 'Setting', key: 'normalize', span };
      if ('rankBy' in s) return { kind: 'Setting', key: 'rankBy', value: s.rankBy, dir: real(s.dir) && s.dir.tokenType === Kw.asc ? 'asc' : 'desc', span };
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
    const panel: Pick<PanelDecl, 'categories' | 'trim' | 'missing' | 'criteria' | 'scale'> = { categories: [] };
    this.MANY(() => {
      const start = this.nextStart();
      const item = this.OR(this.altCache[23] ?? this.alts(23, () => [
        { ALT: () => {
          const n = this.CONSUME1(Identifier);
          if (this.trimInWords(n, TRIM_WORD.test(n.image))) return { words: n };
          const l = this.label(8);
          this.CONSUME(Kw.weight);
          const w = this.number();
          const min = this.OPTION(() => { this.CONSUME(Kw.min); return this.CONSUME(NumberTok); });
          this.OPTION1(() => this.CONSUME(Comma));
          return { category: { n, l, w, min } };
        } },
        { ALT: () => {
          const trim = this.CONSUME(Kw.trim);
          if (this.trimInWords(trim, true)) return { words: trim };
          const count = this.CONSUME1(NumberTok);
          this.CONSUME(Kw.when);
          this.CONSUME2(Identifier); // `count` / `计数`
          this.CONSUME(GtEq);
          const atLeast = this.CONSUME2(NumberTok);
          const perBallot = this.OPTION5(() => { this.CONSUME5(Kw.per); return this.CONSUME5(Kw.ballot); });
          return { trim: { count, atLeast, perBallot } };
        } },
        { ALT: () => { this.CONSUME(Kw.missing); return { missing: this.anyOf(24, [Kw.renormalize, Kw.zero, Kw.error]) }; } },
        { ALT: () => ({ criteria: this.SUBRULE5(this.criteriaBlock) }) },
        { ALT: () => { this.CONSUME5(Kw.scale); return { scale: this.CONSUME5(Identifier) }; } },
      ]));
      this.ACTION(() => {
        const span = this.spanFrom(start);
        if ('category' in item) {
          const c = item.category;
          panel.categories.push({ name: nameOf(c.n), label: c.l, weight: optNumber(c.w) ?? { kind: 'Number', text: '0', percent: true, span }, min: optNumber(c.min), span });
        } else if ('trim' in item) {
          if (real(item.trim.count) && real(item.trim.atLeast)) {
            panel.trim = { count: numberOf(item.trim.count), atLeast: numberOf(item.trim.atLeast), span };
            if (real(item.trim.perBallot)) panel.trim.perBallot = true;
          }
        } else if ('words' in item) return; // reported by parse() (trimWords)
        else if ('criteria' in item) panel.criteria = { items: item.criteria, span };
        else if ('scale' in item) { if (real(item.scale)) panel.scale = nameOf(item.scale); }
        else if (real(item.missing)) panel.missing = { mode: kwName(item.missing) as 'zero', span };
      });
    });
    this.close(RCurly);
    return this.ACTION(() => ({ kind: 'Panel' as const, name: nameOf(name), label, ...panel, span: this.spanFrom(kw.startOffset) }));
  }, { recoveryValueFunc: () => undefined });

  /** Whether the panel line starting at `first` (`去掉…` glued, or the trim keyword) is the trim rule
   * in words — `去掉最高最低分`, `去掉 最高 最低分`, `trim highest and lowest`: neither a category (no
   * `weight` or label follows) nor the rule (words, not a number, follow `trim`). Then it skips the line's words
   * up to the next panel line or the closing `}` and keeps them for parse() to report. Nothing here can
   * fail; never while the grammar is recorded. */
  private trimInWords(first: IToken, starts: boolean): boolean {
    if (this.RECORDING_PHASE || !starts || !real(first)) return false;
    const next = this.LA(1);
    if (next.tokenType === Kw.weight || next.tokenType === StringLit) return false;
    // after the keyword, words (`去掉 最高 最低分`); a number, `when` or a sign is the rule, for the grammar to read,
    // and so is the rule's own word after `when` (`count`/`计数`): `trim count >= 5`, its number left out
    if (first.tokenType === Kw.trim && (next.tokenType === Identifier ? canonicalBuiltin(next.image) === 'count' : !(next as Token).keywordId || next.tokenType === Kw.when)) return false;
    let to = first;
    while (!this.panelLineStarts()) { to = this.LA(1); this.SKIP_TOKEN(); }
    this.trimWords.push({ from: first, to });
    return true;
  }

  /** The next token starts a panel line, closes the panel, opens a block or ends the file. */
  private panelLineStarts(): boolean {
    const t = this.LA(1).tokenType;
    if (t === Identifier) { const after = this.LA(2).tokenType; return after === Kw.weight || after === StringLit; }
    return t === EOF || t === RCurly || t === LCurly || t === Kw.trim || t === Kw.missing || t === Kw.criteria || t === Kw.scale;
  }

  /** `criteria { 德 weight 15%, 能 "能力" weight 10%, … }` inside a panel (issue 12). */
  private criteriaBlock = this.RULE('criteriaBlock', (): PanelCriterion[] => {
    this.CONSUME(Kw.criteria);
    this.CONSUME(LCurly);
    const items: PanelCriterion[] = [];
    this.commaList(7, () => {
      const n = this.CONSUME(Identifier);
      const l = this.label(8);
      this.CONSUME(Kw.weight);
      const w = this.number();
      this.ACTION(() => { if (real(n) && real(w)) items.push({ name: nameOf(n), label: l, weight: numberOf(w), span: this.spanFrom(n.startOffset) }); });
    });
    this.close(RCurly);
    return items;
  }, { recoveryValueFunc: () => [] });

  /** `scale 评分档 "label" { 优秀: {100, 95, 90}, 称职: {85, 80} }` or `scale 五级 {100, 90, 80}` (issue 12). */
  protected scaleDecl = this.RULE('scaleDecl', (): Decl | undefined => {
    const kw = this.CONSUME(Kw.scale);
    const name = this.CONSUME(Identifier);
    const label = this.label();
    const open = this.CONSUME(LCurly);
    const tiers: ScaleTier[] = [];
    const loose: Expr[] = [];
    this.commaList(6, () => {
      const start = this.nextStart();
      const it = this.OR(this.altCache[100] ?? this.alts(100, () => [
        { ALT: () => {
          const n = this.CONSUME1(Identifier);
          this.CONSUME(Colon);
          return { tier: n, values: this.SUBRULE(this.valueSet) };
        } },
        { ALT: () => ({ value: this.SUBRULE(this.opExpr) }) },
      ]));
      this.ACTION(() => {
        if ('value' in it) loose.push(it.value);
        else if (real(it.tier)) tiers.push({ name: nameOf(it.tier), values: it.values, span: this.spanFrom(start) });
      });
    });
    this.close(RCurly);
    return this.ACTION(() => {
      if (loose.length > 0) tiers.unshift({ values: loose, span: this.spanFrom(open.startOffset) });
      return { kind: 'Scale' as const, name: nameOf(name), label, tiers, span: this.spanFrom(kw.startOffset) };
    });
  }, { recoveryValueFunc: () => undefined });

  /** `{100, 95, 90}` — a set of values (scale tiers, `in {…}` constraints). */
  protected valueSet = this.RULE('valueSet', (): Expr[] => {
    this.CONSUME(LCurly);
    const values: Expr[] = [];
    this.commaList(5, () => { const v = this.SUBRULE(this.opExpr); this.ACTION(() => values.push(v)); });
    this.close(RCurly);
    return values;
  }, { recoveryValueFunc: () => [] });

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
    const shown = this.OPTION3(() => this.CONSUME9(Kw.display)); // `姓名: text display` (issue 12; OPTION9 is the label's)
    const dflt = this.OPTION(() => { this.CONSUME(Assign); return this.SUBRULE(this.expression); });
    return this.ACTION(() => ({
      name: nameOf(name), label, type, default: dflt, ...(real(shown) ? { display: { span: tokSpan(shown) } } : {}), span: this.spanFrom(name.startOffset),
    }));
  }, { recoveryValueFunc: () => undefined });

  /** A type; one nesting level deeper (NESTING_LIMIT), as `list of list of …` and records in records
   * recurse without an expression level. */
  protected typeExpr = this.RULE('typeExpr', (): TypeExpr => this.nest(this.typeBody), {
    recoveryValueFunc: (): TypeExpr => ({ kind: 'ErrorType', span: { start: 0, end: 0 } }),
  });

  private typeBody = (): TypeExpr => {
    const start = this.nextStart();
    const t = this.OR(this.altCache[25] ?? this.alts(25, () => [
      { ALT: () => {
        const base = this.OR1(this.altCache[26] ?? this.alts(26, () => [
          { ALT: () => this.CONSUME(Kw.number) }, { ALT: () => this.CONSUME(Kw.integer) },
          { ALT: () => this.CONSUME(Kw.bool) }, { ALT: () => this.CONSUME(Kw.text) },
          { ALT: () => this.CONSUME8(Kw.date) },
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
      { ALT: () => ({ periods: this.SUBRULE(this.periodResultsType) }) },
    ]));
    return this.ACTION((): TypeExpr => {
      const span = this.spanFrom(start);
      if ('periods' in t) return t.periods ?? { kind: 'ErrorType', span };
      if ('base' in t) {
        // `in {…}` / `in SCALE` (issue 12) go to `oneOf`, bounds to `constraint`.
        const k = t.constraint as Constraint | OneOf | undefined;
        const bounds = k && (k.kind === 'Set' || k.kind === 'Scale') ? { oneOf: k } : { constraint: k };
        if (t.base.tokenType === Identifier) return { kind: 'NamedType', name: nameOf(t.base), ...bounds, span };
        return { kind: 'PrimType', name: kwName(t.base) as 'number', ...bounds, span };
      }
      if ('element' in t) return { kind: 'ListType', element: t.element, min: optNumber(t.min), max: optNumber(t.max), span };
      if ('record' in t) return { kind: 'RecordType', fields: t.record, span };
      return { kind: 'RatingsType', panel: nameOf(t.panel), span };
    });
  };

  protected constraint = this.RULE('constraint', (): Constraint | OneOf => {
    const start = this.nextStart();
    const c = this.OR(this.altCache[27] ?? this.alts(27, () => [
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
      { ALT: () => {
        this.CONSUME5(Kw.in);
        return this.OR5(this.altCache[101] ?? this.alts(101, () => [
          { ALT: () => ({ set: this.SUBRULE5(this.valueSet) }) },
          { ALT: () => ({ scale: this.CONSUME5(Identifier) }) },
        ]));
      } },
    ]));
    return this.ACTION((): Constraint | OneOf => {
      const span = this.spanFrom(start);
      if ('set' in c) return { kind: 'Set', values: c.set, span };
      if ('scale' in c) return { kind: 'Scale', scale: nameOf(c.scale), span };
      return 'lo' in c ? { kind: 'Range', lo: c.lo, hi: c.hi, span } : { kind: 'Compare', op: c.op.image as '>=', value: c.value, span };
    });
  });

  protected letDecl = this.RULE('letDecl', (): Decl | undefined => {
    const kw = this.OR(this.altCache[29] ?? this.alts(29, () => [{ ALT: () => this.CONSUME(Kw.let) }, { ALT: () => this.CONSUME(Kw.adjust) }]));
    const name = this.CONSUME(Identifier);
    const label = this.label();
    this.CONSUME(Assign);
    const value = this.SUBRULE(this.expression);
    return this.ACTION(() => {
      const common = { name: nameOf(name), label, value, span: this.spanFrom(kw.startOffset) };
      return kw.tokenType === Kw.adjust ? { kind: 'Adjust' as const, ...common } : { kind: 'Let' as const, ...common };
    });
  }, { recoveryValueFunc: () => undefined });

  /** `function 折算 "label" (x: number, 满分: number): number = …` (issue 12): typed parameters, an
   * optional result type, and the body. */
  protected functionDecl = this.RULE('functionDecl', (): Decl | undefined => {
    const kw = this.CONSUME(Kw.function);
    const name = this.CONSUME(Identifier);
    const label = this.label();
    this.CONSUME(LParen);
    const params: Param[] = [];
    this.OPTION(() => {
      const first = this.SUBRULE(this.param);
      this.ACTION(() => { if (first) params.push(first); });
      this.MANY(() => {
        this.CONSUME(Comma);
        const next = this.SUBRULE1(this.param);
        this.ACTION(() => { if (next) params.push(next); });
      });
    });
    this.CONSUME(RParen);
    const result = this.OPTION1(() => { this.CONSUME(Colon); return this.SUBRULE(this.typeExpr); });
    this.CONSUME(Assign);
    const body = this.SUBRULE(this.expression);
    return this.ACTION((): FunctionDecl => ({ kind: 'Function', name: nameOf(name), label, params, result, body, span: this.spanFrom(kw.startOffset) }));
  }, { recoveryValueFunc: () => undefined });

  private param = this.RULE('param', (): Param | undefined => {
    this.ACTION(() => { this.paramName = undefined; });
    const name = this.CONSUME(Identifier);
    this.ACTION(() => { this.paramName = name; });
    this.CONSUME(Colon);
    const type = this.SUBRULE(this.typeExpr);
    return this.ACTION(() => ({ name: nameOf(name), type, span: this.spanFrom(name.startOffset) }));
  }, { recoveryValueFunc: () => this.brokenParam() });

  /** The parameter whose name was read when its type could not be (`f(x: , y: number)`): kept, with
   * an error type, so the body's `x` is not also reported as unknown. */
  private paramName: IToken | undefined;
  private brokenParam(): Param | undefined {
    const name = this.paramName;
    if (!name || !real(name)) return undefined;
    return { name: nameOf(name), type: { kind: 'ErrorType', span: tokSpan(name) }, span: tokSpan(name) };
  }

}
