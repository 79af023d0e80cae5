// The input JSON Schema (engine/input-schema.ts, user trial U7-20) against the engine's own input
// validation (engine/validate.ts), judged by an independent validator (ajv, draft 2020-12, formats
// asserted): for every scheme in schemes/ and ../shared/spec/examples, every random valid input
// (test/jre/subjects.ts recordArb) and every hand-written case passes the schema, and on inputs
// one mutation away from a valid one — a value of another type, a number past a bound or off its set
// or not whole, a key removed or unknown, a list too short or too long, an unknown enum member, a
// date that is no day, a result record's key in both languages — the schema refuses exactly what the
// engine refuses. The engine is asked without an evaluation period: what needs one (which periods a
// roll-up reads) the schema cannot know, and its description says so.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FieldSpec, TypeSpec } from '../../engine/contract.js';
import { inputSchema, planOf, prepare } from '../../engine/index.js';
import { validateInput } from '../../engine/validate.js';
import { recordArb } from '../jre/subjects.js';
import { EXAMPLES } from './helpers.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIRS = [EXAMPLES, join(ROOT, 'schemes')];
const files = DIRS.flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.kaohe')).sort().map((f) => join(dir, f)));

/** A calendar day, checked here without the engine's date code. */
const isDay = (s: string): boolean => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  d.setUTCFullYear(Number(m[1]));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
};

// strictRequired off: it flags `required` inside `anyOf`/`not` naming properties declared beside them, which is valid 2020-12.
const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true });
ajv.addFormat('date', isDay);

type Json = unknown;
const WRONG: Json[] = ['x', '', 3.5, -1, 0, 101, true, null, [], {}, '2026-02-30', '1769/20', '1/0'];

/** Every input one mutation away from `v` (of type `t`): the mutants of each part, put back in place. */
function mutants(v: Json, t: TypeSpec | undefined): Json[] {
  const out: Json[] = WRONG.filter((w) => JSON.stringify(w) !== JSON.stringify(v));
  if (t?.kind === 'number') {
    for (const b of [t.lo, t.hi]) if (b) { const x = b.value.toNumber(); out.push(x, x - 0.01, x + 0.01); }
    if (t.integer) out.push(1.5);
    if (t.oneOf) out.push(t.oneOf.values[0].toNumber() + 0.001);
  }
  if (t?.kind === 'enum') out.push('不是成员', [...t.members.keys()][0]);
  if (t?.kind === 'date') out.push('2024-02-29', '2026-02-29', '0000-01-01', '2026-13-01', '2026-1-01');
  if (Array.isArray(v)) {
    const element = t?.kind === 'list' ? t.element : t?.kind === 'periodResults' ? ({ kind: 'record', fields: RESULT_FIELDS } as unknown as TypeSpec) : undefined;
    out.push([], v.slice(1));
    if (t?.kind === 'list' && v.length > 0) out.push([...v, v[0]]);
    v.forEach((x, i) => { for (const m of mutants(x, element)) out.push(v.map((y, j) => (j === i ? m : y))); });
  } else if (v !== null && typeof v === 'object') {
    const o = v as Record<string, Json>;
    out.push({ ...o, 未知字段: 1 });
    for (const k of Object.keys(o)) {
      out.push(without(o, k));
      for (const m of mutants(o[k], t && partType(t, k))) out.push({ ...o, [k]: m });
    }
    if (t?.kind === 'periodResults' || (t?.kind === 'record' && (t.fields as unknown) === RESULT_FIELDS)) {
      out.push({ ...o, 考核期: o.period }, { ...without(o, 'period'), 考核期: o.period }, { ...o, score: '1769/20' }, { ...o, score: '88.45' }, { ...o, grade: null });
    }
    if (t?.kind === 'record' || t?.kind === 'ratings') for (const f of fieldsOf(t)) if (!(f in o)) out.push({ ...o, [f]: null });
  }
  return out;
}

const RESULT_FIELDS: FieldSpec[] = [];
const without = (o: Record<string, Json>, k: string) => Object.fromEntries(Object.entries(o).filter(([x]) => x !== k));

function fieldsOf(t: TypeSpec): string[] {
  if (t.kind === 'record') return t.fields.map((f) => f.name);
  if (t.kind === 'ratings') return t.panel.categories.map((c) => c.name.name);
  return [];
}

/** The type of part `k` of a value of type `t` (a record's field, a ratings category, a ballot). */
function partType(t: TypeSpec, k: string): TypeSpec | undefined {
  if (t.kind === 'record') return t.fields.find((f) => f.name === k)?.type;
  if (t.kind === 'ratings') return { kind: 'list', element: t.criteria ? undefined : t.rating, text: '', msg: { id: '' } } as unknown as TypeSpec;
  return undefined;
}

const top = (contract: FieldSpec[]): TypeSpec => ({ kind: 'record', fields: contract, text: '', msg: { id: '' } });

for (const file of files) {
  const name = file.slice(ROOT.length);
  const prepared = prepare(readFileSync(file, 'utf8'), file).value!;
  const plan = planOf(prepared);
  const engineAccepts = (x: Json) => validateInput(x, plan.contract).errors.length === 0;

  describe(`input schema of ${name}`, () => {
    const schema = inputSchema(prepared);
    const valid = ajv.compile(schema);
    const verdict = (x: Json) => valid(x) === true;
    const disagree = (x: Json) => `${JSON.stringify(x).slice(0, 400)}\nschema: ${verdict(x)} ${JSON.stringify(valid.errors?.slice(0, 2))}\nengine: ${JSON.stringify(validateInput(x, plan.contract).errors.slice(0, 2).map((e) => e.message))}`;

    it('accepts every random valid input; refuses exactly what the engine refuses one mutation away', () => {
      let refused = 0, checked = 0;
      fc.assert(fc.property(recordArb(plan.contract), fc.nat(), (input, pick) => {
        expect(engineAccepts(input), disagree(input)).toBe(true);
        expect(verdict(input), disagree(input)).toBe(true);
        const all = mutants(input, top(plan.contract));
        for (let k = 0; k < 40; k++) {
          const m = all[(pick + k * 7919) % all.length];
          checked++;
          if (!engineAccepts(m)) refused++;
          expect(verdict(m), disagree(m)).toBe(engineAccepts(m));
        }
      }), { numRuns: 25, seed: 20261207 });
      expect(refused).toBeGreaterThan(checked / 4); // the mutants do reach refusals
    });

    it('the hand-written cases: schema and engine agree', () => {
      let cases: { subject?: { input: Json }; subjects?: { input: Json }[] }[] = [];
      try { cases = JSON.parse(readFileSync(file.replace(/\.kaohe$/, '.cases.json'), 'utf8')).cases; } catch { return; }
      for (const c of cases) for (const s of [...(c.subject ? [c.subject] : []), ...(c.subjects ?? [])]) {
        expect(verdict(s.input), disagree(s.input)).toBe(engineAccepts(s.input));
      }
    });

    it('every element type has its words; zh words differ from en', () => {
      const zh = inputSchema(prepared, 'zh');
      expect(JSON.stringify(zh)).not.toBe(JSON.stringify(schema));
      expect(ajv.validateSchema(zh)).toBe(true);
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      for (const f of plan.contract) expect(schema.properties).toHaveProperty([f.name]);
    });
  });
}
