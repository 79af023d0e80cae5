// The declaration grammar of kaohe (LANGUAGE.md §2–§10), building the AST directly: the scheme,
// scoring members and rule lists here, on the layers parser-expr.ts → parser-decls.ts →
// parser-grades.ts (grades, quotas, outcomes, examples). See parser-base.ts for the two conventions every rule here follows (ACTION for anything that reads
// parse results; cached alternatives return values instead of capturing locals).

import type { Decl, Effect, Expr, Label, Member, Name, RuleItem, Scheme, Share, ShareCase, Span } from '../ast.js';
import type { IToken, TokenType } from 'chevrotain';
import { Arrow, Assign, Comma, Identifier, Kw, LBracket, LCurly, NumberLit as NumberTok, PercentLit, RBracket, RCurly } from './tokens.js';
import { numberOf, real, tokSpan } from './parser-base.js';
import { kwName, nameOf } from './parser-decls.js';
import { GradeParser } from './parser-grades.js';

/** Tokens that start a declaration, and those that start a member of a group or `when` block: where
 * reading resumes after a stretch that starts none (see `skipStray`). */
const MEMBER_STARTS = new Set<TokenType>([Kw.indicator, Kw.group, Kw.when]);
export const DECL_STARTS = new Set<TokenType>([
  ...MEMBER_STARTS, Kw.version, Kw.period, Kw.precision, Kw.total, Kw.normalize, Kw.cohortBy, Kw.rankBy, Kw.enum, Kw.table, Kw.panel, Kw.input,
  Kw.let, Kw.adjust, Kw.negative, Kw.reward, Kw.grades, Kw.outcomes, Kw.example, Kw.scale, Kw.function,
]);

export class KaoheParser extends GradeParser {
  constructor() {
    super();
    this.performSelfAnalysis();
  }

  /** The scheme being parsed, so a file that fails beyond recovery (truncated mid-declaration) still
   * yields every declaration completed before the failure. */
  private partial?: { name: Name; label?: Label; decls: Decl[]; start: number };

  /** `when C` written inside an indicator (KH-P015): parse() reports each once, with the block form. */
  misplacedWhens: { kw: IToken; cond: Expr; indicator: Span }[] = [];
  /** Weights written without `weight` (`类别 共性指标 40% {`): parse() reports each once. */
  bareWeights: IToken[] = [];

  /** A parse that stopped (KH-P008, KH-P009) left its partial scheme here: the next parse, of another
   * file, must not recover it as its own. */
  override begin(tokens: IToken[], recoveryBudget?: number): void {
    this.partial = undefined;
    this.misplacedWhens = [];
    this.bareWeights = [];
    super.begin(tokens, recoveryBudget);
  }

  public scheme = this.RULE('scheme', (): Scheme => {
    const kw = this.CONSUME(Kw.scheme);
    const name = this.CONSUME(Identifier);
    const label = this.label();
    const decls: Decl[] = [];
    this.ACTION(() => { this.partial = { name: nameOf(name), label, decls, start: kw.startOffset }; });
    this.CONSUME(LCurly);
    for (;;) {
      this.MANY(() => { const d = this.SUBRULE(this.decl); this.ACTION(() => { if (d) decls.push(d); }); });
      if (this.RECORDING_PHASE || !this.skipStray(DECL_STARTS)) break;
    }
    this.close(RCurly);
    return this.ACTION(() => {
      this.partial = undefined; // finished normally: nothing for recovery to rebuild
      return { kind: 'Scheme' as const, name: nameOf(name), label, decls, span: this.spanFrom(kw.startOffset) };
    });
  }, { recoveryValueFunc: () => this.recoverScheme() });

  private recoverScheme(): Scheme {
    const p = this.partial;
    this.partial = undefined;
    if (!p) return undefined as unknown as Scheme;
    return { kind: 'Scheme', name: p.name, label: p.label, decls: p.decls, span: this.spanFrom(p.start) };
  }

  /** One declaration; public so that incremental re-parsing (incremental.ts) can parse one alone. */
  public decl = this.RULE('decl', (): Decl | undefined => this.OR(this.altCache[20] ?? this.alts(20, () => [
    { ALT: () => this.SUBRULE(this.setting) },
    { ALT: () => this.SUBRULE(this.enumDecl) },
    { ALT: () => this.SUBRULE(this.tableDecl) },
    { ALT: () => this.SUBRULE(this.panelDecl) },
    { ALT: () => this.SUBRULE(this.scaleDecl) },
    { ALT: () => this.SUBRULE(this.inputDecl) },
    { ALT: () => this.SUBRULE(this.letDecl) },
    { ALT: () => this.SUBRULE(this.functionDecl) },
    { ALT: () => this.SUBRULE(this.indicatorDecl) },
    { ALT: () => this.SUBRULE(this.groupDecl) },
    { ALT: () => this.SUBRULE(this.whenBlock) },
    { ALT: () => this.SUBRULE(this.ruleList) },
    { ALT: () => this.SUBRULE(this.gradesDecl) },
    { ALT: () => this.SUBRULE(this.outcomesDecl) },
    { ALT: () => this.SUBRULE(this.exampleDecl) },
  ])), { recoveryValueFunc: () => undefined });

