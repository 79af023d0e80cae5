// The try-it form, generated from the input contract (dsl/service/contract.ts): one control per
// field — number boxes with the declared bounds, selects for enums, a checkbox for bool, a box per
// rater category for ratings, comma-separated lists, JSON for lists of records. Reading it back
// gives the subject's JSON input; values that do not parse are passed on as typed so the server's
// validation reports every problem in words.
//
// Issue 12: the evaluation period on top (when the scheme has a `period` kind or names the period's
// start or end; prefilled with the current period of the kind, checked as typed), ISO date pickers,
// a select of the allowed values for inputs restricted to a set or a scale (a scale's tiers as
// option groups), and for panels with criteria a table of ballots per category — a row per ballot,
// one cell per criterion, a blank cell for a criterion the rater leaves out (不了解).

import { isPeriod, parsePeriod, type PeriodKind } from '../../dsl/dates.js';
import type { CriterionSpec, OneOfSpec, PeriodSpec } from '../../dsl/service/contract.js';
import type { FieldSpec, TypeSpec } from '../../dsl/service/index.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { tf } from './i18n-form.js';
import { P } from './i18n-batch.js';

type Control = { el: HTMLElement; read(): unknown; write(v: unknown): void };

const SPLIT = /[,，、;；\s]+/;
const splitList = (s: string) => s.split(SPLIT).map((x) => x.trim()).filter(Boolean);
const numOrRaw = (s: string): unknown => (s.trim() === '' ? undefined : Number.isFinite(Number(s)) ? Number(s) : s);

export class InputForm {
  readonly el: HTMLElement;
  private controls = new Map<string, Control>();

  readonly period?: PeriodField;

  constructor(private fields: FieldSpec[], period?: PeriodSpec) {
    if (period) this.period = new PeriodField(period);
    this.el = h('div', { class: 'form' }, this.period?.el, fields.map((f) => {
      const c = control(f.type, f.name);
      this.controls.set(f.name, c);
      if (f.default !== undefined) c.write(f.default);
      // A ballot table needs the panel's whole width: the name goes above it.
      const wide = (f.type.kind === 'ratings' && !!f.type.criteria) || isRecordList(f.type);
      return h(wide ? 'div' : 'label', { class: wide ? 'field wide' : 'field', 'data-field': f.name },
        h('span', { class: 'name' }, f.name, f.label ? h('small', {}, ` ${f.label}`) : null, f.required ? h('em', { class: 'req', title: t('required') }, ' *') : null),
        c.el, hint(f.type));
    }));
  }

  /** The subject's input: fields left empty are omitted (required ones are then reported missing). */
  read(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [name, c] of this.controls) {
      const v = c.read();
      if (v !== undefined) out[name] = v;
    }
    return out;
  }

  write(input: Record<string, unknown>): void {
    for (const [name, c] of this.controls) {
      const f = this.fields.find((x) => x.name === name)!;
      c.write(name in input ? input[name] : f.default);
    }
  }
}

function hint(t0: TypeSpec): HTMLElement | null {
  if (isRecordList(t0)) return null;
  if ((t0.kind === 'number' || t0.kind === 'integer') && t0.oneOf) return h('small', { class: 'hint' }, oneOfWords(t0.oneOf));
  if (t0.kind === 'list' && (t0.element.kind === 'number' || t0.element.kind === 'integer') && t0.element.oneOf) {
    return h('small', { class: 'hint' }, `${t('listHint')}${P.paren(oneOfWords(t0.element.oneOf))}`);
  }
  if (t0.kind === 'ratings' && t0.criteria) return h('small', { class: 'hint' }, tf('ballotsHint'), t0.scale ? `${P.semi}${oneOfWords(t0.scale)}` : '');
  if (t0.kind === 'ratings' && t0.scale) return h('small', { class: 'hint' }, `${t('ratingsHint')}${P.paren(oneOfWords(t0.scale))}`);
  const bounds = (s: TypeSpec) => s.kind === 'number' || s.kind === 'integer'
    ? [s.min !== undefined ? `${s.minExclusive ? '>' : '≥'} ${s.min}` : '', s.max !== undefined ? `${s.maxExclusive ? '<' : '≤'} ${s.max}` : ''].filter(Boolean).join('，') : '';
  const text = t0.kind === 'list' && t0.element.kind !== 'record' ? `${t('listHint')}${bounds(t0.element) ? `（${bounds(t0.element)}）` : ''}`
    : t0.kind === 'ratings' ? t('ratingsHint') : t0.kind === 'list' || t0.kind === 'record' || t0.kind === 'unknown' ? t('jsonHint') : bounds(t0);
  return text ? h('small', { class: 'hint' }, text) : null;
}

