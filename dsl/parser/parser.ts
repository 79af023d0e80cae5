// The declaration grammar of kaohe (LANGUAGE.md §2–§10), building the AST directly. See
// parser-base.ts for the two conventions every rule here follows (ACTION for anything that reads
// parse results; cached alternatives return values instead of capturing locals).

import type {
  Decl, Effect, ExampleSubject, Expr, GradeDecl, Label, Member, Name, ObjectEntry, OutcomesDecl, Quota, RuleItem, Scheme, Share, ShareCase, TiebreakKey,
} from '../ast.js';
import type { IToken, TokenType } from 'chevrotain';
import { Arrow, Assign, Colon, Comma, Identifier, Kw, LBracket, LCurly, NumberLit as NumberTok, PercentLit, RBracket, RCurly, StringLit } from './tokens.js';
import { numberOf, real, tokSpan } from './parser-base.js';
import { DeclParser, kwName, nameOf, optNumber } from './parser-decls.js';

/** Tokens that start a declaration, and those that start a member of a group or `when` block: where
 * reading resumes after a stretch that starts none (see `skipStray`). */
const MEMBER_STARTS = new Set<TokenType>([Kw.indicator, Kw.group, Kw.when]);
export const DECL_STARTS = new Set<TokenType>([
  ...MEMBER_STARTS, Kw.version, Kw.period, Kw.precision, Kw.total, Kw.normalize, Kw.cohortBy, Kw.rankBy, Kw.enum, Kw.table, Kw.panel, Kw.input,
  Kw.let, Kw.adjust, Kw.negative, Kw.reward, Kw.grades, Kw.outcomes, Kw.example, Kw.scale, Kw.function,
]);

const ROUND: Record<string, Quota['round']> = { Kw_roundUp: 'up', Kw_roundNearest: 'nearest' };

/** The options of a quota clause as read (`word`: a document's word for the soft share, see SOFT_WORDS). */
interface QuotaOpt { round?: IToken; min?: IToken; of?: IToken; normal?: IToken; scope?: IToken; word?: IToken }

/** Words a document uses for a soft share where `normally` (通常) belongs: `比例 20% 一般 15%`
 * ("一般不超过 15%"), `quota 20% usually 15%`; `最多` ("at most") names the hard share instead
 * (`比例 15% 最多 20%`). Read as `normally` and reported as KH-P013 with the fix (index.ts). */
export const SOFT_WORDS: ReadonlySet<string> = new Set(['一般', '最多', 'soft', 'normal', 'usually']);

export class KaoheParser extends DeclParser {
  constructor() {
    super();
    this.performSelfAnalysis();
  }

  /** The scheme being parsed, so a file that fails beyond recovery (truncated mid-declaration) still
   * yields every declaration completed before the failure. */
  private partial?: { name: Name; label?: Label; decls: Decl[]; start: number };

  /** Soft shares written with a document's word (`比例 20% 一般 15%`): parse() reports them (KH-P013). */
  softWords: { quota: IToken; word: IToken; share: IToken; head?: IToken }[] = [];

  /** The grade line being read, once its condition is read (see recoverGrade). */
  private gradeSoFar?: () => GradeDecl;

