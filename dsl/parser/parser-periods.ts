// The input field types of issue 14 — results of other periods: `results of 平时考核 quarterly grades
// 平时等次 missing skip exact` (引用结果 平时考核 季度 等次 平时等次 缺失 跳过 精确值) and `past 3 years
// missing breaks` (过去 3 年 缺失 中断), and a related subject's result of the same period: `results of
// 领导班子考核 for 班子 grades 班子等次 missing error` (引用结果 领导班子考核 对象 班子 …). A parser layer of its own between the expressions and the
// declarations, so the type grammar in parser-decls.ts only gains two alternatives.
//
// The options after the unit are read in any order and any number of times, and every policy word is
// accepted after `missing`: which form takes which word, a missing policy and repeated options are the
// checker's (KH-C160, C167, C168), whose messages can name the form and offer a fix — a syntax error
// could do neither. Conventions as in parser-base.ts.

import type { IToken } from 'chevrotain';
import type { PeriodResultsType, Span } from '../ast.js';
import { Identifier, Kw, NumberLit as NumberTok, StringLit } from './tokens.js';
import { numberOf, real, tokSpan } from './parser-base.js';
import { ExprParser } from './parser-expr.js';

type Option = { grades: IToken } | { missing: IToken } | { values: IToken };

const UNIT_OF: Record<string, PeriodResultsType['unit']> = {
  Kw_annual: 'annual', Kw_quarterly: 'quarterly', Kw_monthly: 'monthly',
  Kw_years: 'annual', Kw_quarters: 'quarterly', Kw_months: 'monthly',
};

export class PeriodParser extends ExprParser {
  /** `对象 班子 年度` — a unit word after a related subject's FIELD (the result is of this period, so it
   * means nothing): read and left out of the tree, so the rest of the field parses as meant; parse()
   * reports it once, with the fix that removes it (KH-P014), instead of a cascade of syntax errors. */
  strayUnits: { field: IToken; unit: IToken }[] = [];

  /** Nothing left over from the previous parse (see KaoheParser.begin). */
  override begin(tokens: IToken[], recoveryBudget?: number): void {
    this.strayUnits = [];
    super.begin(tokens, recoveryBudget);
  }

  /** `results of SCHEME UNIT OPTION*`, `results of SCHEME for FIELD OPTION*` or `past N years|quarters|months OPTION*`. */
  protected periodResultsType = this.RULE('periodResultsType', (): PeriodResultsType | undefined => {
    const start = this.nextStart();
    const head = this.OR(this.altCache[130] ?? this.alts(130, () => [
      { ALT: () => {
        this.CONSUME(Kw.resultsOf);
        const scheme = this.OR1(this.altCache[131] ?? this.alts(131, () => [
          { ALT: () => this.CONSUME(Identifier) },
          { ALT: () => this.CONSUME(StringLit) },
        ]));
        // issue 14 part 2: `results of 领导班子考核 for 班子` — a related subject's result, same period
        const tail = this.OR3(this.altCache[133] ?? this.alts(133, () => [
          { ALT: () => ({ unit: this.anyOf(190, [Kw.annual, Kw.quarterly, Kw.monthly], 8) }) },
          { ALT: () => {
            this.CONSUME(Kw.for);
            const subject = this.CONSUME3(Identifier);
            this.OPTION(() => {
              const unit = this.anyOf(194, [Kw.annual, Kw.quarterly, Kw.monthly], 4);
              this.ACTION(() => { if (real(subject) && real(unit)) this.strayUnits.push({ field: subject, unit }); });
            });
            return { subject };
          } },
        ]));
        return { scheme, ...tail };
      } },
      { ALT: () => {
        this.CONSUME(Kw.past);
        const count = this.CONSUME(NumberTok);
        return { count, unit: this.anyOf(191, [Kw.years, Kw.quarters, Kw.months], 7) };
      } },
    ]));
    const options: { option: Option; span: Span }[] = [];
    this.MANY(() => {
      const at = this.nextStart();
      const option: Option = this.OR2(this.altCache[132] ?? this.alts(132, () => [
        { ALT: () => { this.CONSUME(Kw.grades); return { grades: this.CONSUME2(Identifier) }; } },
        { ALT: () => { this.CONSUME(Kw.missing); return { missing: this.anyOf(192, [Kw.skip, Kw.zero, Kw.error, Kw.breaks], 6) }; } },
        { ALT: () => ({ values: this.anyOf(193, [Kw.exact, Kw.reported], 5) }) },
      ]));
      this.ACTION(() => options.push({ option, span: this.spanFrom(at) }));
    });
    return this.ACTION(() => {
      const unit = 'unit' in head ? head.unit : undefined;
      const subject = 'subject' in head ? head.subject : undefined;
      if (!real(unit) && !real(subject)) return undefined;
      const t: PeriodResultsType = {
        kind: 'PeriodResults', form: real(subject) ? 'related' : 'scheme' in head ? 'resultsOf' : 'past', span: this.spanFrom(start),
      };
      if (real(unit)) { t.unit = UNIT_OF[unit.tokenType.name]; t.unitAt = { span: tokSpan(unit) }; }
      if (real(subject)) t.subject = { name: subject.image, span: tokSpan(subject) };
      if ('scheme' in head) {
        if (!real(head.scheme)) return undefined;
        const string = head.scheme.tokenType === StringLit;
        const name = string ? (head.scheme as IToken & { value: string }).value : head.scheme.image;
        t.scheme = { name, span: tokSpan(head.scheme) };
        if (string) t.schemeString = true;
      } else if (real(head.count)) t.count = numberOf(head.count);
      for (const { option, span } of options) addOption(t, option, span);
      return t;
    });
  }, { recoveryValueFunc: () => undefined });
}

/** Keeps the first option of each kind; a repeat goes to `repeated` (KH-C168). */
function addOption(t: PeriodResultsType, o: Option, span: Span): void {
  const kind = 'grades' in o ? 'grades' : 'missing' in o ? 'missing' : 'values';
  const tok = 'grades' in o ? o.grades : 'missing' in o ? o.missing : o.values;
  if (!real(tok)) return;
  if (t[kind]) { (t.repeated ??= []).push({ option: kind, span }); return; }
  if (kind === 'grades') t.grades = { name: tok.image, span: tokSpan(tok) };
  else if (kind === 'missing') t.missing = { mode: tok.tokenType.name.slice(3) as 'skip', span };
  else t.values = { mode: tok.tokenType.name.slice(3) as 'exact', span };
}
