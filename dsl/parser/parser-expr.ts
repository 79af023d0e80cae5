// The expression grammar of kaohe (LANGUAGE.md §4): operands, operators by precedence climbing,
// calls, aggregates and literals. ParserBase (parser-base.ts) holds the machinery these rules share
// (nesting and chain limits, error recovery, cached alternatives), expr-names.ts what names, callees
// and units mean; DeclParser (parser-decls.ts) extends this with declarations. Conventions as in
// parser-base.ts.

import { MismatchedTokenException, type IRecognitionException, type IToken, type TokenType } from 'chevrotain';
import type { AggregateFn, CohortAgg, CompareOp, Expr, ObjectEntry, ObjectLit, Span } from '../ast.js';
import type { Token } from './lexer.js';
import { M as PM } from './messages.js';
import { canonicalBuiltin } from '../keywords.js';
import { COHORT_FN_WORDS, cohortFnOf, durationOf, isAggregateCallee, nameRef } from './expr-names.js';
import { Arrow, Colon, Comma, Dot, Identifier, Kw, LBracket, LCurly, LParen, Minus, NumberLit as NumberTok, PercentLit, Plus, RBracket, RCurly, RParen, Slash, Star, StringLit } from './tokens.js';
import { climb, type Step } from './precedence.js';
import { BINARY_OPS, isBinaryOp, simpleChainAt, simpleOperandAt } from './simple-chain.js';
import { CHAIN_LIMIT, compareOps, NestingTooDeep, numberOf, ParserBase, real, tokSpan } from './parser-base.js';

const binaryOps = BINARY_OPS as TokenType[];
/** Chevrotain's parse position (internal, as parser-base.ts `lastEnd` reads it): LA(k) is tokVector[currIdx + k]. */
type TokenPosition = { tokVector: IToken[]; currIdx: number };
const prefixOps = [Kw.not, Minus];

export class ExprParser extends ParserBase {
  /** `=>` written for an aggregate's `:` (`avg(x in L => f(x))`): parse() reports each once, with the fix. */
  arrowBodies: IToken[] = [];

  override begin(tokens: IToken[], recoveryBudget?: number): void {
    this.arrowBodies = [];
    super.begin(tokens, recoveryBudget);
  }

  protected entry = this.RULE('entry', (): ObjectEntry => {
    const key = this.CONSUME(Identifier);
    this.CONSUME(Colon);
    const value = this.SUBRULE(this.expression);
    return this.ACTION(() => ({ key: { name: key.image, span: tokSpan(key) }, value, span: { start: key.startOffset, end: value.span.end } }));
  }, { recoveryValueFunc: () => undefined as unknown as ObjectEntry });

  // ------------------------------------------------------------ expressions

  public expression = this.RULE('expression', (): Expr => this.nest(this.ifOrOps), { recoveryValueFunc: (e: IRecognitionException) => this.errorExpr(e) });

  // An expression that is a simple chain is read directly, one level deeper as through `opExpr`.
  private ifOrOps = (): Expr => (this.simpleChainNext() ? this.nest(this.readChain) : this.OR(this.altCache[2] ?? this.alts(2, () => [
    { ALT: () => {
      const kw = this.CONSUME(Kw.if);
      const cond = this.SUBRULE(this.expression);
      this.CONSUME(Kw.then);
      const then = this.SUBRULE1(this.expression);
      this.CONSUME(Kw.else);
      const otherwise = this.SUBRULE2(this.expression);
      return this.ACTION((): Expr => ({ kind: 'If', cond, then, else: otherwise, span: { start: kw.startOffset, end: this.lastEnd() } }));
    } },
    { ALT: () => this.SUBRULE(this.opExpr) },
  ])));

  /** Operands joined by binary operators, read flat and then grouped by precedence climbing: one
   * rule instead of one per precedence level. */
  public opExpr = this.RULE('opExpr', (): Expr => this.nest(this.operatorChain), { recoveryValueFunc: (e: IRecognitionException) => this.errorExpr(e) });