function control(type: TypeSpec, name: string): Control {
  switch (type.kind) {
    case 'number': case 'integer': {
      if (type.oneOf) return oneOfControl(type.oneOf, name);
      const el = h('input', { type: 'number', step: type.kind === 'integer' ? '1' : 'any', min: type.min, max: type.max, name });
      return { el, read: () => numOrRaw(el.value), write: (v) => { el.value = v === undefined ? '' : String(v); } };
    }
    case 'bool': {
      const el = h('input', { type: 'checkbox', name });
      return { el, read: () => el.checked, write: (v) => { el.checked = v === true; } };
    }
    case 'text': {
      const el = h('input', { type: 'text', name });
      return { el, read: () => (el.value === '' ? undefined : el.value), write: (v) => { el.value = v === undefined ? '' : String(v); } };
    }
    case 'date': { // ISO `YYYY-MM-DD`, as the browser's date input gives it (issue 12)
      const el = h('input', { type: 'date', name });
      return { el, read: () => (el.value === '' ? undefined : el.value), write: (v) => { el.value = typeof v === 'string' ? v : ''; } };
    }
    case 'enum': {
      const el = h('select', { name }, h('option', { value: '' }, `— ${t('choose')} —`), type.members.map((m) => h('option', { value: m.name }, m.label ? `${m.name}（${m.label}）` : m.name)));
      return { el, read: () => (el.value === '' ? undefined : el.value), write: (v) => { el.value = typeof v === 'string' ? v : ''; } };
    }
    case 'ratings': {
      if (type.criteria) return ballotsControl(type, type.criteria, name);
      const boxes = type.categories.map((c) => [c.name, h('input', { type: 'text', name: `${name}.${c.name}`, placeholder: '90, 85' })] as const);
      const el = h('div', { class: 'ratings' }, boxes.map(([c, box]) => h('span', { class: 'cat' }, h('span', {}, c), box)));
      return {
        el,
        read: () => {
          const out: Record<string, unknown[]> = {};
          for (const [c, box] of boxes) { const xs = splitList(box.value); if (xs.length) out[c] = xs.map(numOrRaw); }
          return out;
        },
        write: (v) => { for (const [c, box] of boxes) { const xs = (v as Record<string, unknown[]> | undefined)?.[c]; box.value = Array.isArray(xs) ? xs.join(', ') : ''; } },
      };
    }
    case 'list':
      if (type.element.kind === 'record' && isRecordList(type)) return recordsControl(type.element.fields, name);
      if (type.element.kind !== 'record' && type.element.kind !== 'list' && type.element.kind !== 'ratings') {
        const el = h('input', { type: 'text', name });
        const elem = type.element.kind;
        return {
          el,
          read: () => { const xs = splitList(el.value); return xs.length || el.value === '' ? xs.map((x) => (elem === 'number' || elem === 'integer' ? numOrRaw(x) : x)) : undefined; },
          write: (v) => { el.value = Array.isArray(v) ? v.join(', ') : ''; },
        };
      }
      return jsonControl(name);
    default: return jsonControl(name);
  }
}

function jsonControl(name: string): Control {
  const el = h('textarea', { name, rows: 3, spellcheck: false });
  return {
    el,
    read: () => { if (el.value.trim() === '') return undefined; try { return JSON.parse(el.value); } catch { return el.value; } },
    write: (v) => { el.value = v === undefined ? '' : JSON.stringify(v, null, 1).replace(/\n\s*/g, ' '); },
  };
}

