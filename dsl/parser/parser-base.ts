// The machinery of kaohe's Chevrotain parser with embedded actions: the rules build the AST directly
// (no CST, no second pass — that was 5× the cost of recognition on large schemes). Here: cached
// alternatives, nesting and chain limits, error recovery and the error limit, span helpers, labels.
// ExprParser (parser-expr.ts) adds the expression grammar, DeclParser (parser-decls.ts) and
// KaoheParser (parser.ts) the declarations; only the last runs self-analysis.
//
// Two Chevrotain rules shape this code:
// - Rule bodies also run once in a "recording phase" where tokens and sub-results are placeholders,
//   so anything that reads them sits inside `this.ACTION(…)`, which is skipped while recording.
// - Alternatives are built once and cached (`alts`): creating them on every call cost more than the
//   parse. Cached `ALT` functions therefore must not capture a rule's locals — they return values,
//   and the (fresh) MANY/OPTION bodies collect them.

import { EmbeddedActionsParser, isRecognitionException, type IOrAlt, type IRecognitionException, type IToken, type TokenType } from 'chevrotain';
import type { Label, NumberLit, Span } from '../ast.js';
import { allTokens, Comma, EqEq, GtEq, Gt, Lt, LtEq, NotEq, NumberLit as NumberTok, PercentLit, StringLit } from './tokens.js';
import { errorMessages } from './messages.js';
import { TREE_DEPTH_LIMIT } from './tree-depth.js';
import { RECOVERY_SCANS_BASE, RECOVERY_SCANS_PER_TOKEN, SYNTAX_ERROR_LIMIT, TooManyErrors } from './error-limit.js';
import { firstFollow, planResync, type ResyncPlan } from './recovery.js';

export const compareOps = [EqEq, NotEq, LtEq, GtEq, Lt, Gt];

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

/** Grammar positions whose recovery follows a parser remembers (a few KB each at most). */
const FOLLOWS_CACHE_LIMIT = 4096;

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
  RULE_STACK: number[];
  RULE_OCCURRENCE_STACK: number[];
  RULE_OCCURRENCE_STACK_IDX: number;
  isBackTracking(): boolean;
  buildFullFollowKeyStack(): unknown[];
  getFollowSetFromFollowKey(key: unknown): TokenType[] | undefined;
  reSyncTo(type: TokenType): IToken[];
  SAVE_ERROR(error: IRecognitionException): IRecognitionException;
  invokeRuleCatch(e: unknown, resyncEnabled: boolean, recoveryValueFunc: (e: unknown) => unknown): unknown;
  getFollowsForInRuleRecovery(type: TokenType, idxInRule: number): TokenType[];
  preComputeLookaheadFunctions(rules: GastRule[]): void;
  lookAheadFuncsCache: Map<number, LookaheadFn>;
  fullRuleNameToShort: Record<string, number>;
}
const chevrotain = EmbeddedActionsParser.prototype as unknown as Recognizer;
type GastRule = { name: string };
type LookaheadFn = (...args: unknown[]) => unknown;

/** A lookahead key (Chevrotain's grammar/keys.js): occurrence (8 bits) | DSL method (4) | the rule's
 * short name (its index shifted past those 12 bits). */
const RULE_BITS = ~0xfff;

/** Defined (true) only in the built `kaohe` command (bin/build.js), whose build has already run the
 * grammar validations once: the command skips them at every start (≈ 60 ms of `kaohe check`).
 * Everywhere else — tests, the editor, the library — Chevrotain validates the grammar as before. */
declare const KAOHE_GRAMMAR_VALIDATED: boolean | undefined;
const skipValidations = typeof KAOHE_GRAMMAR_VALIDATED !== 'undefined' && KAOHE_GRAMMAR_VALIDATED === true;

export class ParserBase extends EmbeddedActionsParser {
  constructor() {
    super(allTokens, { recoveryEnabled: true, maxLookahead: 3, errorMessageProvider: errorMessages, skipValidations });
  }

