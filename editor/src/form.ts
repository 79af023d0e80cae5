// The try-it form, generated from the input contract (dsl/service/contract.ts): one control per
// field — number boxes with the declared bounds, selects for enums, a checkbox for bool, a box per
// rater category for ratings, comma-separated lists, JSON for lists of records. Reading it back
// gives the subject's JSON input; values that do not parse are passed on as typed so the server's
// validation reports every problem in words.

import type { FieldSpec, TypeSpec } from '../../dsl/service/index.js';
import { h } from './dom.js';
import { t } from './i18n.js';

type Control = { el: HTMLElement; read(): unknown; write(v: unknown): void };

const SPLIT = /[,，、;；\s]+/;
const splitList = (s: string) => s.split(SPLIT).map((x) => x.trim()).filter(Boolean);
const numOrRaw = (s: string): unknown => (s.trim() === '' ? undefined : Number.isFinite(Number(s)) ? Number(s) : s);

export class InputForm {
  readonly el: HTMLElement;
  private controls = new Map<string, Control>();

  constructor(private fields: FieldSpec[]) {
    this.el = h('div', { class: 'form' }, fields.map((f) => {
      const c = control(f.type, f.name);
      this.controls.set(f.name, c);
      if (f.default !== undefined) c.write(f.default);
      return h('label', { class: 'field', 'data-field': f.name },
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
  const bounds = (s: TypeSpec) => s.kind === 'number' || s.kind === 'integer'
    ? [s.min !== undefined ? `${s.minExclusive ? '>' : '≥'} ${s.min}` : '', s.max !== undefined ? `${s.maxExclusive ? '<' : '≤'} ${s.max}` : ''].filter(Boolean).join('，') : '';
  const text = t0.kind === 'list' && t0.element.kind !== 'record' ? `${t('listHint')}${bounds(t0.element) ? `（${bounds(t0.element)}）` : ''}`
    : t0.kind === 'ratings' ? t('ratingsHint') : t0.kind === 'list' || t0.kind === 'record' || t0.kind === 'unknown' ? t('jsonHint') : bounds(t0);
  return text ? h('small', { class: 'hint' }, text) : null;
}

function control(type: TypeSpec, name: string): Control {
  switch (type.kind) {
    case 'number': case 'integer': {
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
    case 'enum': {
      const el = h('select', { name }, h('option', { value: '' }, `— ${t('choose')} —`), type.members.map((m) => h('option', { value: m.name }, m.label ? `${m.name}（${m.label}）` : m.name)));
      return { el, read: () => (el.value === '' ? undefined : el.value), write: (v) => { el.value = typeof v === 'string' ? v : ''; } };
    }
    case 'ratings': {
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