// ---- issue 12: values on a scale, ballots, lists of dated records, the period

const SCALAR = new Set<TypeSpec['kind']>(['number', 'integer', 'bool', 'text', 'date', 'enum']);

/** A list of flat records, shown as a table of rows (recordsControl). */
const isRecordList = (t: TypeSpec): boolean => t.kind === 'list' && t.element.kind === 'record' && t.element.fields.every((f) => SCALAR.has(f.type.kind));

/** A list of flat records (考勤记录: 发生日期 + 种类): a table, a row per item with a control per field
 * (a date picker, a select…), rows added and removed; a row left wholly blank is no item. */
function recordsControl(fields: FieldSpec[], name: string): Control {
  const body = h('tbody', {});
  const rows: { tr: HTMLElement; cells: Map<string, Control> }[] = [];
  const add = (v?: Record<string, unknown>) => {
    const cells = new Map(fields.map((f) => [f.name, control(f.type, `${name}[${rows.length}].${f.name}`)] as const));
    for (const [k, c] of cells) c.write(v?.[k]);
    const row = { tr: h('tr', { 'data-item': '' }), cells };
    const remove = h('button', { type: 'button', class: 'link remove-item', title: tf('removeItem'), 'aria-label': tf('removeItem'),
      onclick: () => { row.tr.remove(); rows.splice(rows.indexOf(row), 1); } }, '×');
    row.tr.append(...fields.map((f) => h('td', {}, cells.get(f.name)!.el)), h('td', {}, remove));
    rows.push(row);
    body.append(row.tr);
  };
  const el = h('div', { class: 'records' },
    h('table', { class: 'ballots records' }, h('thead', {}, h('tr', {}, fields.map((f) => h('th', { title: f.label ?? '' }, f.name)), h('th', {}))), body),
    h('button', { type: 'button', class: 'link add-item', 'data-action': 'add-item', onclick: () => add() }, tf('addItem')));
  return {
    el,
    read: () => { const items = rows.flatMap(({ cells }) => {
      const o: Record<string, unknown> = {};
      let filled = false;
      for (const [k, c] of cells) {
        const v = c.read();
        if (v === undefined) continue;
        o[k] = v;
        if (v !== false) filled = true; // an unticked box alone is a blank row
      }
      return filled ? [o] : [];
    }); return items.length ? items : undefined; },
    write: (v) => {
      for (const r of rows.splice(0)) r.tr.remove();
      if (Array.isArray(v)) for (const x of v) add(x && typeof x === 'object' ? x as Record<string, unknown> : {});
    },
  };
}

/** “可选值：100、95、90” or, for a scale with named tiers, “量表“评分档”：优秀（100、95、90）、…”. */
export function oneOfWords(o: OneOfSpec): string {
  const named = o.tiers.some((x) => x.name);
  if (!named) return tf('oneOfHint', { values: o.values.map(String) });
  return tf('scaleHint', { scale: o.label ?? o.scale ?? '', tiers: o.tiers.map((x) => x.name ? tf('tier', { name: x.name, values: x.values.map(String) }) : x.values.join('、')) });
}

/** A select of the allowed values (tiers as option groups); `blank` is the empty choice's text. */
function scaleSelect(o: OneOfSpec, name: string, blank: string, blankTitle?: string): HTMLSelectElement {
  const opt = (v: number) => h('option', { value: String(v) }, String(v));
  return h('select', { name, class: 'scale' }, h('option', { value: '', ...(blankTitle ? { title: blankTitle } : {}) }, blank),
    o.tiers.map((x) => (x.name ? h('optgroup', { label: x.name }, x.values.map(opt)) : x.values.map(opt)))) as HTMLSelectElement;
}

/** A value not on the scale (from a pasted JSON) is kept as an extra option, so the server names it. */
function selectValue(el: HTMLSelectElement, v: unknown): void {
  const text = v === undefined || v === null ? '' : String(v);
  if (text !== '' && !Array.from(el.options).some((o) => o.value === text)) el.append(h('option', { value: text, class: 'off-scale' }, text));
  el.value = text;
}