  private operatorChain = (): Expr => {
    if (this.simpleChainNext()) return this.readChain();
    // Hot path: most expressions are one operand, so `steps` is only allocated when needed, and the
    // recording-phase flag is tested directly rather than through ACTION closures.
    let steps: Step[] | undefined;
    const chainStart = this.RECORDING_PHASE ? 0 : this.nextStart();
    // (Chains are measured as they grow, so 1.5 MB of `- - - …` stops after CHAIN_LIMIT steps.)
    this.MANY(() => { const p = this.anyOf(3, prefixOps); if (!this.RECORDING_PHASE) this.grow(steps ??= [], { prefix: p }, chainStart); });
    const first = this.simpleOperand() ?? this.SUBRULE(this.operand);
    const firstEnd = this.RECORDING_PHASE ? 0 : this.lastEnd(); // past a `)` when parenthesized
    if (steps && !this.RECORDING_PHASE) steps.push({ operand: first, end: firstEnd });
    this.MANY1(() => {
      const step = this.OR(this.altCache[4] ?? this.alts(4, () => [
        { ALT: () => {
          const op = this.anyOf(5, binaryOps, 7);
          const prefixes: IToken[] = [];
          this.MANY2(() => { const p = this.anyOf(6, prefixOps, 8); if (!this.RECORDING_PHASE && prefixes.push(p) > CHAIN_LIMIT) this.tooLong(chainStart); });
          const right = this.simpleOperand() ?? this.SUBRULE1(this.operand);
          return { op, prefixes, right, end: this.RECORDING_PHASE ? 0 : this.lastEnd() };
        } },
        { ALT: () => {
          this.CONSUME(Kw.in);
          this.CONSUME(LCurly);
          const set: Expr[] = [];
          this.AT_LEAST_ONE_SEP({ SEP: Comma, DEF: () => { const x = this.SUBRULE(this.opExpr); if (!this.RECORDING_PHASE) set.push(x); } });
          this.CONSUME(RCurly);
          return { set, end: this.RECORDING_PHASE ? 0 : this.lastEnd() };
        } },
        { ALT: () => {
          // `in [a, b)`: an interval, `[`/`]` inclusive, `(`/`)` exclusive (dates, issue 12)
          this.CONSUME8(Kw.in);
          const open = this.anyOf(161, [LBracket, LParen], 18);
          const lo = this.SUBRULE8(this.opExpr);
          this.CONSUME8(Comma);
          const hi = this.SUBRULE9(this.opExpr);
          const close = this.anyOf(162, [RBracket, RParen], 28);
          if (this.RECORDING_PHASE) return { interval: undefined, end: 0 };
          return { interval: { lo, hi, loOpen: open.tokenType === LParen, hiOpen: close.tokenType === RParen }, end: this.lastEnd() };
        } },
        { ALT: () => {
          // `书面检查 in actions`: membership in a list-valued name (examples' result names, issue 12)
          this.CONSUME9(Kw.in);
          const t = this.CONSUME9(Identifier);
          // `约谈 in A1.actions`: a subject's list in a cohort example (issue 13)
          const f = this.OPTION9(() => { this.CONSUME9(Dot); return this.CONSUME7(Identifier); });
          if (this.RECORDING_PHASE) return { set: [], end: 0 };
          if (f && real(f)) return { set: [], of: nameRef(f, tokSpan(f)), ofSubject: nameRef(t, tokSpan(t)), end: this.lastEnd() };
          return { set: [], of: nameRef(t, tokSpan(t)), end: this.lastEnd() };
        } },
      ]));
      if (this.RECORDING_PHASE) return;
      steps ??= [{ operand: first, end: firstEnd }];
      if ('set' in step || 'interval' in step) steps.push(step as Step);
      else {
        steps.push({ op: step.op });
        for (const p of step.prefixes) steps.push({ prefix: p });
        steps.push({ operand: step.right, end: step.end });
      }
      this.grow(steps, undefined, chainStart);
    });
    if (!steps || this.RECORDING_PHASE) return first;
    this.chainStep(steps.length, { start: chainStart, end: this.lastEnd() });
    return climb(steps);
  };

