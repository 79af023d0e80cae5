// The scoring-outcome declarations of kaohe (LANGUAGE.md §7–§10): grades with their quota clauses
// (also `grades by committee`), outcomes, and examples. KaoheParser (parser.ts) builds on it;
// conventions as in parser-base.ts.

import type { IToken } from 'chevrotain';
import type { Decl, ExampleSubject, Expr, GradeDecl, Label, ObjectEntry, OutcomesDecl, Quota, TiebreakKey } from '../ast.js';
import { Colon, Comma, Identifier, Kw, LCurly, NumberLit as NumberTok, PercentLit, RCurly, StringLit } from './tokens.js';
import { numberOf, real, tokSpan } from './parser-base.js';
import { DeclParser, nameOf, optNumber } from './parser-decls.js';

const ROUND: Record<string, Quota['round']> = { Kw_roundUp: 'up', Kw_roundNearest: 'nearest' };

/** The options of a quota clause as read (`word`: a document's word for the soft share, see SOFT_WORDS). */
interface QuotaOpt { round?: IToken; min?: IToken; of?: IToken; normal?: IToken; scope?: IToken; word?: IToken }

/** Words a document uses for a soft share where `normally` (通常) belongs: `比例 20% 一般 15%`
 * ("一般不超过 15%"), `quota 20% usually 15%`; `最多` ("at most") names the hard share instead
 * (`比例 15% 最多 20%`). Read as `normally` and reported as KH-P013 with the fix (index.ts). */
export const SOFT_WORDS: ReadonlySet<string> = new Set(['一般', '最多', 'soft', 'normal', 'usually']);

/** A document's words before a hard share (`比例 不超过 20%`, "不超过 20%"; U5 A-10): `比例 20%` already
 * says "at most". Read and left out, reported once with the fix that removes the word (index.ts). */
export const AT_MOST_WORDS: ReadonlySet<string> = new Set(['不超过', '不高于', '不多于', '至多', '最多不超过', '最高不超过']);

export class GradeParser extends DeclParser {
  /** Soft shares written with a document's word (`比例 20% 一般 15%`): parse() reports them (KH-P013). */
  softWords: { quota: IToken; word: IToken; share: IToken; head?: IToken }[] = [];
  /** `比例 不超过 20%`: the word, and the share after it; parse() reports them. */
  atMostWords: { word: IToken; share: IToken }[] = [];

  /** The grade line being read, once its condition is read (see recoverGrade). */
  private gradeSoFar?: () => GradeDecl;

  /** Nothing left over from the previous parse (see KaoheParser.begin). */
  override begin(tokens: IToken[], recoveryBudget?: number): void {
    this.softWords = [];
    this.atMostWords = [];
    this.gradeSoFar = undefined;
    super.begin(tokens, recoveryBudget);
  }

  protected gradesDecl = this.RULE('gradesDecl', (): Decl | undefined => {
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
    const cond = this.OR(this.altCache[36] ?? this.alts(36, () => [
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
    const head = this.OR(this.altCache[115] ?? this.alts(115, () => [
      { ALT: () => ({ pct: this.number() }) },
      { GATE: () => this.LA(2).tokenType === LCurly, ALT: () => ({ table: this.SUBRULE(this.quotaTable) }) }, // else the next grade line
      { ALT: () => { this.CONSUME(Kw.normally); return { normal: this.anyOf(176, [NumberTok, PercentLit], 3) }; } },
      { GATE: () => this.atMostAhead(), ALT: () => ({ atMost: this.CONSUME1(Identifier), pct: this.anyOf(180, [NumberTok, PercentLit], 7) }) },
    ]));
    this.ACTION(() => { if ('atMost' in head && real(head.atMost) && real(head.pct)) this.atMostWords.push({ word: head.atMost, share: head.pct }); });
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
  private quotaOption = this.RULE('quotaOption', (): QuotaOpt => this.OR(this.altCache[37] ?? this.alts(37, () => [
    { ALT: () => ({ round: this.anyOf(38, [Kw.roundDown, Kw.roundUp, Kw.roundNearest], 6) }) },
    { ALT: () => { this.CONSUME(Kw.min); return { min: this.CONSUME(NumberTok) }; } },
    { ALT: () => ({ of: this.anyOf(39, [Kw.ofGraded, Kw.ofAll]) }) },
    { ALT: () => { this.CONSUME(Kw.normally); return { normal: this.anyOf(177, [NumberTok, PercentLit], 4) }; } },
    { ALT: () => ({ scope: this.anyOf(178, [Kw.overall, Kw.cohort], 5) }) },
    { GATE: () => this.softWordAhead(), ALT: () => { const word = this.CONSUME(Identifier); return { word, normal: this.number() }; } },
  ])), { recoveryValueFunc: () => ({}) });

  /** `不超过 20%` before the share (AT_MOST_WORDS). */
  private atMostAhead(): boolean {
    const t = this.LA(1), next = this.LA(2).tokenType;
    return t.tokenType === Identifier && AT_MOST_WORDS.has(t.image) && (next === NumberTok || next === PercentLit);
  }

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

  protected outcomesDecl = this.RULE('outcomesDecl', (): Decl | undefined => {
    const kw = this.CONSUME(Kw.outcomes);
    this.CONSUME(LCurly);
    const out: OutcomesDecl = { kind: 'Outcomes', actions: [], span: { start: kw.startOffset, end: kw.startOffset } };
    this.MANY(() => {
      const start = this.nextStart();
      const item = this.OR(this.altCache[40] ?? this.alts(40, () => [
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

  protected exampleDecl = this.RULE('exampleDecl', (): Decl | undefined => {
    const kw = this.CONSUME(Kw.example);
    const name = this.CONSUME(Identifier);
    const label = this.label();
    this.CONSUME(LCurly);
    const parts: { given?: Expr; expects: Expr[]; period?: Label; subjects?: ExampleSubject[] } = { expects: [] };
    this.MANY(() => {
      const p = this.OR(this.altCache[41] ?? this.alts(41, () => [
        { ALT: () => {
          const g = this.CONSUME(Kw.given);
          // `given { … }` (one subject) or `given ID { … } [decision { … }]` (a cohort example, issue 13).
          // (The alternatives are built once: they read where `given` starts from a field.)
          this.givenStart = g.startOffset;
          return this.OR1(this.altCache[123] ?? this.alts(123, () => [
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
    const id = this.OR2(this.altCache[124] ?? this.alts(124, () => [
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
