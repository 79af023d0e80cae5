// Reads a cohort from pasted or uploaded text: JSON (`{subjects: […]}`, or an array of subjects or
// of plain inputs) or CSV with a header row — first column the subject id, then input fields;
// `评价.上级` columns fill a ratings object; list cells separate values with `;` or `、`; cells that
// start with `[` or `{` are JSON. Cells are typed by the input contract.

import type { FieldSpec, TypeSpec } from '../../dsl/service/index.js';

export interface Subject { id: string; input: Record<string, unknown> }

export function parseCohort(text: string, fields: FieldSpec[]): Subject[] {
  const s = text.trim();
  if (s.startsWith('{') || s.startsWith('[')) {
    const data = JSON.parse(s) as unknown;
    const list = Array.isArray(data) ? data : (data as { subjects?: unknown[] }).subjects;
    if (!Array.isArray(list)) throw new Error('JSON: expected {"subjects": [...]} or an array');
    return list.map((x, i) => {
      const o = x as Record<string, unknown>;
      return typeof o.id === 'string' && o.input && typeof o.input === 'object' ? { id: o.id, input: o.input as Record<string, unknown> } : { id: `S${i + 1}`, input: o };
    });
  }
  const rows = parseCsv(s);
  if (rows.length < 2) throw new Error('CSV: a header row and at least one subject are needed');
  const [head, ...body] = rows;
  const byName = new Map(fields.map((f) => [f.name, f]));
  return body.filter((r) => r.some((c) => c.trim() !== '')).map((r, i) => {
    const input: Record<string, unknown> = {};
    head.slice(1).forEach((col, j) => {
      const cell = (r[j + 1] ?? '').trim();
      if (cell === '') return;
      const [name, sub] = col.trim().split('.', 2);
      const f = byName.get(name);
      if (sub !== undefined) {
        const obj = (input[name] ??= {}) as Record<string, unknown>;
        obj[sub] = cell.split(/[;；、\s]+/).filter(Boolean).map(numberOr);
      } else input[name] = typed(cell, f?.type);
    });
    return { id: (r[0] ?? '').trim() || `S${i + 1}`, input };
  });
}

function numberOr(s: string): unknown {
  return s !== '' && Number.isFinite(Number(s)) ? Number(s) : s;
}

function typed(cell: string, t: TypeSpec | undefined): unknown {
  if (cell.startsWith('[') || cell.startsWith('{')) { try { return JSON.parse(cell); } catch { return cell; } }
  switch (t?.kind) {
    case 'number': case 'integer': return numberOr(cell);
    case 'bool': return /^(true|1|是|yes)$/i.test(cell) ? true : /^(false|0|否|no)$/i.test(cell) ? false : cell;
    case 'list': return cell.split(/[;；、]+/).map((x) => x.trim()).filter(Boolean).map((x) => typed(x, t.element));
    default: return cell;
  }
}

/** RFC 4180-ish CSV: quoted cells with "" escapes, commas (or full-width ，), CRLF or LF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [], cell = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',' || c === '，' || c === '\t') { row.push(cell); cell = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell); rows.push(row); row = []; cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

/** A file's bytes as text: UTF-8 (a BOM is dropped), or GB18030 — a superset of GBK, what Excel on
 * Chinese Windows saves CSV files in — when the bytes are not valid UTF-8. */
export function decodeFile(bytes: ArrayBuffer): { text: string; encoding: 'utf-8' | 'gb18030' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

/** Quotas that allowed nobody in a cohort that had people (`20%` of 3, rounded down, is 0): the
 * grade was out of reach for the whole unit, which a department wants to be told, not to discover. */
export function emptyQuotas(cohorts: Record<string, unknown>[]): { cohort: string; grade: string; base: number }[] {
  const out: { cohort: string; grade: string; base: number }[] = [];
  for (const c of cohorts) {
    for (const q of (c.quotas ?? []) as { grade: string; limit: number; base: number }[]) {
      if (q.limit === 0 && q.base > 0) out.push({ cohort: String(c.key ?? ''), grade: q.grade, base: q.base });
    }
  }
  return out;
}
