// The expression grammar of kaohe (LANGUAGE.md §4): precedence climbing from `if` down to postfix
// and primaries, scoring forms, aggregates and literals, plus the small helpers both grammars use.
// KaoheParser (grammar.ts) extends it with declarations; only the subclass runs self-analysis.

import { CstParser, type IOrAlt, type TokenType } from 'chevrotain';
import {
  allTokens, Arrow, Colon, Comma, Dot, EqEq, GtEq, Gt, Identifier, Kw, LBracket, LCurly, LParen, Lt,
  LtEq, Minus, NotEq, NumberLit, PercentLit, Plus, RBracket, RCurly, RParen, Slash, Star, StringLit,
} from './tokens.js';
import { errorMessages } from './messages.js';

export const compareOps = [EqEq, NotEq, LtEq, GtEq, Lt, Gt];
const binaryOps = [Kw.or, Kw.and, ...compareOps, Plus, Minus, Star, Slash];
const prefixOps = [Kw.not, Minus];

export class ExprParser extends CstParser {
  constructor() {
    super(allTokens, { recoveryEnabled: true, maxLookahead: 3, nodeLocationTracking: 'onlyOffset', errorMessageProvider: errorMessages });
  }

  // Alternatives are built once and cached: creating them on every rule invocation costs more than
  // the parse itself (closures, and tsx's keepNames wrapping each `ALT:` function).
  private altCache: IOrAlt<void>[][] = [];
  protected alts(id: number, build: () => IOrAlt<void>[]): IOrAlt<void>[] {
    return (this.altCache[id] ??= build());
  }

  /** One of several tokens under one label. `idx` keeps repeated uses in one rule distinct. */
  protected anyOf(cacheId: number, types: TokenType[], label: string, idx = 9): void {
    this.or(idx, this.alts(cacheId, () => types.map((t) => ({ ALT: () => { this.consume(idx, t, { LABEL: label }); } }))));
  }

  /** Items separated by commas, a trailing comma allowed. */
  protected commaList(idx: number, item: () => void): void {
    this.many(idx, () => { item(); this.option(idx, () => this.consume(idx, Comma)); });
  }

  protected label = () => this.OPTION9(() => this.CONSUME9(StringLit, { LABEL: 'label' }));
  protected number = () => this.OR8(this.alts(1, () => [
    { ALT: () => this.CONSUME8(NumberLit, { LABEL: 'num' }) },
    { ALT: () => this.CONSUME8(PercentLit, { LABEL: 'num' }) },
  ]));

  /** `key: expr` — table entries, bonus entries, object literal entries. */
  protected entry = this.RULE('entry', () => {
    this.CONSUME(Identifier, { LABEL: 'key' });
    this.CONSUME(Colon);
    this.SUBRULE(this.expression, { LABEL: 'value' });
  });

  // ------------------------------------------------------------ expressions (loosest first)

  public expression = this.RULE('expression', () => {
    this.OR(this.alts(2, () => [
      { ALT: () => {
        this.CONSUME(Kw.if);
        this.SUBRULE(this.expression, { LABEL: 'cond' });
        this.CONSUME(Kw.then);
        this.SUBRULE1(this.expression, { LABEL: 'then' });
        this.CONSUME(Kw.else);
        this.SUBRULE2(this.expression, { LABEL: 'else' });
      } },
      { ALT: () => this.SUBRULE(this.opExpr, { LABEL: 'body' }) },
    ]));
  });

  /** Operands joined by binary operators, flat: precedence and associativity are applied by the AST
   * builder (build-expr.ts). One rule instead of one per precedence level keeps the CST shallow,
   * which is most of the parser's cost on large schemes. */
  public opExpr = this.RULE('opExpr', () => {
    this.SUBRULE(this.operand);
    this.MANY(() => this.OR(this.alts(3, () => [
      { ALT: () => { this.anyOf(101, binaryOps, 'op'); this.SUBRULE1(this.operand); } },
      { ALT: () => this.SUBRULE(this.inSet) },
    ])));
  });

  /** `in { a, b }` after an operand. */
  protected inSet = this.RULE('inSet', () => {
    this.CONSUME(Kw.in);
    this.CONSUME(LCurly);
    this.AT_LEAST_ONE_SEP({ SEP: Comma, DEF: () => this.SUBRULE(this.operand, { LABEL: 'item' }) });
    this.CONSUME(RCurly);
  });

  /** Prefix operators (`not`, unary `-`), then a primary with its `.field` and `[index]` suffixes. */
  protected operand = this.RULE('operand', () => {
    this.MANY(() => this.anyOf(102, prefixOps, 'prefix'));
    this.OR(this.alts(7, () => [
      { ALT: () => this.CONSUME(NumberLit, { LABEL: 'number' }) },
      { ALT: () => this.CONSUME(PercentLit, { LABEL: 'number' }) },
      { ALT: () => this.CONSUME(StringLit, { LABEL: 'string' }) },
      { ALT: () => this.CONSUME(Kw.true, { LABEL: 'bool' }) },
      { ALT: () => this.CONSUME(Kw.false, { LABEL: 'bool' }) },
      { ALT: () => { this.CONSUME(LParen); this.SUBRULE(this.expression, { LABEL: 'paren' }); this.CONSUME(RParen); } },
      { ALT: () => this.SUBRULE(this.call) },
      { ALT: () => this.SUBRULE(this.scoringForm) },
      { ALT: () => this.SUBRULE(this.objectLit) },
      { ALT: () => this.SUBRULE(this.listLit) },
    ]));
    this.MANY1(() => this.OR1(this.alts(6, () => [
      { ALT: () => { this.CONSUME(Dot, { LABEL: 'dot' }); this.CONSUME(Identifier, { LABEL: 'field' }); } },
      { ALT: () => { this.CONSUME(LBracket, { LABEL: 'index' }); this.SUBRULE1(this.expression, { LABEL: 'indexExpr' }); this.CONSUME(RBracket); } },
    ])));
  });

