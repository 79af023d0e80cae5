// Try-it's committee decision (issue 13): when the scheme on screen decides its grades `by committee`
// (the contract's `committee`, from the language service), a collapsible field under the form — the
// decided grade (a select of the scheme's grades), the order (who keeps a quota grade when the scores
// do not say) and the reason — sent as the subject's `decision` ({grade?, order?, reason}). Left
// empty, nothing is sent and the grade comes from the score. What the engine would refuse (a decision
// without its reason, a reason without a decision, an order that is no whole number from 1) is said
// beside the field before anything is sent, as the period field does.

import { DECISION_REASON_MAX as MAX_REASON } from '../../dsl/keywords.js';
import type { Decision } from '../../sheets/decisions.js';
import { h } from './dom.js';
import { tc } from './i18n-cohort.js';

export class DecisionField {
  readonly el: HTMLDetailsElement;
  private readonly grade: HTMLSelectElement;
  private readonly order: HTMLInputElement;
  private readonly reason: HTMLTextAreaElement;
  private readonly note: HTMLElement;

  constructor(private readonly grades: readonly string[]) {
    this.grade = h('select', { name: '@decision.grade' }, h('option', { value: '' }, tc('decisionGradeNone')),
      grades.map((g) => h('option', { value: g }, g))) as HTMLSelectElement;
    this.order = h('input', { type: 'number', name: '@decision.order', min: 1, step: 1, inputmode: 'numeric' }) as HTMLInputElement;
    this.reason = h('textarea', { name: '@decision.reason', rows: 2, maxlength: MAX_REASON }) as HTMLTextAreaElement;
    this.note = h('small', { class: 'hint' });
    this.el = h('details', { class: 'decision-box', 'data-field': '@decision' },
      h('summary', {}, tc('decisionTitle')),
      h('p', { class: 'muted' }, tc('decisionHint')),
      h('label', { class: 'field' }, h('span', { class: 'name' }, tc('decisionGrade')), this.grade),
      h('label', { class: 'field' }, h('span', { class: 'name' }, tc('decisionOrder')), this.order, h('small', { class: 'hint' }, tc('decisionOrderHint'))),
      h('label', { class: 'field' }, h('span', { class: 'name' }, tc('decisionReason')), this.reason,
        h('small', { class: 'hint' }, tc('decisionReasonHint', { max: MAX_REASON }))),
      this.note) as HTMLDetailsElement;
  }

  /** The field for a scheme's contract: none unless its grades are `by committee`; `old` itself while
   * the grades stay the same, else a new field carrying what was typed in `old`. */
  static for(contract: { committee?: true; grades: readonly string[] }, old: DecisionField | undefined): DecisionField | undefined {
    if (!contract.committee) return undefined;
    if (old?.sameAs(contract.grades)) return old;
    const field = new DecisionField(contract.grades);
    field.write(old?.carried());
    return field;
  }

  /** Whether a field for these grades would be this one. */
  sameAs(grades: readonly string[]): boolean { return grades.join('\u0000') === this.grades.join('\u0000'); }

  /** The decision to send (undefined when nothing is filled in), or what is wrong with it in words
   * (the field is opened and the wrong control focused, so it can be fixed at once). */
  read(): { decision?: Decision } | { problem: string } {
    const grade = this.grade.value, order = this.order.value.trim(), reason = this.reason.value.trim();
    this.note.textContent = '';
    this.note.classList.remove('error');
    if (!grade && !order && !reason) return {};
    const fail = (problem: string, at: HTMLElement) => {
      this.el.open = true;
      this.note.textContent = problem;
      this.note.classList.add('error');
      at.focus();
      return { problem };
    };
    const n = Number(order);
    if (order && !(Number.isSafeInteger(n) && n >= 1)) return fail(tc('decisionBadOrder'), this.order);
    if (!grade && !order) return fail(tc('decisionReasonOnly'), this.grade);
    if (!reason) return fail(tc('decisionNoReason'), this.reason);
    return { decision: { ...(grade ? { grade } : {}), ...(order ? { order: n } : {}), reason } };
  }

  /** Sets the field from a decision (a pasted request body's), or clears it. */
  write(d: Partial<Decision> | undefined): void {
    this.grade.value = d?.grade && this.grades.includes(d.grade) ? d.grade : '';
    this.order.value = d?.order !== undefined ? String(d.order) : '';
    this.reason.value = d?.reason ?? '';
    if (d) this.el.open = true;
  }

  /** What is filled in now (as typed, checked or not), to carry into a rebuilt field. */
  carried(): Partial<Decision> | undefined {
    const grade = this.grade.value, order = Number(this.order.value.trim()), reason = this.reason.value;
    if (!grade && !this.order.value.trim() && !reason) return undefined;
    return { ...(grade ? { grade } : {}), ...(this.order.value.trim() ? { order } : {}), reason };
  }
}
