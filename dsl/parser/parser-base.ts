// The expression grammar of kaohe (LANGUAGE.md §4) as a Chevrotain parser with embedded actions: the
// rules build the AST directly (no CST, no second pass — that was 5× the cost of recognition on large
// schemes). KaoheParser (parser.ts) extends it with declarations; only the subclass runs
// self-analysis.
//
// Two Chevrotain rules shape this code:
// - Rule bodies also run once in a "recording phase" where tokens and sub-results are placeholders,
//   so anything that reads them sits inside `this.ACTION(…)`, which is skipped while recording.
// - Alternatives are built once and cached (`alts`): creating them on every call cost more than the
//   parse. Cached `ALT` functions therefore must not capture a rule's locals — they return values,
//   and the (fresh) MANY/OPTION bodies collect them.

import { EmbeddedActionsParser, isRecognitionException, type IOrAlt, type IRecognitionException, type IToken, type TokenType } from 'chevrotain';
import type { AggregateFn, CompareOp, Expr, Label, NumberLit, ObjectEntry, ObjectLit, Span } from '../ast.js';
import { canonicalBuiltin } from '../keywords.js';
import {
  allTokens, Arrow, Colon, Comma, Dot, EqEq, GtEq, Gt, Identifier, Kw, LBracket, LCurly, LParen, Lt, LtEq, Minus,
  NotEq, NumberLit as NumberTok, PercentLit, Plus, RBracket, RCurly, RParen, Slash, Star, StringLit,
} from './tokens.js';
import { errorMessages } from './messages.js';
import { climb, type Step } from './precedence.js';
import { TREE_DEPTH_LIMIT } from './tree-depth.js';
import { RECOVERY_SCANS_BASE, RECOVERY_SCANS_PER_TOKEN, SYNTAX_ERROR_LIMIT, TooManyErrors } from './error-limit.js';
import { firstFollow, planResync, type ResyncPlan } from './recovery.js';

export const compareOps = [EqEq, NotEq, LtEq, GtEq, Lt, Gt];
const binaryOps = [Kw.or, Kw.and, ...compareOps, Plus, Minus, Star, Slash];
const prefixOps = [Kw.not, Minus];

const RESULT_NAMES = new Set(['score', 'base', 'rewards', 'deductions', 'grade', 'bonus']);

export const tokSpan = (t: IToken): Span => ({ start: t.startOffset, end: t.endOffset! + 1 });
export const real = (t: IToken | undefined): t is IToken =>
  !!t && !t.isInsertedInRecovery && Number.isFinite(t.startOffset);
export const numberOf = (t: IToken): NumberLit =>
  ({ kind: 'Number', text: t.image, percent: t.tokenType === PercentLit, span: tokSpan(t) });

/** Most rule nesting a parse allows (expressions and operator chains count one each, as do groups,
 * `when` blocks, types and `rate` subjects): about 100 levels of brackets. A fixed bound — not a
 * caught RangeError — gives the same answer in a cold process and a warm one, whose stack frames are
 * smaller; 200 is well below where a cold process overflowed (list brackets nested 400 deep;
 * test/parser/depth.test.ts). */
export const NESTING_LIMIT = 200;

/** Most steps (operands, operators, prefixes) in one operator chain, and suffixes (`.field`, `[i]`) in
 * one postfix chain. Precedence climbing recurses once per prefix operator, and no scheme a person
 * writes comes near this. */
export const CHAIN_LIMIT = 2000;

/** Tree levels outside any nesting level: scheme, declaration, and such wrappers (see mayBeTooDeep). */
const DECL_LEVELS = 8;

/** Thrown when a parse nests deeper than NESTING_LIMIT or a chain is longer than CHAIN_LIMIT. Not a
 * recognition exception, so Chevrotain rethrows it instead of recovering; parse() reports KH-P008. */
export class NestingTooDeep extends Error {
  constructor(readonly span: Span, readonly chain: boolean) { super('nesting too deep'); }
}

/** The parts of Chevrotain's recognizer that error recovery (below) reads or replaces. They are
 * internal to Chevrotain (11.x): the broken-scheme fixtures and the parser tests pin what depends on
 * them, and limits.test.ts checks the replacement plans resynchronisation as the original did. */