  // Alternatives of one OR return differently shaped values (discriminated by key with `in`), which
  // TypeScript cannot infer as a union through Chevrotain's OR<T>: the cache is typed loosely.
  // Callers write `this.altCache[id] ?? this.alts(id, () => …)`: the build closure is then only made
  // on the first call (V8 made it on every call of a hot rule otherwise).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  protected altCache: IOrAlt<any>[][] = [];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  protected alts(id: number, build: () => IOrAlt<any>[]): IOrAlt<any>[] {
    return (this.altCache[id] ??= build());
  }

  /** One of several tokens; `idx` keeps repeated uses in one rule distinct. */
  protected anyOf(cacheId: number, types: TokenType[], idx = 9): IToken {
    return this.or(idx, this.altCache[cacheId] ?? this.alts(cacheId, () => types.map((t) => ({ ALT: () => this.consume(idx, t) })))) as IToken;
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
    const self = this as unknown as Recognizer;
    this.spend(self.RULE_STACK_IDX + 1);
    // The follows depend only on the grammar position (rule and occurrence stacks, token, index), and
    // walking the grammar for them was most of the time a garbled scheme took: remember them.
    let key = `${type.tokenTypeIdx}:${idxInRule}`;
    for (let i = 0; i <= self.RULE_STACK_IDX; i++) key += `/${self.RULE_STACK[i]}`;
    key += '@';
    for (let i = 0; i <= self.RULE_OCCURRENCE_STACK_IDX; i++) key += `/${self.RULE_OCCURRENCE_STACK[i]}`;
    let follows = this.followsCache.get(key);
    if (!follows) {
      follows = chevrotain.getFollowsForInRuleRecovery.call(this, type, idxInRule);
      if (this.followsCache.size >= FOLLOWS_CACHE_LIMIT) this.followsCache.clear();
      this.followsCache.set(key, follows);
    }
    return follows;
  }
  private followsCache = new Map<string, TokenType[]>();

  /** Chevrotain computes every lookahead function of the grammar in performSelfAnalysis (a third of
   * its time in a profile of `kaohe check`), while a parse enters only some of the rules. Here each
   * rule's functions are computed by Chevrotain's own code when a parse first asks for one of them:
   * the same functions (they depend on the grammar alone) in the same cache, so a parse goes exactly
   * as before. (Measured: −1% of `kaohe check`'s CPU on quarterly-review, which enters most rules.) */
  private lookaheadPending?: Map<number, GastRule>;

  preComputeLookaheadFunctions(rules: GastRule[]): void {
    const self = this as unknown as Recognizer;
    this.lookaheadPending = new Map(rules.map((r) => [self.fullRuleNameToShort[r.name], r]));
  }

  getLaFuncFromCache(key: number): LookaheadFn | undefined {
    const self = this as unknown as Recognizer;
    const f = self.lookAheadFuncsCache.get(key);
    if (f !== undefined) return f;
    const rule = this.lookaheadPending?.get(key & RULE_BITS);
    if (rule === undefined) return undefined;
    this.lookaheadPending!.delete(key & RULE_BITS);
    chevrotain.preComputeLookaheadFunctions.call(this, [rule]);
    return self.lookAheadFuncsCache.get(key);
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

  /** Adds `step` (if any) to an operator chain; the parse stops when the chain is longer than CHAIN_LIMIT. */
  protected grow(steps: unknown[], step: unknown, chainStart: number): void {
    if (step) steps.push(step);
    if (steps.length > CHAIN_LIMIT) this.tooLong(chainStart);
  }

  protected tooLong(chainStart: number): never {
    throw new NestingTooDeep({ start: chainStart, end: this.lastEnd() }, true);
  }

  /** A postfix chain (`a.b[0].c…`) has reached `steps` suffixes: each one is a tree level, so it is
   * limited as operator chains are (CHAIN_LIMIT, and the tree-depth check). */
  protected chainStep(steps: number, span: Span): void {
    if (steps > this.maxSteps) {
      if (steps > CHAIN_LIMIT) throw new NestingTooDeep(span, true);
      this.maxSteps = steps;
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
    if (!this.RECORDING_PHASE && this.LA(1).tokenType !== StringLit) return undefined; // most have none: no OPTION
    const t = this.option(idx, () => this.consume(idx, StringLit));
    return this.ACTION(() => (real(t) ? { value: (t as IToken & { value: string }).value, span: tokSpan(t) } : undefined));
  };
  protected number = (): IToken => this.numberToken() ?? this.OR8(this.altCache[1] ?? this.alts(1, () => [
    { ALT: () => this.CONSUME8(NumberTok) },
    { ALT: () => this.CONSUME8(PercentLit) },
  ]));

  /** The number token next, consumed as the OR above would consume it, without its machinery (every
   * share reads one); undefined when the next token is none (the OR reports it) or while recording. */
  private numberToken(): IToken | undefined {
    if (this.RECORDING_PHASE) return undefined;
    const t = this.LA(1);
    if (t.tokenType !== NumberTok && t.tokenType !== PercentLit) return undefined;
    this.SKIP_TOKEN();
    return t;
  }

  /** `key: expr` — table entries, bonus entries, object literal entries. */
}