  /** What most operands are — a lone number or name, with no unit, call, `.field` or `[index]` after
   * it — read as `operand` would read it (the same node and span) without entering the rules `operand`
   * and `call`: their machinery cost more than the rest of parsing a large scheme. Nothing in it can
   * fail, so error recovery sees the state the rules would have left. Undefined: take the rule (and
   * always while the grammar is recorded). */
  private simpleOperand(): Expr | undefined {
    if (this.RECORDING_PHASE) return undefined;
    const { tokVector, currIdx } = this as unknown as TokenPosition;
    if (!simpleOperandAt(tokVector, currIdx + 1)) return undefined;
    const t = this.LA(1);
    this.SKIP_TOKEN(); // consumes it (LA(1) is a real token)
    return t.tokenType === Identifier ? nameRef(t, tokSpan(t)) : numberOf(t);
  }

  /** Whether an operator chain of simple operands comes next (simple-chain.ts); never while recording. */
  private simpleChainNext(): boolean {
    if (this.RECORDING_PHASE) return false;
    const { tokVector, currIdx } = this as unknown as TokenPosition;
    return simpleChainAt(tokVector, currIdx + 1, CHAIN_LIMIT);
  }

  /** Reads the chain simpleChainNext saw, with the steps, spans and limits operatorChain gives it. */
  private readChain = (): Expr => {
    const chainStart = this.nextStart();
    const first = this.simpleOperand()!;
    if (!isBinaryOp(this.LA(1))) return first;
    const steps: Step[] = [{ operand: first, end: this.lastEnd() }];
    while (isBinaryOp(this.LA(1))) {
      const op = this.LA(1);
      this.SKIP_TOKEN();
      const right = this.simpleOperand()!;
      steps.push({ op }, { operand: right, end: this.lastEnd() });
      this.grow(steps, undefined, chainStart);
    }
    this.chainStep(steps.length, { start: chainStart, end: this.lastEnd() });
    return climb(steps);
  };

  /** A primary with its `.field` and `[index]` suffixes. */
  protected operand = this.RULE('operand', (): Expr => {
    let acc = this.OR(this.altCache[7] ?? this.alts(7, () => [
      { ALT: () => {
        const t = this.CONSUME(NumberTok);
        // `1 years`, `30 天`: a duration (dates, issue 12)
        const unit = this.OPTION8(() => this.anyOf(160, [Kw.days, Kw.months, Kw.years], 18));
        if (this.RECORDING_PHASE) return undefined;
        return unit ? durationOf(t, unit) : numberOf(t);
      } },
      { ALT: () => { const t = this.CONSUME(PercentLit); return this.RECORDING_PHASE ? undefined : numberOf(t); } },
      { ALT: () => {
        const t = this.CONSUME(StringLit);
        return this.ACTION((): Expr => ({ kind: 'String', value: (t as IToken & { value: string }).value, span: tokSpan(t) }));
      } },
      { ALT: () => { const t = this.CONSUME(Kw.true); return this.ACTION((): Expr => ({ kind: 'Bool', value: true, span: tokSpan(t) })); } },
      { ALT: () => { const t = this.CONSUME(Kw.false); return this.ACTION((): Expr => ({ kind: 'Bool', value: false, span: tokSpan(t) })); } },
      { ALT: () => { this.CONSUME(LParen); const e = this.SUBRULE(this.expression); this.CONSUME(RParen); return e; } },
      { ALT: () => this.SUBRULE(this.call) },
      { ALT: () => this.SUBRULE(this.cohortAgg) },
      { ALT: () => this.SUBRULE(this.scoringForm) },
      { ALT: () => this.SUBRULE(this.objectLit) },
      { ALT: () => this.SUBRULE(this.listLit) },
    ]));
    // A primary whose rule gave up (objects, lists and calls have no recovery value) is an error
    // placeholder here, so no enclosing action ever reads an undefined operand.
    if (!acc && !this.RECORDING_PHASE) acc = { kind: 'Error', span: { start: this.lastEnd(), end: this.lastEnd() } };
    let suffixes = 0;
    this.MANY(() => {
      const suffix = this.OR1(this.altCache[8] ?? this.alts(8, () => [
        { ALT: () => { this.CONSUME(Dot); return { field: this.CONSUME(Identifier) }; } },
        { ALT: () => { this.CONSUME(LBracket); const index = this.SUBRULE1(this.expression); this.CONSUME(RBracket); return { index }; } },
      ]));
      acc = this.ACTION((): Expr => {
        const span = { start: acc.span.start, end: this.lastEnd() };
        this.chainStep(++suffixes, span);
        return 'field' in suffix!
          ? { kind: 'Field', object: acc, field: { name: suffix.field.image, span: tokSpan(suffix.field) }, span }
          : { kind: 'Index', object: acc, index: suffix!.index, span };
      });
    });
    return acc;
  }, { recoveryValueFunc: (e: IRecognitionException) => this.errorExpr(e) });