  /** A name, or a call when `(` follows. `min`/`max` are keywords that double as functions. */
  protected call = this.RULE('call', () => {
    this.OR(this.alts(8, () => [
      { ALT: () => this.CONSUME(Identifier, { LABEL: 'callee' }) },
      { ALT: () => this.CONSUME(Kw.min, { LABEL: 'callee' }) },
      { ALT: () => this.CONSUME(Kw.max, { LABEL: 'callee' }) },
    ]));
    this.OPTION(() => {
      this.CONSUME(LParen, { LABEL: 'args' });
      this.OR1(this.alts(9, () => [
        {
          GATE: () => this.LA(1).tokenType === Identifier && this.LA(2).tokenType === Kw.in && this.LA(3).tokenType !== LCurly,
          ALT: () => this.SUBRULE(this.aggregate),
        },
        { ALT: () => this.MANY_SEP({ SEP: Comma, DEF: () => this.SUBRULE(this.expression, { LABEL: 'arg' }) }) },
      ]));
      this.CONSUME(RParen);
    });
  });

  protected aggregate = this.RULE('aggregate', () => {
    this.CONSUME(Identifier, { LABEL: 'binder' });
    this.CONSUME(Kw.in);
    this.SUBRULE(this.opExpr, { LABEL: 'list' });
    this.MANY(() => this.OR(this.alts(10, () => [
      { ALT: () => { this.CONSUME(Kw.where); this.SUBRULE(this.expression, { LABEL: 'where' }); } },
      { ALT: () => { this.CONSUME(Kw.weightedBy); this.SUBRULE1(this.expression, { LABEL: 'weight' }); } },
    ])));
    this.OPTION(() => { this.CONSUME(Colon); this.SUBRULE2(this.expression, { LABEL: 'body' }); });
  });

  protected scoringForm = this.RULE('scoringForm', () => {
    this.OR(this.alts(11, () => [
      { ALT: () => {
        this.CONSUME(Kw.bands, { LABEL: 'form' });
        this.SUBRULE(this.opExpr, { LABEL: 'subject' });
        this.CONSUME(LCurly);
        this.commaList(5, () => this.SUBRULE(this.bandEntry));
        this.CONSUME(RCurly);
      } },
      { ALT: () => {
        this.CONSUME(Kw.levels, { LABEL: 'form' });
        this.SUBRULE1(this.opExpr, { LABEL: 'subject' });
        this.CONSUME1(LCurly);
        this.commaList(6, () => this.SUBRULE(this.levelEntry));
        this.CONSUME1(RCurly);
      } },
      { ALT: () => {
        this.CONSUME(Kw.linear, { LABEL: 'form' });
        this.SUBRULE2(this.opExpr, { LABEL: 'subject' });
        this.CONSUME2(LCurly);
        this.commaList(7, () => this.SUBRULE(this.linearPoint));
        this.CONSUME2(RCurly);
      } },
      { ALT: () => { this.CONSUME(Kw.rate, { LABEL: 'form' }); this.SUBRULE(this.operand, { LABEL: 'subject' }); } },
    ]));
  });

  protected bandEntry = this.RULE('bandEntry', () => {
    this.OR(this.alts(12, () => [
      { ALT: () => { this.anyOf(103, compareOps, 'op'); this.SUBRULE(this.opExpr, { LABEL: 'threshold' }); } },
      { ALT: () => this.CONSUME(Kw.else, { LABEL: 'else' }) },
    ]));
    this.CONSUME(Colon);
    this.SUBRULE(this.expression, { LABEL: 'score' });
  });

  protected levelEntry = this.RULE('levelEntry', () => {
    this.OR(this.alts(13, () => [
      { ALT: () => this.CONSUME(Identifier, { LABEL: 'member' }) },
      { ALT: () => this.CONSUME(Kw.else, { LABEL: 'else' }) },
    ]));
    this.CONSUME(Colon);
    this.SUBRULE(this.expression, { LABEL: 'score' });
  });

  protected linearPoint = this.RULE('linearPoint', () => {
    this.SUBRULE(this.opExpr, { LABEL: 'x' });
    this.CONSUME(Arrow);
    this.SUBRULE1(this.opExpr, { LABEL: 'y' });
  });

  protected objectLit = this.RULE('objectLit', () => {
    this.CONSUME(LCurly);
    this.commaList(7, () => this.SUBRULE(this.entry));
    this.CONSUME(RCurly);
  });

  protected listLit = this.RULE('listLit', () => {
    this.CONSUME(LBracket);
    this.commaList(7, () => this.SUBRULE(this.expression, { LABEL: 'item' }));
    this.CONSUME(RBracket);
  });
}
