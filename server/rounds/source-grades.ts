// A `results of … grades ENUM` input (a roll-up or a related subject, issue 14) reads the source
// scheme's grades as members of ENUM; a source grade ENUM lacks would fail every evaluate at run
// time (KH-E052 at an internal path, advising to "write null" in a field the server fills). The
// server knows the source scheme (by name, in the round's organization), so it refuses such a round
// when it is created and again when it is evaluated — the source may have published a new version
// with other grades since: 422 at `scheme`, naming the input, the enum, the source version and the
// grades missing.

import type { ServerCtx } from '../context.js';
import { ApiError, said } from '../errors.js';
import { findScheme, latestPublished } from '../schemes/store.js';
import { GR } from './source-grades-messages.js';
import type { SchemeInfo } from './scheme-info.js';
import { versionScheme } from './version-scheme.js';

export interface GradeMismatch { field: string; enum: string; scheme: string; version: number; missing: string[] }

/** The `grades ENUM` inputs whose enum lacks a grade of the source scheme's newest published version
 * (a source the organization lacks, or without a published version, is not judged here). */
async function gradeMismatches(ctx: ServerCtx, orgId: number, info: SchemeInfo): Promise<GradeMismatch[]> {
  const out: GradeMismatch[] = [];
  for (const f of info.fields) {
    const fill = f.fill;
    if (!fill?.grades || fill.form === 'past') continue;
    const source = await findScheme(ctx.store, orgId, fill.scheme);
    const v = source && (await latestPublished(ctx.store, source.id));
    if (!v) continue;
    // Prepared in a worker when longer than the event loop prepares (version-scheme.ts).
    const prepared = await versionScheme(ctx, { id: v.id, hash: v.hash, n: v.n, owner: orgId });
    if ('errors' in prepared) continue;
    const members = new Set(fill.grades.members);
    const missing = (prepared.scheme.gradeNames ?? []).filter((g) => !members.has(g));
    if (missing.length > 0) out.push({ field: f.name, enum: fill.grades.enum, scheme: fill.scheme, version: v.n, missing });
  }
  return out;
}

/** 422 `source_grades_mismatch` at `scheme` when a `grades ENUM` input cannot hold the source's grades. */
export async function refuseGradeMismatches(ctx: ServerCtx, orgId: number, info: SchemeInfo): Promise<void> {
  const found = await gradeMismatches(ctx, orgId, info);
  if (found.length === 0) return;
  const msgOf = (m: GradeMismatch) => GR.sourceGradesMissing({ field: m.field, enum: m.enum, scheme: m.scheme, n: String(m.version), grades: m.missing.map((x) => GR.quoted({ x })) });
  const details = found.map((m) => ({ path: 'scheme', code: 'source_grades_mismatch', input: m.field, source: m.scheme, missing: m.missing, ...said(msgOf(m)) }));
  throw new ApiError(422, 'source_grades_mismatch', msgOf(found[0]), details);
}