  /** A name, or a call when `(` follows. `min`/`max` are keywords that double as functions. */
  protected call = this.RULE('call', (): Expr => {
    const callee = this.OR(this.altCache[9] ?? this.alts(9, () => [
      { ALT: () => this.CONSUME(Identifier) },
      { ALT: () => this.CONSUME(Kw.min) },
      { ALT: () => this.CONSUME(Kw.max) },
    ]));
    const args = this.OPTION(this.callArgs);
    if (this.RECORDING_PHASE) return undefined as unknown as Expr;
    {
      const name = { name: callee.image, span: tokSpan(callee) };
      const fn = callee.tokenType === Kw.min ? 'min' : callee.tokenType === Kw.max ? 'max'
        : (callee as Token).value !== undefined ? undefined : canonicalBuiltin(callee.image); // quoted: a declared name
      const span = this.spanFrom(callee.startOffset);
      if (!args) return nameRef(callee, span);
      if ('aggregate' in args) return { ...args.aggregate, kind: 'Aggregate', fn: (fn ?? callee.image) as AggregateFn, callee: name, span };
      return { kind: 'Call', callee: name, fn: fn ?? '', args: args.list, span };
    }
  });

  /** `(…)` after a callee: an aggregate's parts or the arguments. A field, not a closure made per call
   * (every name is read by `call`). */
  private callArgs = () => {
    this.CONSUME(LParen);
    const inner = this.OR1(this.altCache[10] ?? this.alts(10, () => [
      {
        // The alternatives are cached (built once): the callee is read back as the token before `(`.
        GATE: () => isAggregateCallee(this.LA(-1)) && this.LA(1).tokenType === Identifier && this.LA(2).tokenType === Kw.in && this.LA(3).tokenType !== LCurly,
        ALT: () => ({ aggregate: this.SUBRULE(this.aggregate) }),
      },
      { ALT: () => ({ list: this.SUBRULE(this.argList) }) },
    ]));
    this.CONSUME(RParen);
    return inner as { aggregate: ReturnType<ExprParser['aggregate']> } | { list: Expr[] };
  };

  protected argList = this.RULE('argList', (): Expr[] => {
    const args: Expr[] = [];
    // Written without MANY_SEP: its `DEF:` closure would be created (and, under tsx, named) per call.
    this.OPTION(() => {
      const first = this.SUBRULE(this.expression);
      if (!this.RECORDING_PHASE) args.push(first);
      this.MANY(() => {
        this.CONSUME(Comma);
        const next = this.SUBRULE1(this.expression);
        if (!this.RECORDING_PHASE) args.push(next);
      });
    });
    return args;
  });

