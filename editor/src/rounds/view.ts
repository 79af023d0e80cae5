// The rounds view (考核批次, issue 14 item 8): a full-width page beside the scheme editor, reached from
// the header and by the address (`#rounds`, `#rounds/ID`, `#person/ID`), so a link to a round or a
// person can be shared. The list and a form to create a round (scheme, version, period, unit, name);
// a round — its roster and input parts uploaded as spreadsheets (sheet.ts), what is still missing per
// person, evaluate, 公示 with its end date, finalize, an amendment with the list of who changed and
// why, and its revisions; a person's results across schemes and periods with a trend chart
// (trend.ts). Every call goes through api.ts; every word through i18n.ts.

import type { CohortResult } from '../../../engine/api.js';
import type { Contract } from '../../../dsl/service/index.js';
import { api, ApiFailure } from '../api.js';
import type { App } from '../app.js';
import { ask } from '../dialog.js';
import { fill, h, num } from '../dom.js';
import { t } from '../i18n.js';
import { P } from '../i18n-batch.js';
import { problems } from '../panels/tryit.js';
import type { Line, RosterFile } from '../roster-input.js';
import { roundsApi, type Change, type Figures, type MissingRollup, type Pending, type PersonResult, type Round, type RoundDetail, type RoundStatus } from './api.js';
import { tr, trNodes, type RoundsKey } from './i18n.js';
import { readInputs, readMembers } from './sheet.js';
import { trendChart } from './trend.js';

export interface RoundsView { el: HTMLElement; route(hash: string): Promise<void> }

/** What an amendment answered, shown once under the round: who changed and why, and who approved it. */
interface Shown { changes: Change[]; byId: Map<string, string>; who: Who; reason: string; subject: string }

/** Who did something: the account's name, or the token (as code) when no account is named. */
interface Who { account: string | null; token: string | null }
const whoNode = (w: Who): Node | string => w.account ?? (w.token ? h('code', {}, w.token) : '—');

/** A roll-up source that is not final: 平时考核 2026-Q3（公示中）. */
function pendingWords(p: Pending): string {
  const what = [p.scheme, p.period].filter(Boolean).join(' ');
  const state = p.status === 'not_final' && p.roundStatus ? statusWord(p.roundStatus) : tr(p.status === 'unknown_scheme' ? 'pendingUnknown' : p.status === 'none' ? 'pendingNone' : 'notFinalYet');
  return `${what}${P.paren(state)}`;
}

const statusWord = (s: RoundStatus) => tr(`status_${s}` as RoundsKey);
const badge = (s: RoundStatus) => h('span', { class: `badge status-${s}`, 'data-round-status': s }, statusWord(s));
const when = (iso: string | null) => (iso ? iso.replace('T', ' ').slice(0, 16) : '—');

/** A refusal of the server in the view's words: the heading, then each problem with its place named
 * as a person sees it (考核期, or 人员“A3”的“实绩得分”) rather than as a JSON path; `ids`: the people
 * of the request, in its order, for paths such as `subjects[2].input.实绩得分`. */
function refusal(e: unknown, ids: readonly string[] = []): HTMLElement {
  if (!(e instanceof ApiFailure) || !e.details.length) return problems(e);
  const head = e.code === 'invalid_input' ? t('inputProblems') : e.words;
  const lines = e.details.map((d): Line => {
    const x = d as { path?: unknown; message?: unknown; subject?: unknown };
    const path = typeof x.path === 'string' ? x.path : '';
    let message = typeof x.message === 'string' ? x.message : JSON.stringify(d);
    if (path && (message.startsWith(`${path}: `) || message.startsWith(`${path}：`))) message = message.slice(path.length + (message[path.length] === ':' ? 2 : 1));
    // The engine names the person itself (`subject`); the request's order names them otherwise.
    const at = typeof x.subject === 'string' ? path.replace(/^subjects\[\d+\]/, '').replace(/^\./, '') : path;
    const where = typeof x.subject === 'string' && /^subjects\[\d+\]/.test(path) ? pathWords(`subjects[0]${at ? `.${at}` : ''}`, [x.subject]) : pathWords(path, ids);
    return where === '' ? message : [...(typeof where === 'string' ? [where] : where), P.colon, message];
  });
  return problemList(head, lines);
}