  /** A parse that stopped (KH-P008, KH-P009) left its partial scheme here: the next parse, of another
   * file, must not recover it as its own. */
  override begin(tokens: IToken[], recoveryBudget?: number): void {
    this.partial = undefined;
    this.softWords = [];
    this.gradeSoFar = undefined;
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
  public decl = this.RULE('decl', (): Decl | undefined => this.OR(this.alts(20, () => [
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
    const kind = this.OR(this.alts(30, () => [{ ALT: () => this.CONSUME(Kw.weight) }, { ALT: () => this.CONSUME(Kw.points) }]));
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
        const m = this.OR8(this.alts(31, () => [
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
    const target = this.OPTION7(() => { this.CONSUME7(Kw.for); return this.CONSUME7(Identifier); }); // issue 12: attached item
    this.CONSUME(Kw.when);
    const when = this.SUBRULE(this.expression);
    this.CONSUME(Arrow);
    const effects: Effect[] = [];
    this.AT_LEAST_ONE_SEP({ SEP: Comma, DEF: () => { const e = this.SUBRULE(this.effect); this.ACTION(() => { if (e) effects.push(e); }); } });
    return this.ACTION(() => ({ name: nameOf(name), label, ...(real(target) ? { for: nameOf(target) } : {}), when, effects, span: this.spanFrom(kw.startOffset) }));
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
    const by = this.OPTION7(() => this.CONSUME(Kw.byCommittee)); // `grades by committee` (issue 13)
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
    return this.ACTION(() => ({
      kind: 'Grades' as const, tiebreak, grades, ...(real(by) ? { committee: { span: tokSpan(by) } } : {}), span: this.spanFrom(kw.startOffset),
    }));
  }, { recoveryValueFunc: () => undefined });

  private gradeLine = this.RULE('gradeLine', (): GradeDecl | undefined => {
    this.ACTION(() => { this.gradeSoFar = undefined; }); // not one left by a line whose failure went past it
    const name = this.CONSUME(Identifier);
    const label = this.label();
    const cond = this.OR(this.alts(36, () => [
      { ALT: () => { this.CONSUME(Kw.when); return { when: this.SUBRULE(this.expression) }; } },
      { ALT: () => ({ otherwise: this.CONSUME(Kw.otherwise) }) },
    ]));
    const quotas: Quota[] = [];
    const grade = (): GradeDecl => ({
      name: nameOf(name), label, when: 'when' in cond ? cond.when : undefined, otherwise: 'otherwise' in cond,
      quotas, span: this.spanFrom(name.startOffset),
    });
    this.ACTION(() => { this.gradeSoFar = grade; });
    this.MANY1(() => { const q = this.SUBRULE(this.quotaClause); this.ACTION(() => { if (q) quotas.push(q); }); });
    return this.ACTION(() => { this.gradeSoFar = undefined; return grade(); });
  }, { recoveryValueFunc: () => this.recoverGrade() });

  /** A grade line whose quota clause failed to parse (`比例 全体` with no share) still declares its
   * grade, with the clauses read before the failure: else every example naming it reported it unknown. */
  private recoverGrade(): GradeDecl | undefined {
    const g = this.gradeSoFar;
    this.gradeSoFar = undefined;
    return g?.();
  }

  /** `quota (P | KEY { MEMBER: P, … } | normally P) [normally P] [round …] [min K] [of graded|all]
   * [overall|cohort]` (issue 13: a share table, a soft share and a scope; options in any order, also
   * before the share: `quota overall 25%`, `比例 全体 25%`). */
  private quotaClause = this.RULE('quotaClause', (): Quota | undefined => {
    const q = this.CONSUME(Kw.quota);
    const opts: QuotaOpt = {};
    // Before the share, `normally P` is the share itself (soft only) and a name is a table's key.
    this.MANY1({
      GATE: () => this.LA(1).tokenType !== Kw.normally && this.LA(1).tokenType !== Identifier,
      DEF: () => { const o = this.SUBRULE(this.quotaOption); this.ACTION(() => Object.assign(opts, o)); },
    });
    const head = this.OR(this.alts(115, () => [
      { ALT: () => ({ pct: this.number() }) },
      { GATE: () => this.LA(2).tokenType === LCurly, ALT: () => ({ table: this.SUBRULE(this.quotaTable) }) }, // else the next grade line
      { ALT: () => { this.CONSUME(Kw.normally); return { normal: this.anyOf(176, [NumberTok, PercentLit], 3) }; } },
    ]));
    // After it, a name is the next grade line unless it is a document's word for the soft share.
    this.MANY({
      GATE: () => this.LA(1).tokenType !== Identifier || this.softWordAhead(),
      DEF: () => {
        const o = this.SUBRULE1(this.quotaOption);
        this.ACTION(() => {
          Object.assign(opts, o);
          if (o.word && real(o.normal)) this.softWords.push({ quota: q, word: o.word, share: o.normal, head: 'pct' in head && real(head.pct) ? head.pct : undefined });
        });
      },
    });
    return this.ACTION((): Quota | undefined => {
      let pct = 'pct' in head && real(head.pct) ? numberOf(head.pct) : undefined;
      const table = 'table' in head ? head.table : undefined;
      const normalTok = opts.normal ?? ('normal' in head ? head.normal : undefined);
      let normal = optNumber(normalTok);
      // `比例 15% 最多 20%` ("at most 20%"): 20% is the hard share and 15% the soft one (KH-P013).
      if (opts.word?.image === '最多' && pct && normal) [pct, normal] = [normal, pct];
      if (!pct && !table && !normal) return undefined;
      return {
        percent: pct, table, normal, span: this.spanFrom(q.startOffset), min: optNumber(opts.min),
        scope: opts.scope ? (opts.scope.tokenType === Kw.overall ? 'overall' : 'cohort') : undefined,
        round: opts.round ? ROUND[opts.round.tokenType.name] ?? 'down' : undefined,
        of: opts.of ? (opts.of.tokenType === Kw.ofAll ? 'all' : 'graded') : undefined,
      };
    });
  }, { recoveryValueFunc: () => undefined });

  /** One option of a quota clause; also a document's word for the soft share (`一般 15%`, KH-P013),
   * read as `normally` so the rest of the scheme is checked as meant. */
  private quotaOption = this.RULE('quotaOption', (): QuotaOpt => this.OR(this.alts(37, () => [
    { ALT: () => ({ round: this.anyOf(38, [Kw.roundDown, Kw.roundUp, Kw.roundNearest], 6) }) },
    { ALT: () => { this.CONSUME(Kw.min); return { min: this.CONSUME(NumberTok) }; } },
    { ALT: () => ({ of: this.anyOf(39, [Kw.ofGraded, Kw.ofAll]) }) },
    { ALT: () => { this.CONSUME(Kw.normally); return { normal: this.anyOf(177, [NumberTok, PercentLit], 4) }; } },
    { ALT: () => ({ scope: this.anyOf(178, [Kw.overall, Kw.cohort], 5) }) },
    { GATE: () => this.softWordAhead(), ALT: () => { const word = this.CONSUME(Identifier); return { word, normal: this.number() }; } },
  ])), { recoveryValueFunc: () => ({}) });

  /** A document's word for the soft share followed by a share: `一般 15%` (一般不超过), `最多 20%`. */
  private softWordAhead(): boolean {
    const t = this.LA(1), next = this.LA(2).tokenType;
    return t.tokenType === Identifier && SOFT_WORDS.has(t.image) && (next === NumberTok || next === PercentLit);
  }

  /** `KEY { MEMBER: P, … }`: a quota's share by the value of an enum input or let. */
  private quotaTable = this.RULE('quotaTable', (): NonNullable<Quota['table']> | undefined => {
    const key = this.CONSUME(Identifier);
    this.CONSUME(LCurly);
    const entries: NonNullable<Quota['table']>['entries'] = [];
    this.commaList(5, () => {
      const member = this.CONSUME1(Identifier);
      this.CONSUME(Colon);
      const pct = this.anyOf(179, [NumberTok, PercentLit], 2);
      this.ACTION(() => { if (real(member) && real(pct)) entries.push({ member: nameOf(member), percent: numberOf(pct), span: { start: member.startOffset, end: tokSpan(pct).end } }); });
    });
    this.close(RCurly);
    return this.ACTION(() => ({ key: nameOf(key), entries, span: this.spanFrom(key.startOffset) }));
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
        if ('bonus' in item) {
          // (no object when recovery gave up on it: the error is reported, there is nothing to keep)
          if (item.bonus) out.bonus = { entries: item.bonus.entries.map((e: ObjectEntry) => ({ grade: e.key, value: e.value, span: e.span })), span };
        } else if ('action' in item) out.actions.push({ kind: 'OutcomeAction', name: nameOf(item.action.name), label: item.action.label, when: item.action.when, span });
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
    const parts: { given?: Expr; expects: Expr[]; period?: Label; subjects?: ExampleSubject[] } = { expects: [] };
    this.MANY(() => {
      const p = this.OR(this.alts(41, () => [
        { ALT: () => {
          const g = this.CONSUME(Kw.given);
          // `given { … }` (one subject) or `given ID { … } [decision { … }]` (a cohort example, issue 13).
          // (The alternatives are built once: they read where `given` starts from a field.)
          this.givenStart = g.startOffset;
          return this.OR1(this.alts(123, () => [
            { ALT: () => ({ given: this.SUBRULE(this.objectLit) }) },
            { ALT: () => ({ subject: this.exampleSubject() }) },
          ]));
        } },
        { ALT: () => { this.CONSUME(Kw.expect); return { expect: this.SUBRULE(this.expression) }; } },
        { ALT: () => { this.CONSUME8(Kw.period); return { period: this.CONSUME8(StringLit) }; } },
      ]));
      this.ACTION(() => {
        if ('given' in p) parts.given = p.given;
        else if ('subject' in p) { if (p.subject) (parts.subjects ??= []).push(p.subject); }
        else if ('period' in p) { if (real(p.period)) parts.period = { value: (p.period as IToken & { value: string }).value, span: tokSpan(p.period) }; }
        else parts.expects.push(p.expect);
      });
    });
    this.close(RCurly);
    return this.ACTION(() => {
      const span = this.spanFrom(kw.startOffset);
      const given = parts.given?.kind === 'Object' ? parts.given : { kind: 'Object' as const, entries: [], span: { start: span.end, end: span.end } };
      return {
        kind: 'Example' as const, name: nameOf(name), label, given, expects: parts.expects,
        ...(parts.period ? { period: parts.period } : {}), ...(parts.subjects ? { subjects: parts.subjects } : {}), span,
      };
    });
  }, { recoveryValueFunc: () => undefined });

  /** One subject of a cohort example after `given` (issue 13): its id — a name, quoted name or
   * string — its input object, and optionally `decision { … }`. Undefined when recovery lost a part. */
  private givenStart = 0;
  private exampleSubject = (): ExampleSubject | undefined => {
    const start = this.givenStart;
    const id = this.OR2(this.alts(124, () => [
      { ALT: () => this.CONSUME1(Identifier) },
      { ALT: () => this.CONSUME1(StringLit) },
    ]));
    const given = this.SUBRULE1(this.objectLit);
    const decision = this.OPTION1(() => { this.CONSUME(Kw.decision); return this.SUBRULE2(this.objectLit); });
    return this.ACTION(() => {
      if (!real(id) || given?.kind !== 'Object') return undefined;
      const value = id.tokenType === StringLit ? (id as IToken & { value: string }).value : id.image;
      return {
        id: value, idSpan: tokSpan(id), given, ...(decision?.kind === 'Object' ? { decision } : {}),
        span: this.spanFrom(start),
      };
    });
  };
}
