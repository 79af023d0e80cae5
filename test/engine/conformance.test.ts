// Conformance: EVERY case of the reference schemes' *.cases.json, every expected value exactly —
// through each backend (issue 16): the closures engine (the reference) and the compiled one.

import { describe, expect, it } from 'vitest';
import type { EvalOptions, SubjectResult } from '../../engine/api.js';
import { evaluate, evaluateCohort } from '../../engine/index.js';
import { exampleNames, loadCases, loadExample } from './helpers.js';

type Json = Record<string, unknown>;

/** The fields the cases compare, projected from a result (§12) in the cases' shape. */
function project(result: SubjectResult, want: Json): Json {
  const out: Json = {};
  for (const k of Object.keys(want)) {
    switch (k) {
      case 'actions': out[k] = [...result.actions].sort(); break;
      case 'indicators': case 'groups':
        out[k] = Object.fromEntries(result[k].map((x) => [x.id, x.score]));
        break;
      case 'negative': out[k] = result.negative.map((x) => x.item); break;
      default: out[k] = result[k as keyof SubjectResult];
    }
  }
  return out;
}
const normalize = (want: Json): Json => ('actions' in want ? { ...want, actions: [...(want.actions as string[])].sort() } : want);

for (const backend of ['closures', 'compiled'] as const) for (const name of exampleNames()) {
  const opts: EvalOptions = { backend };
  describe(`conformance (${backend}): ${name}`, () => {
    const { scheme } = loadExample(name);
    for (const c of loadCases(name)) {
      it(c.name, async () => {
        if (c.expectErrors) {
          const r = await evaluate(scheme, c.subject!, opts);
          expect(r.ok).toBe(false);
          if (r.ok) return;
          const paths = r.errors.map((e) => e.path);
          for (const p of c.expectErrors) expect(paths, `an error at ${p}`).toContain(p);
          return;
        }
        if (c.subject) {
          const r = await evaluate(scheme, c.subject, opts);
          if (!r.ok) throw new Error(JSON.stringify(r.errors));
          expect(project(r.value, c.expect!)).toEqual(normalize(c.expect!));
          return;
        }
        const r = await evaluateCohort(scheme, c.subjects!, opts);
        if (!r.ok) throw new Error(JSON.stringify(r.errors));
        const byId = new Map(r.value.results.map((x) => [x.subject, x]));
        expect(r.value.results.map((x) => x.subject)).toEqual(c.subjects!.map((s) => s.id)); // input order
        for (const [id, want] of Object.entries(c.expect as Record<string, Json>)) {
          const got = byId.get(id);
          expect(got, id).toBeDefined();
          expect({ id, ...project(got!, want) }).toEqual({ id, ...normalize(want) });
          expect(got!.provisional).toBe(false);
        }
        for (const [key, want] of Object.entries(c.cohorts!)) {
          const co = r.value.cohorts.find((x) => x.key === key);
          expect(co, `cohort ${key}`).toBeDefined();
          const q = co!.quotas.filter((x) => x.grade in want.quota);
          expect({ key, size: co!.size, base: q[0]?.base, quota: Object.fromEntries(q.map((x) => [x.grade, x.limit])), admitted: q[0]?.admitted })
            .toEqual({ key, ...want });
        }
      });
    }
  });
}