  private share = this.RULE('share', (): Share | undefined => {
    const kind = this.OR(this.altCache[30] ?? this.alts(30, () => [{ ALT: () => this.CONSUME(Kw.weight) }, { ALT: () => this.CONSUME(Kw.points) }]));
    const cases: ShareCase[] = [];
    // `if C then N else if C then N … else M` (issue 12): a share that depends on the post.
    this.OPTION7(() => {
      const first = this.SUBRULE7(this.shareCase);
      this.ACTION(() => { if (first) cases.push(first); });
      this.CONSUME7(Kw.else);
      this.MANY7(() => {
        const c = this.SUBRULE8(this.shareCase);
        this.ACTION(() => { if (c) cases.push(c); });
        this.CONSUME8(Kw.else);
      });
    });
    const value = this.number();
    return this.ACTION(() => (real(value)
      ? { kind: kind.tokenType === Kw.points ? 'points' as const : 'weight' as const, value: numberOf(value), ...(cases.length ? { cases } : {}), span: this.spanFrom(kind.startOffset) }
      : undefined));
  }, { recoveryValueFunc: () => undefined });

  /** `if C then N` of a conditional share. */
  private shareCase = this.RULE('shareCase', (): ShareCase | undefined => {
    const kw = this.CONSUME(Kw.if);
    const cond = this.SUBRULE(this.expression);
    this.CONSUME(Kw.then);
    const value = this.number();
    return this.ACTION(() => (real(value) ? { cond, value: numberOf(value), span: this.spanFrom(kw.startOffset) } : undefined));
  }, { recoveryValueFunc: () => undefined });

  private members = (into: Member[]) => {
    for (;;) {
      this.MANY8(() => {
        const m = this.OR8(this.altCache[31] ?? this.alts(31, () => [
          { ALT: () => this.SUBRULE8(this.indicatorDecl) },
          { ALT: () => this.SUBRULE8(this.groupDecl) },
          { ALT: () => this.SUBRULE8(this.whenBlock) },
        ]));
        this.ACTION(() => { if (m) into.push(m); });
      });
      if (this.RECORDING_PHASE || !this.skipStray(MEMBER_STARTS)) break;
    }
  };

  /** Skips what starts no declaration (no member, in a group) up to the next token in `starts` or
   * the `}` that closes this level, and records where it began. Without it, one typo such as `指表`
   * for `指标` ended the scheme there: everything after it was lost and reported as wrong. */
  private skipStray(starts: Set<TokenType>): boolean {
    const first = this.LA(1);
    if (first.tokenType === RCurly || !Number.isFinite(first.startOffset)) return false; // `}` or the end
    let depth = 0;
    for (let t = first; Number.isFinite(t.startOffset); t = this.LA(1)) {
      if (depth === 0 && t !== first && (t.tokenType === RCurly || starts.has(t.tokenType))) break;
      if (t.tokenType === LCurly) depth++;
      else if (t.tokenType === RCurly) depth--;
      this.SKIP_TOKEN();
    }
    this.strays.push(first);
    return true;
  }

  /** The members of a group or `when` block: one level deeper (NESTING_LIMIT). */
  private nested = (): Member[] => this.nest(this.memberList);
  private memberList = (): Member[] => {
    const members: Member[] = [];
    this.members(members);
    return members;
  };

  private indicatorDecl = this.RULE('indicatorDecl', (): Member | undefined => {
    const kw = this.CONSUME(Kw.indicator);
    const name = this.CONSUME(Identifier);
    const label = this.label();
    const written = this.OPTION(this.optShare), bare = this.OPTION5(this.bareWeight); // both run while recording
    const share = written ?? bare;
    const when = this.OPTION3(this.misplacedWhen);
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
    if (this.RECORDING_PHASE) return undefined; // as ACTION, without a closure per indicator
    const span = this.spanFrom(kw.startOffset);
    let member: Member = { kind: 'Indicator' as const, name: nameOf(name), label, share, value, range, span };
    if (when && real(when.kw) && when.cond) {
      this.misplacedWhens.push({ kw: when.kw, cond: when.cond, indicator: span });
      member = { kind: 'When', cond: when.cond, members: [member], span };
    }
    return member;
  }, { recoveryValueFunc: () => undefined });

  /** The optional share of an indicator or group: a field, not a closure made per declaration. The
   * common one, `weight 5%`, is read without entering the rule (nothing in it can fail): the same node. */
  private optShare = () => this.plainShare() ?? this.SUBRULE(this.share);