const PATH_WORDS: Record<string, RoundsKey> = {
  period: 'period', until: 'until', reason: 'reason', subject: 'subject', scheme: 'scheme', version: 'version', unit: 'unit',
  name: 'name', appealDays: 'appealDays', part: 'part', decision: 'kindDecision',
};

function pathWords(path: string, ids: readonly string[]): string | (Node | string)[] {
  if (path === '') return '';
  if (path in PATH_WORDS) return tr(PATH_WORDS[path]);
  const person = /^(?:subjects|members)\[(\d+)\](?:\.(?:id|unit|status|countsInBase|display(?:\..*)?))?$/.exec(path);
  if (person) return tr('pathPerson', { id: ids[Number(person[1])] ?? `#${Number(person[1]) + 1}` });
  const field = /^(?:subjects\[(\d+)\]\.)?input\.([^.[]+)(.*)$/.exec(path);
  if (field) {
    const id = field[1] !== undefined ? ids[Number(field[1])] ?? `#${Number(field[1]) + 1}` : undefined;
    const name = `${field[2]}${field[3]}`;
    return id !== undefined ? tr('pathPersonField', { id, field: name }) : tr('pathField', { field: name });
  }
  const decided = /^subjects\[(\d+)\]\.decision/.exec(path);
  if (decided) return tr('pathPersonDecision', { id: ids[Number(decided[1])] ?? `#${Number(decided[1]) + 1}` });
  return [h('code', {}, path)];
}

function problemList(head: string, items: Line[]): HTMLElement {
  return h('div', { class: 'problems-box error' }, h('p', {}, h('b', {}, head)), h('ul', {}, items.map((x) => h('li', {}, x))));
}

/** A hidden file input behind a button of ours (the browser's own control speaks its language). */
function filePicker(action: string, label: string, disabled: boolean, onFile: (f: RosterFile) => void): HTMLElement[] {
  const input = h('input', { type: 'file', accept: '.xlsx,.csv,.txt', hidden: true, [`data-${action}-file`]: '', onchange: async () => {
    const f = input.files?.[0];
    input.value = '';
    if (f) onFile({ name: f.name, bytes: await f.arrayBuffer() });
  } });
  return [h('button', { 'data-action': action, disabled, onclick: () => input.click() }, label), input];
}

export function roundsView(app: App): RoundsView {
  const el = h('section', { class: 'rounds-view', hidden: true });
  const contracts = new Map<string, Promise<Contract>>();
  /** The input contract of the round's scheme version (from its stored text, in the worker). */
  const contractOf = (r: Round) => {
    const k = `${r.scheme}@${r.version}`;
    if (!contracts.has(k)) contracts.set(k, api.getVersion(r.scheme, r.version).then((v) => app.doc.call('contractOf', { text: v.source })));
    const p = contracts.get(k)!;
    p.catch(() => contracts.delete(k));
    return p;
  };
  /** The result last shown per round, when the round's own answer does not carry one. */
  const lastResult = new Map<string, CohortResult>();

  const nav = (...extra: (Node | string | null)[]) => h('div', { class: 'toolbar rounds-nav' },
    h('button', { 'data-action': 'back-editor', onclick: () => { location.hash = ''; } }, tr('backToEditor')),
    h('button', { 'data-action': 'all-rounds', onclick: () => { location.hash = '#rounds'; } }, tr('backToRounds')), ...extra);

  // ---- the list and the form
  /** The list's filters, kept while the view is open. */
  const filter = { status: '', period: '' };

  async function showList(): Promise<void> {
    fill(el, nav(), h('h2', {}, tr('rounds')), h('p', { class: 'muted' }, '…'));
    const query = { ...(filter.status ? { status: filter.status } : {}), ...(filter.period ? { period: filter.period } : {}) };
    const [list, schemes] = await Promise.all([roundsApi.list(query), api.listSchemes().then((r) => r.schemes)]);
    const published = schemes.filter((s) => s.published !== null);
    const row = (r: Round) => h('tr', { 'data-round': r.id },
      h('td', {}, h('a', { href: `#rounds/${encodeURIComponent(r.id)}` }, r.name ?? r.id)),
      h('td', {}, tr('schemeVersion', { scheme: r.scheme, n: r.version })), h('td', {}, r.period), h('td', {}, r.unit ?? tr('allUnits')),
      h('td', {}, badge(r.status), r.outOfDate ? h('span', { class: 'warning-mark', title: tr('outOfDate') }, ' ⚠') : null),
      h('td', { class: 'n' }, r.revision), h('td', {}, when(r.createdAt)));
    const body = h('tbody', {}, list.rounds.map(row));
    // Newest first, a page at a time (the server's cursor).
    let next = list.next;
    const more: HTMLButtonElement = h('button', { 'data-action': 'more-rounds', hidden: !next, onclick: async () => {
      if (!next) return;
      const page = await roundsApi.list({ ...query, cursor: next }).catch((e: unknown) => { app.fail(e); return undefined; });
      if (!page) return;
      body.append(...page.rounds.map(row));
      next = page.next;
      more.hidden = !next;
    } }, tr('more'));
    const table = list.rounds.length === 0 ? h('p', { class: 'muted', 'data-no-rounds': '' }, tr(Object.keys(query).length ? 'noMatch' : 'noRounds')) : [h('table', { class: 'grid rounds-list' },
      h('thead', {}, h('tr', {}, ['colName', 'colScheme', 'colPeriod', 'colUnit', 'colStatus', 'colRevision', 'colCreated'].map((k) => h('th', {}, tr(k as RoundsKey))))),
      body), more];
    const statusFilter = h('select', { name: 'filter-status', onchange: () => { filter.status = statusFilter.value; void showList().catch(failed); } },
      h('option', { value: '' }, tr('anyStatus')),
      (['open', 'evaluated', 'publicity', 'final'] as const).map((st) => h('option', { value: st, selected: filter.status === st }, statusWord(st))));
    const periodFilter = h('input', { name: 'filter-period', value: filter.period, placeholder: tr('periodHint'), size: 12,
      onchange: () => { filter.period = periodFilter.value.trim(); void showList().catch(failed); } });
    const filters = h('div', { class: 'toolbar rounds-filter' }, h('label', { class: 'inline' }, tr('colStatus'), statusFilter),
      h('label', { class: 'inline' }, tr('period'), periodFilter));

    const scheme = h('select', { name: 'scheme' }, h('option', { value: '' }, tr('chooseScheme')),
      published.map((s) => h('option', { value: s.id }, s.id)));
    const version = h('input', { name: 'version', type: 'number', min: 1, placeholder: tr('versionHint') });
    const period = h('input', { name: 'period', placeholder: tr('periodHint') });
    const unit = h('input', { name: 'unit', placeholder: tr('unitHint') });
    const name = h('input', { name: 'name' });
    const appeal = h('input', { name: 'appealDays', type: 'number', min: 0, value: '30' });
    const out = h('div', { class: 'output' });
    const field = (label: string, input: HTMLElement) => h('label', { class: 'field' }, h('span', {}, label), input);
    const create = async () => {
      fill(out);
      try {
        const r = await roundsApi.create({
          scheme: scheme.value, period: period.value.trim(),
          ...(version.value ? { version: Number(version.value) } : {}), ...(unit.value.trim() ? { unit: unit.value.trim() } : {}),
          ...(name.value.trim() ? { name: name.value.trim() } : {}), ...(appeal.value !== '' ? { appealDays: Number(appeal.value) } : {}),
        });
        app.toast(tr('created', { id: r.name ?? r.id }), 'ok');
        location.hash = `#rounds/${encodeURIComponent(r.id)}`;
      } catch (e) { fill(out, refusal(e)); }
    };
    fill(el, nav(h('button', { 'data-action': 'refresh-rounds', onclick: () => void showList().catch(failed) }, tr('refresh'))),
      h('h2', {}, tr('rounds')), filters, table,
      h('h3', {}, tr('newRound')),
      published.length === 0 ? h('p', { class: 'warning' }, tr('noPublishedSchemes')) : null,
      h('div', { class: 'form new-round' },
        field(tr('scheme'), scheme), field(tr('version'), version), field(tr('period'), period), field(tr('unit'), unit),
        field(tr('name'), name), field(tr('appealDays'), appeal),
        h('div', { class: 'toolbar' }, h('button', { class: 'primary', 'data-action': 'create-round', onclick: () => void create() }, tr('create')))),
      out);
  }

  // ---- one round
  async function showRound(id: string, changes?: Shown): Promise<void> {
    const r = await roundsApi.get(id);
    if (r.revision > 0 && !r.result) {
      const current = await roundsApi.currentResult(id).catch(() => null);
      if (current) lastResult.set(id, current);
    }
    const result = r.revision === 0 ? null : r.result ?? lastResult.get(id) ?? null;
    const out = h('div', { class: 'output round-output' });
    const reload = (c?: typeof changes) => showRound(id, c).catch(failed);
    /** The people of the request being sent, for naming its problems. */
    let ids: string[] = [];
    const guard = async (f: () => Promise<void>) => {
      fill(out);
      ids = [];
      try { await f(); } catch (e) { fill(out, refusal(e, ids)); out.scrollIntoView({ block: 'nearest' }); }
    };

    const closed = r.status === 'publicity' || r.status === 'final';
    const roster = filePicker('upload-roster', tr('uploadRoster'), closed, (f) => void guard(async () => {
      const read = await readMembers(f);
      if (!read.ok) { fill(out, problemList(tr('readProblems'), read.problems)); return; }
      ids = read.items.map((m) => m.id);
      await roundsApi.putRoster(id, read.items);
      app.toast(tr('rosterSaved', { n: read.items.length }), 'ok');
      await reload();
    }));
    const part = h('input', { name: 'part', placeholder: tr('partHint') });
    const inputs = filePicker('upload-inputs', tr('uploadInputs'), closed, (f) => void guard(async () => {
      const c = await contractOf(r);
      const read = await readInputs(f, c.fields, { grades: c.grades, committee: !!c.committee });
      if (!read.ok) { fill(out, problemList(tr('readProblems'), read.problems)); return; }
      ids = read.items.map((m) => m.id);
      await roundsApi.submitInputs(id, read.items, part.value.trim() || undefined);
      app.toast(tr('inputsSaved', { n: read.items.length }), 'ok');
      await reload();
    }));

    // A text field, not type=date: the browser's date control speaks the browser's language.
    const until = h('input', { name: 'until', placeholder: tr('untilHint'), size: 12, value: r.publicityUntil?.slice(0, 10) ?? '' });
    const steps = h('div', { class: 'toolbar round-steps' },
      h('button', { class: 'primary', 'data-action': 'evaluate-round', disabled: !(r.status === 'open' || r.status === 'evaluated'),
        onclick: () => void guard(async () => {
          ids = r.members.filter((m) => m.status !== 'absent').map((m) => m.id); // the cohort, in roster order
          const res = await roundsApi.evaluate(id);
          if (res) lastResult.set(id, res);
          const again = await roundsApi.get(id);
          app.toast(tr('evaluatedOk', { n: again.revision }), 'ok');
          await reload();
        }) }, tr('evaluate')),
      h('label', { class: 'inline' }, tr('until'), until),
      h('button', { 'data-action': 'publicize', disabled: r.status !== 'evaluated', onclick: () => void guard(async () => {
        const day = until.value.trim();
        if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) { fill(out, problemList(tr('untilNeeded'), [])); return; }
        await roundsApi.publicize(id, day);
        app.toast(tr('publicizedOk', { date: day }), 'ok');
        await reload();
      }) }, tr('publicize')),
      h('button', { 'data-action': 'finalize', disabled: r.status !== 'publicity', onclick: () => void guard(async () => {
        const yes = await ask({ name: 'finalize', title: tr('finalizeTitle', { name: r.name ?? r.id }), body: [h('p', {}, tr('finalizeBody', { days: r.appealDays ?? 30 }))],
          ok: tr('finalize'), cancel: t('cancel') });
        if (!yes) return;
        await roundsApi.finalize(id);
        app.toast(tr('finalizedOk'), 'ok');
        await reload();
      }) }, tr('finalize')));

    fill(el,
      nav(h('button', { 'data-action': 'refresh-round', onclick: () => void reload() }, tr('refresh'))),
      h('h2', { 'data-round-id': r.id }, r.name ?? r.id, ' ', badge(r.status)),
      h('p', { class: 'round-meta' }, [
        tr('schemeVersion', { scheme: r.scheme, n: r.version }), `${tr('period')} ${r.period}`, `${tr('unit')} ${r.unit ?? tr('allUnits')}`,
        r.revision ? tr('revisionLine', { n: r.revision }) : null, r.publicityUntil ? tr('publicityUntil', { date: r.publicityUntil.slice(0, 10) }) : null,
      ].filter((x): x is string => !!x).join(' · ')),
      r.outOfDate ? h('p', { class: 'warning', 'data-out-of-date': '' }, tr('outOfDate')) : null,
      r.pending.length ? h('p', { class: 'warning', 'data-not-final': '' }, tr('notFinal', { list: r.pending.map(pendingWords) })) : null,
      out,
      h('h3', {}, tr('roster')),
      h('p', { class: 'muted' }, trNodes('rosterHint', { xlsx: h('code', {}, '.xlsx'), csv: h('code', {}, '.csv') })),
      h('div', { class: 'toolbar' }, roster),
      h('h3', {}, tr('inputs')),
      h('p', { class: 'muted' }, tr('inputsHint')),
      h('div', { class: 'toolbar' }, h('label', { class: 'inline' }, tr('part'), part), inputs,
        closed ? h('span', { class: 'muted', 'data-inputs-closed': '' }, tr('inputsClosed')) : null),
      membersTable(r, result),
      h('h3', {}, tr('steps')), steps,
      r.status === 'open' ? null : amendForm(r, result, guard, reload),
      changes ? changesTable(changes) : null,
      revisionsList(r));
  }

  function membersTable(r: RoundDetail, result: CohortResult | null): HTMLElement {
    if (!r.members.length) return h('p', { class: 'muted', 'data-no-members': '' }, tr('noMembers'));
    const shown = [...new Set(r.members.flatMap((m) => Object.keys(m.display)))];
    const byId = new Map((result?.results ?? []).map((x) => [x.subject, x]));
    const lacking = r.members.filter((m) => m.status !== 'absent' && r.missing.get(m.id)?.some((f) => !f.hasDefault)).length;
    return h('div', { class: 'members' },
      h('p', { class: lacking ? 'warning' : 'muted', 'data-missing-summary': lacking }, lacking ? tr('missingSummary', { n: lacking }) : tr('missingNone')),
      h('table', { class: 'grid members-table' },
        h('thead', {}, h('tr', {}, h('th', {}, tr('colId')), shown.map((k) => h('th', {}, k)),
          ['colUnit', 'colMemberStatus', 'colCounts', 'colMissing', 'colScore', 'colGrade', 'colRank'].map((k) => h('th', {}, tr(k as RoundsKey))))),
        h('tbody', {}, r.members.map((m) => {
          const res = byId.get(m.id);
          // Required inputs first; those the scheme defaults apart, after them (a reminder, not a gap).
          const missing = (r.missing.get(m.id) ?? []).filter((f) => !f.hasDefault);
          const defaulted = (r.missing.get(m.id) ?? []).filter((f) => f.hasDefault);
          const rollups = r.rollups.get(m.id) ?? [];
          const blocked = rollups.some((x) => x.blocking);
          return h('tr', { 'data-subject': m.id, 'data-member-status': m.status, class: missing.length || blocked ? 'lacking' : '' },
            h('td', { class: 'id' }, h('a', { href: `#person/${encodeURIComponent(m.id)}`, title: tr('personLink') }, m.id)),
            shown.map((k) => h('td', {}, num(m.display[k]))),
            h('td', {}, m.unit ?? '—'), h('td', {}, tr(`member_${m.status}` as RoundsKey)), h('td', {}, m.countsInBase ? tr('yes') : tr('no')),
            h('td', { class: 'missing', 'data-missing': missing.map((f) => f.field).join(','), 'data-defaulted': defaulted.map((f) => f.field).join(',') },
              m.status === 'absent' ? '—' : [
                missing.length ? missing.map((f, i) => [i ? P.list : null, h('span', { class: 'required' }, f.field)]) : tr('complete'),
                defaulted.length ? h('div', { class: 'default muted' }, defaulted.map((f, i) => [i ? P.list : null, tr('hasDefault', { field: f.field })])) : null,
                rollups.map(rollupLine),
              ]),
            h('td', { class: 'n score' }, res ? num(res.score) : '—'),
            // 不定等次 by the roster: no grade and no rank, said so rather than left blank.
            h('td', { class: 'grade' }, res?.grade ?? (res && m.status === 'ungraded' ? tr('member_ungraded') : '—')),
            h('td', { class: 'n rank' }, res?.rank?.overall ?? '—'));
        }))));
  }

  /** A roll-up input's periods without a result for the person, with what its `missing` policy does;
   * under `missing error` marked as blocking evaluation. */
  function rollupLine(x: MissingRollup): HTMLElement {
    return h('div', { class: `rollup${x.blocking ? ' blocking warning' : ' muted'}`, 'data-rollup': x.field, 'data-periods': x.periods.join(','), 'data-blocking': String(x.blocking) },
      x.blocking ? h('b', {}, `${tr('blocking')}${P.colon}`) : null,
      tr('rollupMissing', { field: x.field, scheme: x.scheme, periods: x.periods }),
      x.missing ? P.paren(tr(`policy_${x.missing}` as RoundsKey)) : null);
  }

  function amendForm(r: RoundDetail, result: CohortResult | null, guard: (f: () => Promise<void>) => Promise<void>, reload: (c?: Shown) => Promise<void>): HTMLElement {
    const subject = h('select', { name: 'amend-subject' }, r.members.filter((m) => m.status !== 'absent').map((m) =>
      h('option', { value: m.id }, typeof m.display['姓名'] === 'string' ? `${m.id} ${m.display['姓名']}` : m.id)));
    const kind = h('select', { name: 'amend-kind' }, h('option', { value: 'input' }, tr('kindInput')), h('option', { value: 'decision' }, tr('kindDecision')));
    const fieldSel = h('select', { name: 'amend-field' });
    const value = h('input', { name: 'amend-value' });
    const grade = h('select', { name: 'amend-grade' });
    const reason = h('textarea', { name: 'amend-reason', rows: 2, maxlength: 1000 });
    const inputRow = h('div', { class: 'amend-input' }, h('label', { class: 'field' }, h('span', {}, tr('field')), fieldSel), h('label', { class: 'field' }, h('span', {}, tr('value')), value));
    const decisionRow = h('div', { class: 'amend-decision', hidden: true }, h('label', { class: 'field' }, h('span', {}, tr('grade')), grade));
    kind.addEventListener('change', () => { inputRow.hidden = kind.value !== 'input'; decisionRow.hidden = kind.value === 'input'; });
    let contract: Contract | undefined;
    void contractOf(r).then((c) => {
      contract = c;
      // Roll-up and history inputs (`results of`, `past`) are the server's to fill, not to amend: the
      // contract gives them no input type; nor the `cohort by` field (the unit comes from the roster).
      const amendable = c.fields.filter((f) => !SERVER_FILLED.has(f.type.kind) && f.name !== c.cohortBy);
      fill(fieldSel, amendable.map((f) => h('option', { value: f.name }, f.label ? `${f.name}${P.paren(f.label)}` : f.name)));
      fill(grade, c.grades.map((g) => h('option', { value: g }, g)));
      // A committee decision is for `grades by committee` schemes only (issue 13).
      if (!c.committee) kind.querySelector('option[value="decision"]')?.remove();
    }).catch(failed);
    const submit = () => guard(async () => {
      if (!reason.value.trim()) { fill(reasonNote, tr('reasonNeeded')); return; }
      fill(reasonNote);
      const base = { subject: subject.value, reason: reason.value.trim() };
      let body;
      if (kind.value === 'input') {
        if (value.value.trim() === '') { fill(reasonNote, tr('valueNeeded')); return; }
        const spec = contract?.fields.find((f) => f.name === fieldSel.value);
        body = { ...base, input: { [fieldSel.value]: typedValue(value.value.trim(), spec?.type.kind) } };
      } else body = { ...base, decision: { grade: grade.value, reason: reason.value.trim() } };
      const before = new Map((result?.results ?? []).map((x) => [x.subject, x.display?.['姓名']]));
      const a = await roundsApi.amend(r.id, body);
      if (a.result) lastResult.set(r.id, a.result);
      app.toast(tr('amendedOk', { n: a.revision ?? r.revision + 1 }), 'ok');
      const names = new Map(r.members.map((m) => [m.id, typeof m.display['姓名'] === 'string' ? m.display['姓名'] : String(before.get(m.id) ?? '')]));
      await reload({ changes: a.changes, byId: names, who: a, reason: body.reason, subject: body.subject });
    });
    const reasonNote = h('span', { class: 'error' });
    return h('div', { class: 'amend' },
      h('h3', {}, tr('amend')), h('p', { class: 'muted' }, tr('amendHint')),
      h('div', { class: 'form amend-form' },
        h('label', { class: 'field' }, h('span', {}, tr('subject')), subject),
        h('label', { class: 'field' }, h('span', {}, tr('kind')), kind),
        inputRow, decisionRow,
        h('label', { class: 'field' }, h('span', {}, tr('reason')), reason),
        h('div', { class: 'toolbar' }, h('button', { class: 'primary', 'data-action': 'amend', onclick: () => void submit() }, tr('submitAmend')), reasonNote)));
  }

  function changesTable(shown: Shown): HTMLElement {
    const { changes, byId: names } = shown;
    const fig = (f: Figures) => f.rank === null ? tr('figuresUnranked', { score: num(f.score), grade: f.grade ?? '—' })
      : tr('figures', { score: num(f.score), grade: f.grade ?? '—', rank: f.rank });
    const actions = (c: Change) => [
      c.actions.gained.length ? h('div', { class: 'gained' }, tr('actionsGained', { list: c.actions.gained })) : null,
      c.actions.lost.length ? h('div', { class: 'lost' }, tr('actionsLost', { list: c.actions.lost })) : null,
    ];
    const anyActions = changes.some((c) => c.actions.gained.length + c.actions.lost.length > 0);
    return h('div', { class: 'changes' }, h('h3', {}, tr('changesTitle')),
      h('p', { class: 'amended-by' }, trNodes('amendedBy', { subject: shown.subject, by: whoNode(shown.who), reason: shown.reason })),
      changes.length === 0 ? h('p', { class: 'muted' }, tr('noChanges')) : h('table', { class: 'grid changes-table' },
        h('thead', {}, h('tr', {}, ['colId', 'colPersonName', 'colBefore', 'colAfter', ...(anyActions ? ['colActions'] : []), 'colWhy'].map((k) => h('th', {}, tr(k as RoundsKey))))),
        h('tbody', {}, changes.map((c) => h('tr', { 'data-subject': c.subject, 'data-why': c.why.join(','),
          'data-gained': c.actions.gained.join(','), 'data-lost': c.actions.lost.join(',') },
          h('td', {}, h('a', { href: `#person/${encodeURIComponent(c.subject)}` }, c.subject)), h('td', {}, names.get(c.subject) ?? ''),
          h('td', {}, fig(c.before)), h('td', {}, fig(c.after)),
          anyActions ? h('td', { class: 'actions' }, actions(c)) : null,
          h('td', { class: 'why' }, c.reason ?? c.why.map((w) => tr(`why_${w}` as RoundsKey)).join(P.semi)))))));
  }

  function revisionsList(r: RoundDetail): HTMLElement | null {
    if (!r.revisions.length) return null;
    const dot = ' · ';
    return h('div', { class: 'revisions' }, h('h3', {}, tr('revisions')),
      h('ul', {}, r.revisions.map((v) => h('li', { 'data-revision': v.n },
        tr('revisionLine', { n: v.n }), dot, when(v.createdAt),
        v.account || v.token ? [dot, ...trNodes('revisionBy', { by: whoNode(v) })] : null, dot,
        v.amendment ? tr('revisionAmend', { subject: v.amendment.subject, reason: v.amendment.reason }) : tr('revisionEvaluate')))));
  }

  // ---- a person's results across schemes and periods
  async function showPerson(subject: string): Promise<void> {
    const results = await roundsApi.personResults(subject);
    const bySchema = new Map<string, PersonResult[]>();
    for (const x of results) bySchema.set(x.scheme, [...(bySchema.get(x.scheme) ?? []), x]);
    const state = (x: PersonResult) => (x.imported ? tr('imported') : x.final ? tr('final')
      : x.status === 'evaluated' || x.status === 'publicity' ? statusWord(x.status) : tr('notFinalYet'));
    fill(el, nav(), h('h2', { 'data-person': subject }, tr('history', { subject })), h('p', { class: 'muted' }, tr('historyHint')),
      results.length === 0 ? h('p', { class: 'muted' }, tr('noHistory')) : [
        h('div', { class: 'trends' }, [...bySchema].map(([scheme, list]) => {
          const sorted = [...list].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
          return h('figure', { class: 'trend-box', 'data-scheme': scheme }, trendChart(tr('trendTitle', { scheme }), sorted),
            h('figcaption', { class: 'trend-legend' }, tr('legend')));
        })),
        h('table', { class: 'grid history-table' },
          h('thead', {}, h('tr', {}, ['colScheme', 'colPeriod', 'colUnit', 'colScore', 'colGrade', 'colFinal'].map((k) => h('th', {}, tr(k as RoundsKey))))),
          h('tbody', {}, results.map((x) => h('tr', { 'data-period': x.period, 'data-scheme': x.scheme },
            h('td', {}, x.scheme), h('td', {}, x.period), h('td', {}, x.unit ?? '—'), h('td', { class: 'n' }, num(x.score)),
            h('td', {}, x.grade ?? '—'),
            h('td', {}, x.round ? h('a', { href: `#rounds/${encodeURIComponent(x.round)}` }, state(x)) : state(x)))))),
      ]);
  }

  const failed = (e: unknown) => {
    fill(el, nav(), e instanceof ApiFailure || e instanceof Error ? problems(e) : String(e));
  };

  return {
    el,
    route: async (hash) => {
      const m = /^#(rounds|person)(?:\/(.+))?$/.exec(hash);
      if (!m) return;
      const id = m[2] ? decodeURIComponent(m[2]) : undefined;
      try {
        if (m[1] === 'person' && id) await showPerson(id);
        else if (id) await showRound(id);
        else await showList();
      } catch (e) { failed(e); }
    },
  };
}

const SERVER_FILLED: ReadonlySet<string> = new Set(['unknown', 'periodResults']);

/** A corrected value as the field's type takes it: a number for a number, JSON for lists and
 * records (written as JSON), else the text. The server checks it against the scheme. */
function typedValue(text: string, kind: string | undefined): unknown {
  if (kind === 'number' || kind === 'integer') return Number.isFinite(Number(text)) ? Number(text) : text;
  if (kind === 'bool' || kind === 'boolean') return text === '是' || text === 'true' ? true : text === '否' || text === 'false' ? false : text;
  if (kind === 'list' || kind === 'record' || kind === 'ratings') { try { return JSON.parse(text) as unknown; } catch { return text; } }
  return text;
}