  protected aggregate = this.RULE('aggregate', () => {
    const binder = this.CONSUME(Identifier);
    this.CONSUME(Kw.in);
    const list = this.SUBRULE(this.opExpr);
    const parts: { where?: Expr; weight?: Expr; body?: Expr } = {};
    this.MANY(() => {
      const part = this.OR(this.altCache[11] ?? this.alts(11, () => [
        { ALT: () => { this.CONSUME(Kw.where); return { where: this.SUBRULE(this.expression) }; } },
        { ALT: () => { this.CONSUME(Kw.weightedBy); return { weight: this.SUBRULE1(this.expression) }; } },
      ]));
      this.ACTION(() => Object.assign(parts, part));
    });
    this.OPTION(() => {
      // `平均(r 属于 季度结果 => 档次分(r.考核等次))`: `=>` for `:` (U5's natural guess), read as meant and reported once.
      const sep = this.anyOf(181, [Colon, Arrow], 8);
      const body = this.SUBRULE2(this.expression);
      this.ACTION(() => { parts.body = body; if (sep.tokenType === Arrow) this.arrowBodies.push(sep); });
    });
    return this.ACTION(() => ({ binder: { name: binder.image, span: tokSpan(binder) }, list, ...parts }));
  });

  /** `overall max(x)`, `本组 百分位(score, 50)`, `overall rank(x asc)` (issue 13): SCOPE FN `(` X [`,` P]
   * [asc|desc] `)`. FN is a word of COHORT_FUNCTIONS only here (not reserved); another word is a
   * syntax error naming the five. Which parts each function takes is the checker's (KH-C124/C125). */
  protected cohortAgg = this.RULE('cohortAgg', (): Expr => {
    const scope = this.anyOf(170, [Kw.overall, Kw.cohort], 9);
    const callee = this.anyOf(171, [Identifier, Kw.max, Kw.min], 8);
    this.CONSUME(LParen);
    const arg = this.SUBRULE(this.expression);
    const p = this.OPTION(() => { this.CONSUME(Comma); return this.SUBRULE1(this.expression); });
    const dir = this.OPTION1(() => this.anyOf(172, [Kw.asc, Kw.desc], 7));
    this.CONSUME(RParen);
    if (this.RECORDING_PHASE) return undefined as unknown as Expr;
    const span = this.spanFrom(scope.startOffset);
    const fn = cohortFnOf(callee);
    if (!fn) {
      this.SAVE_ERROR(new MismatchedTokenException(JSON.stringify(PM.expected({ what: COHORT_FN_WORDS, found: PM.code({ text: callee.image }) })), callee, scope));
      return { kind: 'Error', span };
    }
    const e: CohortAgg = { kind: 'CohortAgg', scope: scope.tokenType === Kw.overall ? 'overall' : 'cohort', fn, callee: { name: callee.image, span: tokSpan(callee) }, arg, span };
    if (p) e.p = p;
    if (real(dir)) e.dir = dir.tokenType === Kw.asc ? 'asc' : 'desc';
    return e;
  }, { recoveryValueFunc: (e: IRecognitionException) => this.errorExpr(e) });

