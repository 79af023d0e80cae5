// The declaration grammar of kaohe (LANGUAGE.md §2–§10) as a Chevrotain CST parser with error
// recovery. Labels name the parts the AST builder (build-ast.ts) reads; nothing here knows the AST.

import {
  Arrow, Assign, Colon, Comma, GtEq, Gt, Identifier, Kw, LBracket, LCurly, Lt, LtEq, NumberLit, RBracket,
  RCurly, StringLit,
} from './tokens.js';
import { ExprParser } from './grammar-expr.js';

export class KaoheParser extends ExprParser {
  constructor() {
    super();
    this.performSelfAnalysis();
  }

  public scheme = this.RULE('scheme', () => {
    this.CONSUME(Kw.scheme);
    this.CONSUME(Identifier, { LABEL: 'name' });
    this.label();
    this.CONSUME(LCurly);
    this.MANY(() => this.SUBRULE(this.decl));
    this.CONSUME(RCurly);
  });

  private decl = this.RULE('decl', () => {
    this.OR(this.alts(14, () => [
      { ALT: () => this.SUBRULE(this.setting) },
      { ALT: () => this.SUBRULE(this.enumDecl) },
      { ALT: () => this.SUBRULE(this.tableDecl) },
      { ALT: () => this.SUBRULE(this.panelDecl) },
      { ALT: () => this.SUBRULE(this.inputDecl) },
      { ALT: () => this.SUBRULE(this.letDecl) },
      { ALT: () => this.SUBRULE(this.member) },
      { ALT: () => this.SUBRULE(this.ruleList) },
      { ALT: () => this.SUBRULE(this.gradesDecl) },
      { ALT: () => this.SUBRULE(this.outcomesDecl) },
      { ALT: () => this.SUBRULE(this.exampleDecl) },
    ]));
  });

  private setting = this.RULE('setting', () => {
    this.OR(this.alts(15, () => [
      { ALT: () => { this.CONSUME(Kw.version, { LABEL: 'key' }); this.CONSUME(StringLit, { LABEL: 'value' }); } },
      { ALT: () => { this.CONSUME(Kw.period, { LABEL: 'key' }); this.anyOf(104, [Kw.annual, Kw.quarterly, Kw.monthly, Kw.special], 'value'); } },
      { ALT: () => { this.CONSUME(Kw.precision, { LABEL: 'key' }); this.CONSUME(NumberLit, { LABEL: 'value' }); } },
      { ALT: () => { this.CONSUME(Kw.total, { LABEL: 'key' }); this.CONSUME1(NumberLit, { LABEL: 'value' }); } },
      { ALT: () => { this.CONSUME(Kw.cohortBy, { LABEL: 'key' }); this.SUBRULE(this.expression, { LABEL: 'expr' }); } },
    ]));
  });

  private enumDecl = this.RULE('enumDecl', () => {
    this.CONSUME(Kw.enum);
    this.CONSUME(Identifier, { LABEL: 'name' });
    this.label();
    this.OPTION(() => this.CONSUME(Kw.ordered, { LABEL: 'ordered' }));
    this.CONSUME(LCurly);
    this.commaList(7, () => this.SUBRULE(this.enumMember));
    this.CONSUME(RCurly);
  });

  private enumMember = this.RULE('enumMember', () => {
    this.CONSUME(Identifier, { LABEL: 'name' });
    this.label();
  });

  private tableDecl = this.RULE('tableDecl', () => {
    this.CONSUME(Kw.table);
    this.CONSUME(Identifier, { LABEL: 'name' });
    this.label();
    this.CONSUME(LCurly);
    this.commaList(7, () => this.SUBRULE(this.entry));
    this.CONSUME(RCurly);
  });

  private panelDecl = this.RULE('panelDecl', () => {
    this.CONSUME(Kw.panel);
    this.CONSUME(Identifier, { LABEL: 'name' });
    this.label();
    this.CONSUME(LCurly);
    this.MANY(() => this.OR(this.alts(16, () => [
      { ALT: () => this.SUBRULE(this.panelCategory) },
      { ALT: () => this.SUBRULE(this.trimRule) },
      { ALT: () => { this.CONSUME(Kw.missing, { LABEL: 'missing' }); this.anyOf(105, [Kw.renormalize, Kw.zero, Kw.error], 'missingMode'); } },
    ])));
    this.CONSUME(RCurly);
  });

