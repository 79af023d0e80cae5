// The server's resource limits in one place: how large a scheme source may be, how many problems a
// response lists, how much memory the prepared-scheme cache may hold, how long language work and a
// cohort may run. Each is a createApp option (AppOptions) with the default below, so that no
// request — however large or broken its body — can exhaust the process's memory or hold the event
// loop: a 1.8 MB source of 900,000 stray `@` gave 900,000 diagnostics (180 MB of JSON, 10–18 s) and
// its failed preparation, cached, kept ≈350 MB per request until the 13th killed the process.

import type { Msg } from '../dsl/i18n/index.js';
import { ApiError, MAX_DETAILS, omittedEntry, said } from './errors.js';
import { M } from './messages.js';

/** Largest scheme source, in UTF-8 bytes (as stored). The largest scheme the benchmarks generate,
 * 10,000 indicators (`generateScheme(10000)`, bench/gen-scheme.ts), has 1,089,849 bytes. */
export const DEFAULT_MAX_SOURCE_BYTES = 1536 * 1024;

/** Most diagnostics (or example outcomes) a response lists; the rest are counted in `omitted`.
 * The same number as MAX_DETAILS (errors.ts), the cap on an error body's details. */
export const MAX_LISTED = MAX_DETAILS;

/** Memory the prepared-scheme cache may hold, estimated (prepared.ts). */
export const DEFAULT_PREPARED_CACHE_BYTES = 256 * 1024 * 1024;

/** Wall-clock time one job of the language workers may run: analyze, format, examples or the
 * publish check. A backstop, not the expected cost: a check of the 10,000-indicator scheme takes
 * 0.6–1.4 s on a 2-core machine under load, its preparation with the examples about as long, and
 * wall-clock time stretches 3–5× when the machine is that busy (a load of 12 made 2 s of analysis
 * last over 5 s). */
export const DEFAULT_LANG_BUDGET_MS = 10_000;

/** Time a cohort may take per subject, and at most in all. The evaluate path runs in-process (it
 * needs the compiled closures), so these bound how long one cohort holds the event loop:
 * the province scheme takes ≈0.1 ms a subject, the 10,000-indicator one ≈33 ms (≈67 with explain). */
export const DEFAULT_COHORT_MS_PER_SUBJECT = 100;
export const DEFAULT_COHORT_MAX_MS = 10_000;

/** Most subjects in one cohort request. The time budget bounds evaluating a cohort, not building,
 * serializing and storing its result, which also run on the event loop: an audit froze /healthz for
 * over 30 s with eight concurrent cohorts of 62,000 one-indicator subjects (31 MB results each).
 * 10,000 people is a large department's whole annual round; beyond it, split the batch. */
export const DEFAULT_MAX_COHORT_SUBJECTS = 10_000;

/** Cohorts of at least this many subjects are evaluated in a language worker, off the event loop
 * (server/evaluations/cohort-job.ts); smaller ones in-process, where a worker round trip would cost
 * more than the evaluation (a 200-subject cohort of the province scheme is ≈ 20 ms). */
export const DEFAULT_COHORT_OFF_LOOP_SUBJECTS = 200;

/** Longest source, in UTF-16 units, the event loop prepares itself for an evaluation; a longer one
 * not already cached is prepared and evaluated in a language worker (prepared.ts). Preparing costs
 * ≈ 2 µs of CPU a character (measured 17:00, load 17–21: the reference schemes, ≤ 18,000 characters,
 * 3–33 ms; generated ones of 45,000 and 139,000 characters 102 and 268 ms; the 1.46 MB one of hostile
 * H5 F9 2.4 s — and 4–8 s of a stalled server under load). At this bound a miss holds the loop for
 * ≈ 70 ms at most, once, while every reference scheme stays on the fast path. */
export const DEFAULT_MAIN_PREPARE_MAX_CHARS = 32_768;