function oneOfControl(o: OneOfSpec, name: string): Control {
  const el = scaleSelect(o, name, `— ${t('choose')} —`);
  return { el, read: () => numOrRaw(el.value), write: (v) => selectValue(el, v) };
}

type Ballot = Record<string, unknown>;

/** Per category a table: a row per ballot, a cell per criterion (a select of the panel's scale, else a
 * number box); a row left wholly blank is no ballot; a category without ballots is left out. */
function ballotsControl(type: Extract<TypeSpec, { kind: 'ratings' }>, criteria: CriterionSpec[], name: string): Control {
  const cats = type.categories.map((c) => {
    const body = h('tbody', {});
    const rows: { tr: HTMLElement; cells: Map<string, HTMLInputElement | HTMLSelectElement> }[] = [];
    const renumber = () => rows.forEach((r, i) => { (r.tr.firstElementChild as HTMLElement).textContent = tf('ballotNo', { n: i + 1 }); });
    const add = (b?: Ballot) => {
      const cells = new Map<string, HTMLInputElement | HTMLSelectElement>();
      for (const e of criteria) {
        const cell = type.scale
          ? scaleSelect(type.scale, `${name}.${c.name}.${e.name}`, tf('abstain'), tf('abstainTitle'))
          : h('input', { type: 'number', step: 'any', min: 0, max: 100, name: `${name}.${c.name}.${e.name}`, title: tf('abstainTitle') }) as HTMLInputElement;
        const v = b?.[e.name];
        if (cell instanceof HTMLSelectElement) selectValue(cell, v); else cell.value = v === undefined || v === null ? '' : String(v);
        cells.set(e.name, cell);
      }
      const row = { tr: h('tr', { 'data-ballot': '' }), cells };
      const remove = h('button', { type: 'button', class: 'link remove-ballot', title: tf('removeBallot'), 'aria-label': tf('removeBallot'),
        onclick: () => { row.tr.remove(); rows.splice(rows.indexOf(row), 1); renumber(); } }, '×');
      row.tr.append(h('th', { class: 'n' }), ...criteria.map((e) => h('td', {}, cells.get(e.name)!)), h('td', {}, remove));
      rows.push(row);
      body.append(row.tr);
      renumber();
    };
    const clear = () => { for (const r of rows.splice(0)) r.tr.remove(); };
    const table = h('table', { class: 'ballots' },
      h('thead', {}, h('tr', {}, h('th', {}), criteria.map((e) => h('th', { title: e.label ?? '' }, e.weight === undefined ? e.name : tf('criterionWeight', { name: e.name, weight: `${+(e.weight * 100).toFixed(4)}%` }))), h('th', {}))),
      body);
    const el = h('div', { class: 'ballot-cat', 'data-category': c.name },
      h('div', { class: 'ballot-head' }, h('b', {}, c.name), c.label ? h('small', {}, ` ${c.label}`) : null,
        h('button', { type: 'button', class: 'link add-ballot', 'data-action': 'add-ballot', onclick: () => add() }, tf('addBallot'))),
      table);
    const read = (): Ballot[] => rows.flatMap(({ cells }) => {
      const b: Ballot = {};
      for (const [e, cell] of cells) { const v = numOrRaw(cell.value); if (v !== undefined) b[e] = v; }
      return Object.keys(b).length ? [b] : [];
    });
    return { name: c.name, el, add, clear, read };
  });
  const el = h('div', { class: 'ballot-panel' }, cats.map((c) => c.el));
  const write = (v: unknown) => {
    for (const c of cats) {
      c.clear();
      const xs = (v as Record<string, unknown> | undefined)?.[c.name];
      if (Array.isArray(xs) && xs.length) for (const b of xs) c.add(b && typeof b === 'object' ? b as Ballot : {});
      else c.add();
    }
  };
  write(undefined);
  return {
    el,
    read: () => {
      const out: Record<string, Ballot[]> = {};
      for (const c of cats) { const xs = c.read(); if (xs.length) out[c.name] = xs; }
      return Object.keys(out).length ? out : undefined;
    },
    write,
  };
}