  private panelCategory = this.RULE('panelCategory', () => {
    this.CONSUME(Identifier, { LABEL: 'name' });
    this.label();
    this.CONSUME(Kw.weight);
    this.number();
    this.OPTION(() => { this.CONSUME(Kw.min); this.CONSUME(NumberLit, { LABEL: 'min' }); });
    this.OPTION1(() => this.CONSUME(Comma));
  });

  private trimRule = this.RULE('trimRule', () => {
    this.CONSUME(Kw.trim);
    this.CONSUME(NumberLit, { LABEL: 'count' });
    this.CONSUME(Kw.when);
    this.CONSUME(Identifier, { LABEL: 'countWord' });
    this.CONSUME(GtEq);
    this.CONSUME1(NumberLit, { LABEL: 'atLeast' });
  });

  private inputDecl = this.RULE('inputDecl', () => {
    this.CONSUME(Kw.input);
    this.CONSUME(LCurly);
    this.commaList(7, () => this.SUBRULE(this.field));
    this.CONSUME(RCurly);
  });

  private field = this.RULE('field', () => {
    this.CONSUME(Identifier, { LABEL: 'name' });
    this.label();
    this.CONSUME(Colon);
    this.SUBRULE(this.typeExpr, { LABEL: 'type' });
    this.OPTION(() => { this.CONSUME(Assign); this.SUBRULE(this.expression, { LABEL: 'default' }); });
  });

  private typeExpr = this.RULE('typeExpr', () => {
    this.OR(this.alts(18, () => [
      { ALT: () => {
        this.OR1(this.alts(17, () => [
          { ALT: () => this.CONSUME(Kw.number, { LABEL: 'prim' }) },
          { ALT: () => this.CONSUME(Kw.integer, { LABEL: 'prim' }) },
          { ALT: () => this.CONSUME(Kw.bool, { LABEL: 'prim' }) },
          { ALT: () => this.CONSUME(Kw.text, { LABEL: 'prim' }) },
          { ALT: () => this.CONSUME(Identifier, { LABEL: 'named' }) },
        ]));
        this.OPTION(() => this.SUBRULE(this.constraint));
      } },
      { ALT: () => {
        this.CONSUME(Kw.listOf, { LABEL: 'list' });
        this.SUBRULE(this.typeExpr, { LABEL: 'element' });
        this.OPTION1(() => { this.CONSUME(Kw.min); this.CONSUME(NumberLit, { LABEL: 'min' }); });
        this.OPTION2(() => { this.CONSUME(Kw.max); this.CONSUME1(NumberLit, { LABEL: 'max' }); });
      } },
      { ALT: () => {
        this.CONSUME(LCurly, { LABEL: 'record' });
        this.commaList(7, () => this.SUBRULE(this.field));
        this.CONSUME(RCurly);
      } },
      { ALT: () => { this.CONSUME(Kw.ratingsOf, { LABEL: 'ratings' }); this.CONSUME1(Identifier, { LABEL: 'panel' }); } },
    ]));
  });

  private constraint = this.RULE('constraint', () => {
    this.OR(this.alts(19, () => [
      { ALT: () => {
        this.CONSUME(Kw.in, { LABEL: 'in' });
        this.CONSUME(LBracket);
        this.SUBRULE(this.operand, { LABEL: 'lo' });
        this.CONSUME(Comma);
        this.SUBRULE1(this.operand, { LABEL: 'hi' });
        this.CONSUME(RBracket);
      } },
      { ALT: () => { this.anyOf(106, [GtEq, Gt, LtEq, Lt], 'op'); this.SUBRULE2(this.operand, { LABEL: 'value' }); } },
    ]));
  });

  private letDecl = this.RULE('letDecl', () => {
    this.OR(this.alts(20, () => [
      { ALT: () => this.CONSUME(Kw.let, { LABEL: 'kw' }) },
      { ALT: () => this.CONSUME(Kw.adjust, { LABEL: 'kw' }) },
    ]));
    this.CONSUME(Identifier, { LABEL: 'name' });
    this.label();
    this.CONSUME(Assign);
    this.SUBRULE(this.expression, { LABEL: 'value' });
  });