  private plainShare(): Share | undefined {
    if (this.RECORDING_PHASE) return undefined;
    const kind = this.LA(1), value = this.LA(2);
    if ((kind.tokenType !== Kw.weight && kind.tokenType !== Kw.points) || (value.tokenType !== NumberTok && value.tokenType !== PercentLit)) return undefined;
    this.SKIP_TOKEN();
    this.SKIP_TOKEN();
    return { kind: kind.tokenType === Kw.points ? 'points' : 'weight', value: numberOf(value), span: this.spanFrom(kind.startOffset) };
  }

  /** `类别 共性指标 40% {` (U5 A-10: `权重` left out): read as the weight it means and reported once
   * (parse(), with the fix that inserts the keyword) instead of three errors, one a cascade of sums. */
  private bareWeight = (): Share | undefined => {
    const pct = this.CONSUME5(PercentLit);
    if (this.RECORDING_PHASE) return undefined;
    this.bareWeights.push(pct);
    return { kind: 'weight', value: numberOf(pct), span: tokSpan(pct) };
  };

  /** `指标 班子 权重 30% 当 岗位 == 领导职务 = …` (the natural guess for a post's own indicator): read, and
   * kept as the `when` block it means (`当 岗位 == 领导职务 { 指标 班子 … }`), so the checker sees every
   * post's weights; reported once as KH-P015 instead of two syntax errors a line. Only after the share:
   * a second such option before it made the two ambiguous when the share is left out, and computing
   * their lookahead through the expression grammar cost a cold `kaohe check` ≈ 100 ms. A field, not a
   * closure made per declaration. */
  private misplacedWhen = () => ({ kw: this.consume(6, Kw.when), cond: this.subrule(6, this.expression) });

  private groupDecl = this.RULE('groupDecl', (): Member | undefined => {
    const kw = this.CONSUME(Kw.group);
    const name = this.CONSUME(Identifier);
    const label = this.label();
    const written = this.OPTION(this.optShare), bare = this.OPTION5(this.bareWeight); // both run while recording
    const share = written ?? bare;
    const normalize = this.OPTION1(() => this.CONSUME(Kw.normalize));
    this.CONSUME(LCurly);
    const members = this.nested();
    this.close(RCurly);
    return this.ACTION(() => ({ kind: 'Group' as const, name: nameOf(name), label, share, normalize: real(normalize), members, span: this.spanFrom(kw.startOffset) }));
  }, { recoveryValueFunc: () => undefined });

  private whenBlock = this.RULE('whenBlock', (): Member | undefined => {
    const kw = this.CONSUME(Kw.when);
    const cond = this.SUBRULE(this.expression);
    this.CONSUME(LCurly);
    const members = this.nested();
    this.close(RCurly);
    if (this.RECORDING_PHASE) return undefined;
    return { kind: 'When' as const, cond, members, span: this.spanFrom(kw.startOffset) };
  }, { recoveryValueFunc: () => undefined });

  /** `negative …` and `reward …` lists. */
  private ruleList = this.RULE('ruleList', (): Decl | undefined => {
    const kw = this.OR(this.altCache[32] ?? this.alts(32, () => [{ ALT: () => this.CONSUME(Kw.negative) }, { ALT: () => this.CONSUME(Kw.reward) }]));
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
    const target = this.OPTION7(() => { this.CONSUME7(Kw.for); return this.CONSUME7(Identifier); }); // issue 12: attached item
    this.CONSUME(Kw.when);
    const when = this.SUBRULE(this.expression);
    this.CONSUME(Arrow);
    const effects: Effect[] = [];
    this.AT_LEAST_ONE_SEP({ SEP: Comma, DEF: () => { const e = this.SUBRULE(this.effect); this.ACTION(() => { if (e) effects.push(e); }); } });
    return this.ACTION(() => ({ name: nameOf(name), label, ...(real(target) ? { for: nameOf(target) } : {}), when, effects, span: this.spanFrom(kw.startOffset) }));
  }, { recoveryValueFunc: () => undefined });

  private effect = this.RULE('effect', (): Effect | undefined => {
    const e = this.OR(this.altCache[33] ?? this.alts(33, () => [
      { ALT: () => ({ kw: this.CONSUME(Kw.veto) }) },
      { ALT: () => ({ kw: this.CONSUME(Kw.nograde) }) },
      { ALT: () => ({ kw: this.CONSUME(Kw.cap), target: this.CONSUME(Identifier) }) },
      { ALT: () => ({ kw: this.CONSUME(Kw.action), target: this.CONSUME1(Identifier), label: this.label() }) },
      { ALT: () => {
        const kw = this.OR1(this.altCache[34] ?? this.alts(34, () => [{ ALT: () => this.CONSUME(Kw.deduct) }, { ALT: () => this.CONSUME(Kw.add) }]));
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

}