  protected scoringForm = this.RULE('scoringForm', (): Expr => this.OR(this.altCache[12] ?? this.alts(12, () => [
    { ALT: () => {
      const kw = this.CONSUME(Kw.bands);
      const subject = this.SUBRULE(this.opExpr);
      this.CONSUME(LCurly);
      const bands: { op: CompareOp; threshold: Expr; score: Expr; span: Span }[] = [];
      const rest: { else?: Expr } = {};
      this.commaList(5, () => {
        const start = this.nextStart();
        const b = this.OR1(this.altCache[13] ?? this.alts(13, () => [
          { ALT: () => { const op = this.anyOf(14, compareOps); const threshold = this.SUBRULE1(this.opExpr); this.CONSUME(Colon); return { op, threshold, score: this.SUBRULE(this.expression) }; } },
          { ALT: () => { this.CONSUME(Kw.else); this.CONSUME1(Colon); return { otherwise: this.SUBRULE1(this.expression) }; } },
        ]));
        this.ACTION(() => {
          if ('otherwise' in b) rest.else = b.otherwise;
          else bands.push({ op: b.op.image as CompareOp, threshold: b.threshold, score: b.score, span: this.spanFrom(start) });
        });
      });
      this.CONSUME(RCurly);
      return this.ACTION((): Expr => ({ kind: 'Bands', subject, bands, ...rest, span: this.spanFrom(kw.startOffset) }));
    } },
    { ALT: () => {
      const kw = this.CONSUME(Kw.levels);
      const subject = this.SUBRULE2(this.opExpr);
      this.CONSUME2(LCurly);
      const entries: { member: { name: string; span: Span }; score: Expr; span: Span }[] = [];
      const rest: { else?: Expr } = {};
      this.commaList(6, () => {
        const key = this.OR2(this.altCache[15] ?? this.alts(15, () => [
          { ALT: () => this.CONSUME1(Identifier) },
          { ALT: () => this.CONSUME1(Kw.else) },
        ]));
        this.CONSUME2(Colon);
        const score = this.SUBRULE2(this.expression);
        this.ACTION(() => {
          if (key.tokenType === Kw.else) rest.else = score;
          else entries.push({ member: { name: key.image, span: tokSpan(key) }, score, span: this.spanFrom(key.startOffset) });
        });
      });
      this.CONSUME2(RCurly);
      return this.ACTION((): Expr => ({ kind: 'Levels', subject, entries, ...rest, span: this.spanFrom(kw.startOffset) }));
    } },
    { ALT: () => {
      const kw = this.CONSUME(Kw.linear);
      const subject = this.SUBRULE3(this.opExpr);
      this.CONSUME3(LCurly);
      const points: { x: Expr; y: Expr; span: Span }[] = [];
      this.commaList(7, () => {
        const x = this.SUBRULE4(this.opExpr);
        this.CONSUME(Arrow);
        const y = this.SUBRULE5(this.opExpr);
        this.ACTION(() => points.push({ x, y, span: { start: x.span.start, end: y.span.end } }));
      });
      this.CONSUME3(RCurly);
      return this.ACTION((): Expr => ({ kind: 'Linear', subject, points, span: this.spanFrom(kw.startOffset) }));
    } },
    { ALT: () => {
      const kw = this.CONSUME(Kw.rate);
      const subject = this.nest(this.rateSubject); // `rate rate … x` recurses without an expression level
      return this.ACTION((): Expr => ({ kind: 'Rate', subject, span: this.spanFrom(kw.startOffset) }));
    } },
  ])), { recoveryValueFunc: (e: IRecognitionException) => this.errorExpr(e) });

  private rateSubject = (): Expr => this.SUBRULE(this.operand);

  public objectLit = this.RULE('objectLit', (): ObjectLit => {
    const open = this.CONSUME(LCurly);
    const entries: ObjectEntry[] = [];
    this.commaList(7, () => { const e = this.SUBRULE(this.entry); this.ACTION(() => { if (e) entries.push(e); }); });
    this.CONSUME(RCurly);
    return this.ACTION(() => ({ kind: 'Object' as const, entries, span: this.spanFrom(open.startOffset) }));
  });

  protected listLit = this.RULE('listLit', (): Expr => {
    const open = this.CONSUME(LBracket);
    const items: Expr[] = [];
    this.commaList(7, () => { const x = this.SUBRULE(this.expression); this.ACTION(() => items.push(x)); });
    this.CONSUME(RBracket);
    return this.ACTION((): Expr => ({ kind: 'List', items, span: this.spanFrom(open.startOffset) }));
  });

  protected errorExpr(e: IRecognitionException): Expr {
    const t = e.token;
    return { kind: 'Error', span: real(t) ? tokSpan(t) : { start: this.lastEnd(), end: this.lastEnd() } };
  }
}