  private share = this.RULE('share', () => {
    this.OR(this.alts(21, () => [
      { ALT: () => this.CONSUME(Kw.weight, { LABEL: 'kind' }) },
      { ALT: () => this.CONSUME(Kw.points, { LABEL: 'kind' }) },
    ]));
    this.number();
  });

  private member = this.RULE('member', () => {
    this.OR(this.alts(22, () => [
      { ALT: () => this.SUBRULE(this.indicatorDecl) },
      { ALT: () => this.SUBRULE(this.groupDecl) },
      { ALT: () => this.SUBRULE(this.whenBlock) },
    ]));
  });

  private indicatorDecl = this.RULE('indicatorDecl', () => {
    this.CONSUME(Kw.indicator);
    this.CONSUME(Identifier, { LABEL: 'name' });
    this.label();
    this.OPTION(() => this.SUBRULE(this.share));
    this.CONSUME(Assign);
    this.SUBRULE(this.expression, { LABEL: 'value' });
    this.OPTION1(() => {
      this.CONSUME(Kw.range);
      this.CONSUME(LBracket);
      this.SUBRULE1(this.expression, { LABEL: 'lo' });
      this.CONSUME(Comma);
      this.SUBRULE2(this.expression, { LABEL: 'hi' });
      this.CONSUME(RBracket);
    });
  });

  private groupDecl = this.RULE('groupDecl', () => {
    this.CONSUME(Kw.group);
    this.CONSUME(Identifier, { LABEL: 'name' });
    this.label();
    this.OPTION(() => this.SUBRULE(this.share));
    this.OPTION1(() => this.CONSUME(Kw.normalize, { LABEL: 'normalize' }));
    this.CONSUME(LCurly);
    this.MANY(() => this.SUBRULE(this.member));
    this.CONSUME(RCurly);
  });

  private whenBlock = this.RULE('whenBlock', () => {
    this.CONSUME(Kw.when);
    this.SUBRULE(this.expression, { LABEL: 'cond' });
    this.CONSUME(LCurly);
    this.MANY(() => this.SUBRULE(this.member));
    this.CONSUME(RCurly);
  });

  /** `negative …` and `reward …` lists. */
  private ruleList = this.RULE('ruleList', () => {
    this.OR(this.alts(23, () => [
      { ALT: () => this.CONSUME(Kw.negative, { LABEL: 'kw' }) },
      { ALT: () => this.CONSUME(Kw.reward, { LABEL: 'kw' }) },
    ]));
    this.CONSUME(Identifier, { LABEL: 'name' });
    this.label();
    this.OPTION(() => { this.CONSUME(Kw.max); this.SUBRULE(this.opExpr, { LABEL: 'max' }); });
    this.CONSUME(LCurly);
    this.MANY(() => this.SUBRULE(this.ruleItem));
    this.CONSUME(RCurly);
  });

  private ruleItem = this.RULE('ruleItem', () => {
    this.CONSUME(Kw.item);
    this.CONSUME(Identifier, { LABEL: 'name' });
    this.label();
    this.CONSUME(Kw.when);
    this.SUBRULE(this.expression, { LABEL: 'when' });
    this.CONSUME(Arrow);
    this.AT_LEAST_ONE_SEP({ SEP: Comma, DEF: () => this.SUBRULE(this.effect) });
  });

  private effect = this.RULE('effect', () => {
    this.OR(this.alts(25, () => [
      { ALT: () => this.CONSUME(Kw.veto, { LABEL: 'kind' }) },
      { ALT: () => this.CONSUME(Kw.nograde, { LABEL: 'kind' }) },
      { ALT: () => { this.CONSUME(Kw.cap, { LABEL: 'kind' }); this.CONSUME(Identifier, { LABEL: 'target' }); } },
      { ALT: () => { this.CONSUME(Kw.action, { LABEL: 'kind' }); this.CONSUME1(Identifier, { LABEL: 'target' }); this.label(); } },
      { ALT: () => {
        this.OR1(this.alts(24, () => [
          { ALT: () => this.CONSUME(Kw.deduct, { LABEL: 'kind' }) },
          { ALT: () => this.CONSUME(Kw.add, { LABEL: 'kind' }) },
        ]));
        this.SUBRULE(this.opExpr, { LABEL: 'amount' });
        this.OPTION(() => { this.CONSUME(Kw.per); this.SUBRULE1(this.opExpr, { LABEL: 'per' }); });
        this.OPTION1(() => { this.CONSUME(Kw.max); this.SUBRULE2(this.opExpr, { LABEL: 'max' }); });
      } },
    ]));
  });