interface Recognizer {
  RULE_STACK_IDX: number;
  isBackTracking(): boolean;
  buildFullFollowKeyStack(): unknown[];
  getFollowSetFromFollowKey(key: unknown): TokenType[] | undefined;
  reSyncTo(type: TokenType): IToken[];
  SAVE_ERROR(error: IRecognitionException): IRecognitionException;
  invokeRuleCatch(e: unknown, resyncEnabled: boolean, recoveryValueFunc: (e: unknown) => unknown): unknown;
  getFollowsForInRuleRecovery(type: TokenType, idxInRule: number): TokenType[];
}
const chevrotain = EmbeddedActionsParser.prototype as unknown as Recognizer;

export class ParserBase extends EmbeddedActionsParser {
  constructor() {
    super(allTokens, { recoveryEnabled: true, maxLookahead: 3, errorMessageProvider: errorMessages });
  }

  // Alternatives of one OR return differently shaped values (discriminated by key with `in`), which
  // TypeScript cannot infer as a union through Chevrotain's OR<T>: the cache is typed loosely.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private altCache: IOrAlt<any>[][] = [];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  protected alts(id: number, build: () => IOrAlt<any>[]): IOrAlt<any>[] {
    return (this.altCache[id] ??= build());
  }

  /** One of several tokens; `idx` keeps repeated uses in one rule distinct. */
  protected anyOf(cacheId: number, types: TokenType[], idx = 9): IToken {
    return this.or(idx, this.alts(cacheId, () => types.map((t) => ({ ALT: () => this.consume(idx, t) })))) as IToken;
  }

  /** Recursive rules entered and not yet left, the most at once, and the longest operator chain (in
   * steps) of this parse. An operator tree is at most maxNesting × (maxSteps + 1) deep, so parse()
   * walks the tree for its exact depth only when that product is large (tree-depth.ts). */
  nesting = 0;
  maxNesting = 0;
  maxSteps = 0;

  /** Whether the tree just parsed may be deeper than TREE_DEPTH_LIMIT (then tree-depth.ts measures it).
   * Within one nesting level the tree grows by the steps of one operator chain, the suffixes of one
   * postfix chain (each at most maxSteps), an `if` and a primary (a call, list, form…); declarations
   * (scheme, declaration, example object, effect, constraint) add a few levels outside them. */
  mayBeTooDeep(): boolean {
    return this.maxNesting * 2 * (this.maxSteps + 1) + DECL_LEVELS > TREE_DEPTH_LIMIT;
  }

  /** Sets the tokens of a new parse and clears its depth counters and error budget (`recoveryBudget`:
   * tokens recovery may scan ahead before the parse stops; a test sets it low to see it stop). */
  begin(tokens: IToken[], recoveryBudget = RECOVERY_SCANS_BASE + RECOVERY_SCANS_PER_TOKEN * tokens.length): void {
    this.input = tokens;
    this.nesting = this.maxNesting = this.maxSteps = 0;
    this.strays = [];
    // A parse cut short by KH-P008 returns before its missing closers are reported and cleared: left
    // here, they were reported again, with the old file's offsets, in the next file parsed.
    this.missingClosers = [];
    this.errorCount = 0;
    this.lastErrorAt = NaN;
    this.recoveryScans = 0;
    this.recoveryBudget = recoveryBudget;
  }

  // ------------------------------------------------------------ error recovery (error-limit.ts, recovery.ts)

  /** Errors of this parse at distinct tokens, the token of the last one, and the tokens recovery has
   * scanned ahead so far out of its budget. */
  private errorCount = 0;
  private lastErrorAt = NaN;
  private recoveryScans = 0;
  private recoveryBudget = RECOVERY_SCANS_BASE;

  /** Chevrotain records every syntax error here: the parse stops at the first one beyond the limit
   * (errors at one token, as recovery retries it, count once). */
  SAVE_ERROR(error: IRecognitionException): IRecognitionException {
    chevrotain.SAVE_ERROR.call(this, error);
    const at = real(error.token) ? error.token.startOffset : -1;
    if (at !== this.lastErrorAt) {
      this.lastErrorAt = at;
      if (++this.errorCount > SYNTAX_ERROR_LIMIT) throw new TooManyErrors(real(error.token) ? tokSpan(error.token) : this.stopSpan(), 'errors');
    }
    return error;
  }

  /** Charges `scans` tokens to the recovery budget; the parse stops when it is spent. */
  private spend(scans: number): void {
    this.recoveryScans += scans;
    if (this.recoveryScans > this.recoveryBudget) throw new TooManyErrors(this.stopSpan(), 'recovery');
  }

  private stopSpan(): Span {
    const start = this.nextStart();
    return { start, end: real(this.LA(1)) ? this.LA(1).endOffset! + 1 : start };
  }

  private followStack(): TokenType[][] {
    const self = this as unknown as Recognizer;
    return self.buildFullFollowKeyStack().map((key) => self.getFollowSetFromFollowKey(key) ?? []);
  }

  private readonly la = (k: number): IToken => this.LA(k);

  /** Between-rules recovery, as Chevrotain's but planned once per error (recovery.ts) instead of
   * rescanned in every rule the error passes through. */
  invokeRuleCatch(e: unknown, resyncEnabled: boolean, recoveryValueFunc: (e: unknown) => unknown): unknown {
    const self = this as unknown as Recognizer;
    if (!(e instanceof Error) || !isRecognitionException(e) || !resyncEnabled || self.isBackTracking()) {
      return chevrotain.invokeRuleCatch.call(this, e, resyncEnabled, recoveryValueFunc);
    }
    const err = e as IRecognitionException & { resync?: ResyncPlan; resyncedTokens?: IToken[] };
    if (!err.resync) {
      err.resync = planResync(this.followStack(), this.la);
      this.spend(err.resync.scanned);
    }
    if (self.RULE_STACK_IDX !== err.resync.level) throw e;
    err.resyncedTokens = self.reSyncTo(err.resync.type);
    return recoveryValueFunc(e);
  }

  /** Used by Chevrotain's in-repetition recovery, which may scan ahead and then give up. */
  findReSyncTokenType(): TokenType {
    const found = firstFollow(this.followStack(), this.la);
    this.spend(found.scanned);
    return found.type;
  }

  /** Single-token insertion and deletion walk the grammar along the rule stack. */
  getFollowsForInRuleRecovery(type: TokenType, idxInRule: number): TokenType[] {
    this.spend((this as unknown as Recognizer).RULE_STACK_IDX + 1);
    return chevrotain.getFollowsForInRuleRecovery.call(this, type, idxInRule);
  }

  /** First tokens of stretches the declaration parser skipped (parser.ts `skipStray`), reported by
   * parse() as KH-P001; here so `begin` clears them. */
  strays: IToken[] = [];

  /** `body()` one level deeper. The `finally` keeps the count right when Chevrotain unwinds a rule to
   * recover from a syntax error. (`body` is an arrow-function field: no closure per call.) */
  protected nest<T>(body: () => T): T {
    if (++this.nesting > this.maxNesting && !this.RECORDING_PHASE) {
      this.maxNesting = this.nesting;
      if (this.nesting > NESTING_LIMIT) {
        this.nesting--;
        throw new NestingTooDeep({ start: this.nextStart(), end: this.nextStart() + 1 }, false);
      }
    }
    try {
      return body();
    } finally {
      this.nesting--;
    }
  }

  /** Closers that were missing: reported as syntax errors by parse(). */
  missingClosers: { at: IToken; expected: TokenType }[] = [];

  /** The `}` that closes a container. When it is missing (a truncated file, a forgotten brace), the
   * container ends here with an error instead of failing — so what was parsed inside is kept. */
  protected close(type: TokenType): void {
    const t = this.option(4, () => this.consume(4, type));
    this.ACTION(() => { if (!real(t)) this.missingClosers.push({ at: this.LA(1), expected: type }); });
  }

  /** Items separated by commas, a trailing comma allowed. */
  protected commaList(idx: number, item: () => void): void {
    this.many(idx, () => { item(); this.option(idx, () => this.consume(idx, Comma)); });
  }

  /** Offset just past the last consumed token. */
  protected lastEnd(): number {
    const self = this as unknown as { currIdx: number; tokVector: IToken[] };
    const t = self.tokVector[self.currIdx];
    return t ? t.endOffset! + 1 : 0;
  }
  /** Offset of the next token (where a construct starts). */
  protected nextStart(): number {
    const t = this.LA(1);
    return Number.isFinite(t.startOffset) ? t.startOffset : this.lastEnd();
  }
  protected spanFrom(start: number): Span {
    return { start, end: Math.max(start, this.lastEnd()) };
  }

  /** An optional label; `idx` distinguishes a second label in the same rule. */
  protected label = (idx = 9): Label | undefined => {
    const t = this.option(idx, () => this.consume(idx, StringLit));
    return this.ACTION(() => (real(t) ? { value: (t as IToken & { value: string }).value, span: tokSpan(t) } : undefined));
  };
  protected number = (): IToken => this.OR8(this.alts(1, () => [
    { ALT: () => this.CONSUME8(NumberTok) },
    { ALT: () => this.CONSUME8(PercentLit) },
  ]));

  /** `key: expr` — table entries, bonus entries, object literal entries. */
  protected entry = this.RULE('entry', (): ObjectEntry => {
    const key = this.CONSUME(Identifier);
    this.CONSUME(Colon);
    const value = this.SUBRULE(this.expression);
    return this.ACTION(() => ({ key: { name: key.image, span: tokSpan(key) }, value, span: { start: key.startOffset, end: value.span.end } }));
  }, { recoveryValueFunc: () => undefined as unknown as ObjectEntry });

  // ------------------------------------------------------------ expressions

  public expression = this.RULE('expression', (): Expr => this.nest(this.ifOrOps), { recoveryValueFunc: (e: IRecognitionException) => this.errorExpr(e) });

  private ifOrOps = (): Expr => this.OR(this.alts(2, () => [
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
  ]));

  /** Operands joined by binary operators, read flat and then grouped by precedence climbing: one
   * rule instead of one per precedence level. */
  public opExpr = this.RULE('opExpr', (): Expr => this.nest(this.operatorChain), { recoveryValueFunc: (e: IRecognitionException) => this.errorExpr(e) });

  private operatorChain = (): Expr => {
    // Hot path: most expressions are one operand, so `steps` is only allocated when needed, and the
    // recording-phase flag is tested directly rather than through ACTION closures.
    let steps: Step[] | undefined;
    const chainStart = this.RECORDING_PHASE ? 0 : this.nextStart();
    // (Chains are measured as they grow, so 1.5 MB of `- - - …` stops after CHAIN_LIMIT steps.)
    this.MANY(() => { const p = this.anyOf(3, prefixOps); if (!this.RECORDING_PHASE) this.grow(steps ??= [], { prefix: p }, chainStart); });
    const first = this.SUBRULE(this.operand);
    if (steps && !this.RECORDING_PHASE) steps.push({ operand: first });
    this.MANY1(() => {
      const step = this.OR(this.alts(4, () => [
        { ALT: () => {
          const op = this.anyOf(5, binaryOps, 7);
          const prefixes: IToken[] = [];
          this.MANY2(() => { const p = this.anyOf(6, prefixOps, 8); if (!this.RECORDING_PHASE && prefixes.push(p) > CHAIN_LIMIT) this.tooLong(chainStart); });
          const right = this.SUBRULE1(this.operand);
          return { op, prefixes, right };
        } },
        { ALT: () => {
          this.CONSUME(Kw.in);
          this.CONSUME(LCurly);
          const set: Expr[] = [];
          this.AT_LEAST_ONE_SEP({ SEP: Comma, DEF: () => { const x = this.SUBRULE(this.opExpr); if (!this.RECORDING_PHASE) set.push(x); } });
          this.CONSUME(RCurly);
          return { set, end: this.RECORDING_PHASE ? 0 : this.lastEnd() };
        } },
      ]));
      if (this.RECORDING_PHASE) return;
      steps ??= [{ operand: first }];
      if ('set' in step) steps.push(step as Step);
      else {
        steps.push({ op: step.op });
        for (const p of step.prefixes) steps.push({ prefix: p });
        steps.push({ operand: step.right });
      }
      this.grow(steps, undefined, chainStart);
    });
    if (!steps || this.RECORDING_PHASE) return first;
    this.chainStep(steps.length, { start: chainStart, end: this.lastEnd() });
    return climb(steps);
  };

  /** A primary with its `.field` and `[index]` suffixes. */
  protected operand = this.RULE('operand', (): Expr => {
    let acc = this.OR(this.alts(7, () => [
      { ALT: () => { const t = this.CONSUME(NumberTok); return this.RECORDING_PHASE ? undefined : numberOf(t); } },
      { ALT: () => { const t = this.CONSUME(PercentLit); return this.RECORDING_PHASE ? undefined : numberOf(t); } },
      { ALT: () => {
        const t = this.CONSUME(StringLit);
        return this.ACTION((): Expr => ({ kind: 'String', value: (t as IToken & { value: string }).value, span: tokSpan(t) }));
      } },
      { ALT: () => { const t = this.CONSUME(Kw.true); return this.ACTION((): Expr => ({ kind: 'Bool', value: true, span: tokSpan(t) })); } },
      { ALT: () => { const t = this.CONSUME(Kw.false); return this.ACTION((): Expr => ({ kind: 'Bool', value: false, span: tokSpan(t) })); } },
      { ALT: () => { this.CONSUME(LParen); const e = this.SUBRULE(this.expression); this.CONSUME(RParen); return e; } },
      { ALT: () => this.SUBRULE(this.call) },
      { ALT: () => this.SUBRULE(this.scoringForm) },
      { ALT: () => this.SUBRULE(this.objectLit) },
      { ALT: () => this.SUBRULE(this.listLit) },
    ]));
    // A primary whose rule gave up (objects, lists and calls have no recovery value) is an error
    // placeholder here, so no enclosing action ever reads an undefined operand.
    if (!acc && !this.RECORDING_PHASE) acc = { kind: 'Error', span: { start: this.lastEnd(), end: this.lastEnd() } };
    let suffixes = 0;
    this.MANY(() => {
      const suffix = this.OR1(this.alts(8, () => [
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

  /** Adds `step` (if any) to an operator chain; the parse stops when the chain is longer than CHAIN_LIMIT. */
  private grow(steps: Step[], step: Step | undefined, chainStart: number): void {
    if (step) steps.push(step);
    if (steps.length > CHAIN_LIMIT) this.tooLong(chainStart);
  }

  private tooLong(chainStart: number): never {
    throw new NestingTooDeep({ start: chainStart, end: this.lastEnd() }, true);
  }

  /** A postfix chain (`a.b[0].c…`) has reached `steps` suffixes: each one is a tree level, so it is
   * limited as operator chains are (CHAIN_LIMIT, and the tree-depth check). */
  private chainStep(steps: number, span: Span): void {
    if (steps > this.maxSteps) {
      if (steps > CHAIN_LIMIT) throw new NestingTooDeep(span, true);
      this.maxSteps = steps;
    }
  }

  /** A name, or a call when `(` follows. `min`/`max` are keywords that double as functions. */
  protected call = this.RULE('call', (): Expr => {
    const callee = this.OR(this.alts(9, () => [
      { ALT: () => this.CONSUME(Identifier) },
      { ALT: () => this.CONSUME(Kw.min) },
      { ALT: () => this.CONSUME(Kw.max) },
    ]));
    const args = this.OPTION(() => {
      this.CONSUME(LParen);
      const inner = this.OR1(this.alts(10, () => [
        {
          GATE: () => this.LA(1).tokenType === Identifier && this.LA(2).tokenType === Kw.in && this.LA(3).tokenType !== LCurly,
          ALT: () => ({ aggregate: this.SUBRULE(this.aggregate) }),
        },
        { ALT: () => ({ list: this.SUBRULE(this.argList) }) },
      ]));
      this.CONSUME(RParen);
      return inner;
    });
    if (this.RECORDING_PHASE) return undefined as unknown as Expr;
    {
      const name = { name: callee.image, span: tokSpan(callee) };
      const fn = callee.tokenType === Kw.min ? 'min' : callee.tokenType === Kw.max ? 'max' : canonicalBuiltin(callee.image);
      const span = this.spanFrom(callee.startOffset);
      if (!args) {
        return fn && RESULT_NAMES.has(fn) ? { kind: 'Name', name: callee.image, builtin: fn, span } : { kind: 'Name', name: callee.image, span };
      }
      if ('aggregate' in args) return { ...args.aggregate, kind: 'Aggregate', fn: (fn ?? callee.image) as AggregateFn, callee: name, span };
      return { kind: 'Call', callee: name, fn: fn ?? '', args: args.list, span };
    }
  });

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
      const part = this.OR(this.alts(11, () => [
        { ALT: () => { this.CONSUME(Kw.where); return { where: this.SUBRULE(this.expression) }; } },
        { ALT: () => { this.CONSUME(Kw.weightedBy); return { weight: this.SUBRULE1(this.expression) }; } },
      ]));
      this.ACTION(() => Object.assign(parts, part));
    });
    this.OPTION(() => { this.CONSUME(Colon); const body = this.SUBRULE2(this.expression); this.ACTION(() => { parts.body = body; }); });
    return this.ACTION(() => ({ binder: { name: binder.image, span: tokSpan(binder) }, list, ...parts }));
  });

  protected scoringForm = this.RULE('scoringForm', (): Expr => this.OR(this.alts(12, () => [
    { ALT: () => {
      const kw = this.CONSUME(Kw.bands);
      const subject = this.SUBRULE(this.opExpr);
      this.CONSUME(LCurly);
      const bands: { op: CompareOp; threshold: Expr; score: Expr; span: Span }[] = [];
      const rest: { else?: Expr } = {};
      this.commaList(5, () => {
        const start = this.nextStart();
        const b = this.OR1(this.alts(13, () => [
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
        const key = this.OR2(this.alts(15, () => [
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