/** The current period of a kind on `day` (local calendar): 2026-Q4 on 2026-12-05; a special period
 * starts as the current quarter's range. */
export function currentPeriod(kind: PeriodKind | undefined, day = new Date()): string {
  const y = day.getFullYear(), m = day.getMonth() + 1, q = Math.ceil(m / 3);
  const pad = (n: number) => String(n).padStart(2, '0');
  switch (kind) {
    case 'annual': return String(y);
    case 'monthly': return `${y}-${pad(m)}`;
    case 'special': {
      const last = new Date(y, 3 * q, 0).getDate();
      return `${y}-${pad(3 * q - 2)}-01..${y}-${pad(3 * q)}-${pad(last)}`;
    }
    default: return `${y}-Q${q}`;
  }
}

/** The evaluation period: a text box prefilled with the current period, checked as typed (the
 * server checks it again: KH-E031/KH-E032). */
export class PeriodField {
  readonly el: HTMLElement;
  private readonly box: HTMLInputElement;
  private readonly note: HTMLElement;

  /** `note`: a line said under the field besides the form (the batch panel: one period for all). */
  constructor(private readonly spec: PeriodSpec, private readonly aside?: string) {
    this.box = h('input', { type: 'text', name: '@period', value: currentPeriod(spec.kind), placeholder: spec.form, autocomplete: 'off',
      oninput: () => this.check() }) as HTMLInputElement;
    this.box.value = currentPeriod(spec.kind);
    this.note = h('small', { class: 'hint' });
    this.el = h('label', { class: 'field period', 'data-field': '@period' },
      h('span', { class: 'name' }, tf('period'), spec.kind ? h('small', {}, ` ${tf(`kind_${spec.kind}`)}`) : null, spec.required ? h('em', { class: 'req', title: t('required') }, ' *') : null),
      this.box, this.note);
    this.check();
  }

  /** The period typed, or undefined when the box is empty. */
  read(): string | undefined { const v = this.box.value.trim(); return v === '' ? undefined : v; }

  /** The text as typed, '' when emptied (kept when the form is rebuilt). */
  get typed(): string { return this.box.value; }

  /** Sets the text (undefined: leaves the prefilled period). */
  write(v: string | undefined): void { if (v !== undefined) { this.box.value = v; this.check(); } }

  /** Whether a field for `spec` would be this one. */
  sameAs(spec: PeriodSpec): boolean { return JSON.stringify(spec) === JSON.stringify(this.spec); }

  /** What was typed, to carry into the field of a rebuilt form — only for a period of the same kind
   * (a `2026` typed for an annual scheme is no period of a quarterly one opened next). */
  carried(spec: PeriodSpec | undefined): string | undefined { return spec && spec.kind === this.spec.kind ? this.typed : undefined; }

  /** What is wrong with the period as typed (empty when required, or not of the kind's form), in
   * words; undefined when it can be sent. The field is focused so it can be fixed at once. */
  problem(): string | undefined {
    const v = this.read();
    const p = v === undefined ? (this.spec.required ? tf('periodRequired') : undefined)
      : isPeriod(parsePeriod(v, this.spec.kind)) ? undefined : tf('periodWrong', { period: v, form: this.spec.form });
    if (p) this.box.focus();
    return p;
  }

  private check(): void {
    const v = this.read();
    const bad = v !== undefined && !isPeriod(parsePeriod(v, this.spec.kind));
    this.box.classList.toggle('invalid', bad);
    this.note.classList.toggle('error', bad || (v === undefined && this.spec.required));
    this.note.textContent = bad ? tf('periodWrong', { period: v!, form: this.spec.form })
      : v === undefined && this.spec.required ? tf('periodRequired')
      : this.aside ? `${tf('periodHint', { form: this.spec.form })}${P.semi}${this.aside}` : tf('periodHint', { form: this.spec.form });
  }
}
