// The effects of a negative or reward item in words (issue 15): 实行一票否决 / 等次最高为“称职” / 不确定等次 /
// 按“瞒报次数”每次扣2分，最多扣6分 / 采取“约谈提醒”措施, joined into one clause. A rate reads as people say
// it, with the count's measure word (每次 / 每天 / 每1个, expr.ts perUnit); after a condition on the same
// count it needs no name again (“迟到早退次数”达到2次的，每次扣1分). An action is named by its name — the
// scheme document lists each action once, by that name with its label. The scheme document lists each
// item with them; the feedback sheet may say why an item applied to a person with the same words.

import type { Effect, Expr, RuleItem } from '../../dsl/ast.js';
import { render, type Msg } from '../../dsl/i18n/index.js';
import { exprWords, numberText, perUnit, type Scope } from './expr.js';
import { W } from './messages.js';

function amountText(e: Expr, s: Scope): string {
  return e.kind === 'Number' ? numberText(e.text, e.percent) : render(W.paren({ x: exprWords(e, s) }), s.lang);
}

/** The name a condition compares with a number (`迟到次数 >= 2`, `2 <= 迟到次数`; the first of an `and`). */
function comparedName(when: Expr): string | undefined {
  if (when.kind === 'Binary' && when.op === 'and') return comparedName(when.left);
  if (when.kind !== 'Binary' || !['>', '>=', '<', '<=', '==', '!='].includes(when.op)) return undefined;
  const [a, b] = [when.left, when.right];
  if (a.kind === 'Name' && b.kind === 'Number') return a.name;
  if (b.kind === 'Name' && a.kind === 'Number') return b.name;
  return undefined;
}

function effectMsg(e: Effect, item: RuleItem, s: Scope, lowest: string | undefined, counted: string | undefined): Msg {
  const q = (name: string) => render(W.quoted({ x: name }), s.lang);
  switch (e.kind) {
    case 'veto': return lowest ? W.veto({ grade: q(lowest) }) : W.vetoLowest();
    case 'cap': return W.cap({ grade: q(e.grade.name) });
    case 'nograde': return W.nograde();
    case 'action': return W.action({ action: q(e.action.name) });
    case 'deduct': case 'add': {
      const n = render(W.points({ n: amountText(e.amount, s) }), s.lang);
      const max = e.max ? render(W.points({ n: amountText(e.max, s) }), s.lang) : undefined;
      const into = item.for ? render(W.into({ indicator: q(s.names.display(item.for.name)) }), s.lang) : '';
      const deduct = e.kind === 'deduct';
      let base: Msg;
      if (!e.per) base = deduct ? W.deduct({ n, into }) : W.add1({ n, into });
      else {
        const u = perUnit(e.per, s);
        // After a condition on the same count the rate needs no name: “…达到2次的，每次扣1分”.
        const each = counted !== undefined && e.per.kind === 'Name' && e.per.name === counted;
        const per = exprWords(e.per, s);
        base = each ? (deduct ? W.deductEach({ n, u, into }) : W.addEach({ n, u, into }))
          : deduct ? W.deductPer({ n, per, u, into }) : W.addPer({ n, per, u, into });
      }
      return max ? W.withMax({ what: base, max: deduct ? W.deductMax({ max }) : W.addMax({ max }) }) : base;
    }
  }
}

/** `lowestGrade`: the scheme's lowest grade, named in a veto (一票否决: the grade is the lowest).
 * `afterCondition`: the effects follow the item's condition in the same sentence. */
export function effectsWords(item: RuleItem, s: Scope, lowestGrade?: string, afterCondition = false): string {
  const counted = afterCondition ? comparedName(item.when) : undefined;
  return render(W.effects({ items: item.effects.map((e) => effectMsg(e, item, s, lowestGrade, counted)) }), s.lang);
}
