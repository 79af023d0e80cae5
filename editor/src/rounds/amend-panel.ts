// The amendment form (复核更正): a corrected input or a committee decision for one person, with the
// reason; the answer (who changed and why) is shown once under the round after it reloads. Only the
// inputs a person may amend are offered — not those the server fills (roll-ups, history, the unit) —,
// each with its current value beside the box.

import type { CohortResult } from '../../../engine/api.js';
import type { Contract } from '../../../dsl/service/index.js';
import { fill, h } from '../dom.js';
import { P } from '../i18n-batch.js';
import { roundsApi, type RoundDetail, type RoundExport } from './api.js';
import { MAX_REASON, personName } from './common.js';
import type { RoundActions, ViewCtx } from './context.js';
import { tc } from './i18n-catch-up.js';
import { tr } from './i18n.js';

/** Person id → the roster's name (else the one the result carries), for the changes table. */
export function namesOf(r: RoundDetail, result: CohortResult | null): Map<string, string> {
  const before = new Map((result?.results ?? []).map((x) => [x.subject, personName(x.display)]));
  return new Map(r.members.map((m) => [m.id, personName(m.display) ?? before.get(m.id) ?? '']));
}

/** `exported`: the round's export as this view of the page fetched it (or will: the first to ask fetches). */
export function amendForm(v: ViewCtx, r: RoundDetail, result: CohortResult | null, actions: RoundActions, exported: RoundExport): HTMLElement {
  const subject = h('select', { name: 'amend-subject' }, r.members.filter((m) => m.status !== 'absent').map((m) =>
    h('option', { value: m.id }, personName(m.display) ? `${m.id} ${personName(m.display)}` : m.id)));
  const kind = h('select', { name: 'amend-kind' }, h('option', { value: 'input' }, tr('kindInput')), h('option', { value: 'decision' }, tr('kindDecision')));
  const fieldSel = h('select', { name: 'amend-field' });
  const value = h('input', { name: 'amend-value' });
  const grade = h('select', { name: 'amend-grade' });
  const reason = h('textarea', { name: 'amend-reason', rows: 2, maxlength: MAX_REASON });
  // The field's current value beside the box (U6 L-6): what the newest revision ran on, or was sent since.
  const current = h('span', { class: 'muted current-value', 'data-current-value': '' });
  // Read on first use (the round's export: megabytes for 10,000 people), not on every view of the page;
  // the page's own read of it (a result the round's answer lacks) is the same download.
  let inputs: Promise<Map<string, Record<string, unknown>>> | undefined;
  const currentInputs = () => (inputs ??= r.revision > 0 ? exported.inputs().catch(() => new Map()) : Promise.resolve(new Map()));
  const showCurrent = () => void currentInputs().then((all) => {
    const v = all.get(subject.value)?.[fieldSel.value];
    fill(current, v === undefined ? tc('currentNone') : tc('currentValue', { value: typeof v === 'string' ? v : JSON.stringify(v) }));
  });
  subject.addEventListener('change', showCurrent);
  fieldSel.addEventListener('change', showCurrent);
  value.addEventListener('focus', showCurrent);
  const inputRow = h('div', { class: 'amend-input' }, h('label', { class: 'field' }, h('span', {}, tr('field')), fieldSel),
    h('label', { class: 'field' }, h('span', {}, tr('value')), h('span', { class: 'inline' }, value, ' ', current)));
  const decisionRow = h('div', { class: 'amend-decision', hidden: true }, h('label', { class: 'field' }, h('span', {}, tr('grade')), grade));
  kind.addEventListener('change', () => { inputRow.hidden = kind.value !== 'input'; decisionRow.hidden = kind.value === 'input'; });
  let contract: Contract | undefined;
  void v.contractOf(r).then((c) => {
    contract = c;
    // Roll-up and history inputs (`results of`, `past`) are the server's to fill, not to amend: the
    // contract gives them no input type; nor the `cohort by` field (the unit comes from the roster).
    const amendable = c.fields.filter((f) => !SERVER_FILLED.has(f.type.kind) && f.name !== c.cohortBy);
    fill(fieldSel, amendable.map((f) => h('option', { value: f.name }, f.label ? `${f.name}${P.paren(f.label)}` : f.name)));
    if (inputs) showCurrent(); // the field list changed under a value already shown
    fill(grade, c.grades.map((g) => h('option', { value: g }, g)));
    // A committee decision is for `grades by committee` schemes only (issue 13).
    if (!c.committee) kind.querySelector('option[value="decision"]')?.remove();
  }).catch(v.failed);
  const reasonNote = h('span', { class: 'error' });
  const submit = () => actions.guard(async () => {
    if (!reason.value.trim()) { fill(reasonNote, tr('reasonNeeded')); return; }
    fill(reasonNote);
    const base = { subject: subject.value, reason: reason.value.trim() };
    let body;
    if (kind.value === 'input') {
      if (value.value.trim() === '') { fill(reasonNote, tr('valueNeeded')); return; }
      const spec = contract?.fields.find((f) => f.name === fieldSel.value);
      body = { ...base, input: { [fieldSel.value]: typedValue(value.value.trim(), spec?.type.kind) } };
    } else body = { ...base, decision: { grade: grade.value, reason: reason.value.trim() } };
    const a = await roundsApi.amend(r.id, body);
    if (a.result) v.lastResult.set(r.id, a.result);
    v.app.toast(tr('amendedOk', { n: a.revision ?? r.revision + 1 }), 'ok');
    await actions.reload({ changes: a.changes, byId: namesOf(r, result), who: a, reason: body.reason, subject: body.subject, notice: a.notice });
  });
  return h('div', { class: 'amend' },
    h('h3', {}, tr('amend')), h('p', { class: 'muted' }, tr('amendHint')),
    h('div', { class: 'form amend-form' },
      h('label', { class: 'field' }, h('span', {}, tr('subject')), subject),
      h('label', { class: 'field' }, h('span', {}, tr('kind')), kind),
      inputRow, decisionRow,
      h('label', { class: 'field' }, h('span', {}, tr('reason')), reason),
      h('div', { class: 'toolbar' }, h('button', { class: 'primary', 'data-action': 'amend', onclick: () => void submit() }, tr('submitAmend')), reasonNote)));
}

const SERVER_FILLED: ReadonlySet<string> = new Set(['unknown', 'periodResults']);

/** A corrected value as the field's type takes it: a number for a number, JSON for lists and
 * records (written as JSON), else the text. The server checks it against the scheme. */
function typedValue(text: string, kind: string | undefined): unknown {
  if (kind === 'number' || kind === 'integer') return Number.isFinite(Number(text)) ? Number(text) : text;
  if (kind === 'bool') return text === '是' || text === 'true' ? true : text === '否' || text === 'false' ? false : text;
  if (kind === 'list' || kind === 'record' || kind === 'ratings') { try { return JSON.parse(text) as unknown; } catch { return text; } }
  return text;
}
