// What the rounds need to know about a scheme version, as the engine's PreparedScheme says it
// (engine/api.ts — the server's only view of the engine): its period kind and precision, its
// top-level input fields (which have defaults, which the server fills — `results of` / `past`,
// issue 14 — and the periods each of those reads), the input field its `cohort by` names (the roster
// unit fills it), and a validator for parts of an input. Indexed once per version hash.

import type { PeriodKind } from '../../dsl/dates.js';
import type { EngineApi, EvalError, PreparedFill, PreparedInput, PreparedScheme } from '../../engine/api.js';

/** A field the server fills from stored results (`scheme`: the source scheme's name; `past`: the
 * round's own scheme; `related`: `subjectField` names the input holding the related subject's id —
 * fill-related.ts). */
export type FillSpec = PreparedFill;

export type FieldInfo = PreparedInput;

export interface SchemeInfo {
  periodKind?: PeriodKind;
  precision: number;
  fields: FieldInfo[];
  byName: Map<string, FieldInfo>;
  /** The input field `cohort by` names, when it is a bare input name. */
  cohortField?: string;
  /** Checks the values of the given fields only (a part), paths under `prefix`. */
  validate: (input: Record<string, unknown>, prefix: string) => EvalError[];
  /** The periods a filled field reads in the round's period, oldest first ([] when it cannot tell). */
  periods: (field: string, period: string) => string[];
}

const cache = new Map<string, SchemeInfo>();

/** The info of a prepared version (cached by its hash). */
export function schemeInfo(engine: EngineApi, prepared: PreparedScheme): SchemeInfo {
  const hit = cache.get(prepared.hash);
  if (hit) return hit;
  const fields = prepared.inputs;
  const info: SchemeInfo = {
    periodKind: prepared.periodKind as PeriodKind | undefined,
    precision: prepared.precision,
    fields,
    byName: new Map(fields.map((f) => [f.name, f])),
    cohortField: prepared.cohortField,
    validate: (input, prefix) => engine.validatePart(prepared, input, prefix),
    periods: (field, period) => engine.periodsOf(prepared, field, period) ?? [],
  };
  if (cache.size > 500) cache.clear();
  cache.set(prepared.hash, info);
  return info;
}