export interface Limits {
  maxSourceBytes: number;
  preparedCacheBytes: number;
  langBudgetMs: number;
  cohortMsPerSubject: number;
  cohortMaxMs: number;
  maxCohortSubjects: number;
  cohortOffLoopSubjects: number;
  mainPrepareMaxChars: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxSourceBytes: DEFAULT_MAX_SOURCE_BYTES,
  preparedCacheBytes: DEFAULT_PREPARED_CACHE_BYTES,
  langBudgetMs: DEFAULT_LANG_BUDGET_MS,
  cohortMsPerSubject: DEFAULT_COHORT_MS_PER_SUBJECT,
  cohortMaxMs: DEFAULT_COHORT_MAX_MS,
  maxCohortSubjects: DEFAULT_MAX_COHORT_SUBJECTS,
  cohortOffLoopSubjects: DEFAULT_COHORT_OFF_LOOP_SUBJECTS,
  mainPrepareMaxChars: DEFAULT_MAIN_PREPARE_MAX_CHARS,
};

/** 413 `cohort_too_large` before anything is evaluated. */
export function limitCohort(subjects: number, max: number): void {
  if (subjects <= max) return;
  throw new ApiError(413, 'cohort_too_large', M.cohortTooLarge({ subjects, max }), [
    { path: 'subjects', ...said(M.atMostSubjects({ max })), subjects, limit: max },
  ]);
}

/** The source itself, or 413 `source_too_large` naming the limit. Every route that accepts a
 * source calls it before any language work: check, format, examples, create, draft. */
export function limitSource(source: string, maxBytes: number): string {
  // A UTF-8 byte is at most one UTF-16 unit: most sources are decided without counting.
  if (source.length <= maxBytes / 3) return source;
  const bytes = Buffer.byteLength(source, 'utf8');
  if (bytes <= maxBytes) return source;
  throw new ApiError(413, 'source_too_large', M.sourceTooLarge({ bytes, max: maxBytes }), [
    { path: 'source', ...said(M.atMostBytes({ max: maxBytes })), bytes, limit: maxBytes },
  ]);
}

/** A list cut to `max` entries and how many were left out. */
export interface Capped<T> { items: T[]; omitted: number }

/** At most `max` items, the `first` ones preferred (errors before warnings, failing examples before
 * passing ones), each kept in its original order: a capped list still says whether it holds an error. */
export function capList<T>(items: readonly T[], max: number = MAX_LISTED, first: (item: T) => boolean = () => true): Capped<T> {
  if (items.length <= max) return { items: [...items], omitted: 0 };
  const keep = new Uint8Array(items.length);
  let n = 0;
  for (let i = 0; i < items.length && n < max; i++) if (first(items[i])) (keep[i] = 1), n++;
  for (let i = 0; i < items.length && n < max; i++) if (!keep[i]) (keep[i] = 1), n++;
  return { items: items.filter((_, i) => keep[i] === 1), omitted: items.length - max };
}

/** `{ omitted }` when something was left out, else nothing: spread into a response body, so a
 * response that lists everything keeps its former shape. */
export const omittedField = (omitted: number): { omitted?: number } => (omitted > 0 ? { omitted } : {});

/** Error-body details from a capped list: when some were left out, at most MAX_DETAILS - 1 of the
 * items (the `first` ones preferred) and one last entry counting the rest — the form errors.ts
 * gives a list it caps itself, and no longer than it lets through. */
export function withOmitted<T>(items: readonly T[], omitted: number, first?: (item: T) => boolean): unknown[] {
  if (omitted === 0) return [...items];
  const kept = capList(items, MAX_DETAILS - 1, first);
  const rest = omitted + kept.omitted;
  return [...kept.items, omittedEntry(rest)];
}

/** 503 `budget_exceeded`: the work did not fit its time or memory budget and was stopped. A 503,
 * not a 4xx: whether it fits depends on the server's load and configuration as much as on the
 * request. Nothing was stored. */
export const budgetExceeded = (msg: Msg, details: unknown[] = []) => new ApiError(503, 'budget_exceeded', msg, details);

/** 503 `busy`: the language workers' queue is full; retry shortly. */
export const langBusy = () => new ApiError(503, 'busy', M.langBusy(), [], { 'Retry-After': '1' });