  private gradesDecl = this.RULE('gradesDecl', () => {
    this.CONSUME(Kw.grades);
    this.OPTION(() => {
      this.CONSUME(Kw.tiebreak);
      this.AT_LEAST_ONE_SEP({ SEP: Comma, DEF: () => this.SUBRULE(this.tiebreakKey) });
    });
    this.CONSUME(LCurly);
    this.MANY(() => this.SUBRULE(this.gradeLine));
    this.CONSUME(RCurly);
  });

  private tiebreakKey = this.RULE('tiebreakKey', () => {
    this.SUBRULE(this.opExpr, { LABEL: 'key' });
    this.OPTION(() => this.anyOf(107, [Kw.asc, Kw.desc], 'dir'));
  });

  private gradeLine = this.RULE('gradeLine', () => {
    this.CONSUME(Identifier, { LABEL: 'name' });
    this.label();
    this.OR(this.alts(26, () => [
      { ALT: () => { this.CONSUME(Kw.when); this.SUBRULE(this.expression, { LABEL: 'when' }); } },
      { ALT: () => this.CONSUME(Kw.otherwise, { LABEL: 'otherwise' }) },
    ]));
    this.OPTION(() => {
      this.CONSUME(Kw.quota, { LABEL: 'quota' });
      this.number();
      this.MANY(() => this.OR1(this.alts(27, () => [
        { ALT: () => this.anyOf(108, [Kw.roundDown, Kw.roundUp, Kw.roundNearest], 'round', 6) },
        { ALT: () => { this.CONSUME(Kw.min); this.CONSUME(NumberLit, { LABEL: 'quotaMin' }); } },
        { ALT: () => this.anyOf(109, [Kw.ofGraded, Kw.ofAll], 'of') },
      ])));
    });
  });

  private outcomesDecl = this.RULE('outcomesDecl', () => {
    this.CONSUME(Kw.outcomes);
    this.CONSUME(LCurly);
    this.MANY(() => this.OR(this.alts(28, () => [
      { ALT: () => {
        this.CONSUME(Kw.bonusByGrade, { LABEL: 'bonus' });
        this.CONSUME1(LCurly);
        this.commaList(7, () => this.SUBRULE(this.entry));
        this.CONSUME1(RCurly);
      } },
      { ALT: () => this.SUBRULE(this.outcomeAction) },
      { ALT: () => {
        this.CONSUME(Kw.improve, { LABEL: 'improve' });
        this.CONSUME(Kw.below);
        this.SUBRULE(this.opExpr, { LABEL: 'below' });
        this.OPTION1(() => { this.CONSUME(Kw.max); this.CONSUME(NumberLit, { LABEL: 'improveMax' }); });
      } },
    ])));
    this.CONSUME(RCurly);
  });

  private outcomeAction = this.RULE('outcomeAction', () => {
    this.CONSUME(Kw.action);
    this.CONSUME(Identifier, { LABEL: 'name' });
    this.label();
    this.CONSUME(Kw.when);
    this.SUBRULE(this.expression, { LABEL: 'when' });
  });

  private exampleDecl = this.RULE('exampleDecl', () => {
    this.CONSUME(Kw.example);
    this.CONSUME(Identifier, { LABEL: 'name' });
    this.label();
    this.CONSUME(LCurly);
    this.MANY(() => this.OR(this.alts(29, () => [
      { ALT: () => { this.CONSUME(Kw.given); this.SUBRULE(this.objectLit, { LABEL: 'given' }); } },
      { ALT: () => { this.CONSUME(Kw.expect); this.SUBRULE(this.expression, { LABEL: 'expect' }); } },
    ])));
    this.CONSUME(RCurly);
  });

}
