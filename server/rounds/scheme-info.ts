// What the rounds need to know about a scheme version, as the engine's PreparedScheme says it
// (engine/api.ts — the server's only view of the engine): its period kind and precision, its
// top-level input fields (which have defaults, which the server fills — `results of` / `past`,
// issue 14 — and the periods each of those reads), the input field its `cohort by` names (the roster
// unit fills it). Indexed once per version hash. (Parts of inputs are validated by version-scheme.ts
// validateParts, where the version was prepared.)

import type { PeriodKind } from '../../dsl/dates.js';
import type { EngineApi, PreparedFill, PreparedInput, PreparedScheme } from '../../engine/api.js';
import type { VersionScheme } from './version-scheme.js';

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
    periods: (field, period) => engine.periodsOf(prepared, field, period) ?? [],
  };
  if (cache.size > 500) cache.clear();
  cache.set(prepared.hash, info);
  return info;
}

/** The info of a version prepared on the loop or in a worker (then from its view: the periods of
 * the periods it was asked for — a round's own; any other is a bug, not a user's error). */
export function versionInfo(engine: EngineApi, v: VersionScheme): SchemeInfo {
  if ('local' in v) return schemeInfo(engine, v.local);
  const s = v.scheme;
  return {
    periodKind: s.periodKind as PeriodKind | undefined, precision: s.precision, fields: s.inputs,
    byName: new Map(s.inputs.map((f) => [f.name, f])), cohortField: s.cohortField,
    periods: (field, period) => {
      const of = v.periods[period];
      if (!of) throw new Error(`the periods of ${period} were not asked of the worker`);
      return of[field] ?? [];
    },
  };
}
