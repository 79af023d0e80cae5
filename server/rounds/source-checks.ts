// Source checks at round creation (issue 14 part 2, hostile audit): a `results of` input whose
// source scheme can never give the round a result, or that makes two schemes wait on each other, is
// refused when the round is created (422 at `scheme`), not discovered round after round:
//
// - Period kind. `results of S for FIELD` (a related subject) reads S's result of the round's own
//   period, so S's period kind must be this scheme's (an annual scheme reading a quarterly 平时考核
//   never matches: `2026` is no quarter); `results of S UNIT` (a roll-up) reads S's UNIT periods, so
//   S's kind must be UNIT. Code `source_period_mismatch`. A source without a declared period kind, or
//   of a scheme without one, is not judged.
// - Cycles. If S (its newest published version) reads this scheme back — directly, or through a
//   chain of other schemes' `results of` (roll-up or related, never `past`, which reads earlier
//   periods) — the rounds never settle: finalizing or amending one makes the other out of date and
//   back. Code `source_cycle`, naming the chain. A scheme reading ITSELF is the checker's KH-C171
//   (it cannot be published).
// Sources the organization lacks, or without a published version, are judged elsewhere
// (refuseUnknownSources) or not at all (they may be published later: then the later round is refused).

import type { PeriodKind } from '../../dsl/dates.js';
import type { Msg } from '../../dsl/i18n/index.js';
import type { PreparedScheme } from '../../engine/api.js';
import type { ServerCtx } from '../context.js';
import { ApiError, said } from '../errors.js';
import { findScheme, latestPublished } from '../schemes/store.js';
import type { SchemeInfo } from './scheme-info.js';
import { SC } from './source-checks-messages.js';
import { versionScheme } from './version-scheme.js';

/** How far a chain of schemes is followed looking for this scheme again (a real one is short). */
const MAX_DEPTH = 8;

const KIND: Record<PeriodKind, () => Msg> = { annual: SC.annual, quarterly: SC.quarterly, monthly: SC.monthly, special: SC.special };

interface Source { n: number; prepared: PreparedScheme }

/** The newest published version of scheme `name` in the organization, prepared (cached by hash). */
async function sourceOf(ctx: ServerCtx, orgId: number, name: string, memo: Map<string, Source | null>): Promise<Source | null> {
  if (memo.has(name)) return memo.get(name)!;
  let out: Source | null = null;
  const scheme = await findScheme(ctx.store, orgId, name);
  const v = scheme && (await latestPublished(ctx.store, scheme.id));
  if (v) {
    // Prepared in a worker when longer than the event loop prepares (version-scheme.ts).
    const prepared = await versionScheme(ctx, { id: v.id, hash: v.hash, n: v.n, owner: orgId });
    if (!('errors' in prepared)) out = { n: v.n, prepared: prepared.scheme };
  }
  memo.set(name, out);
  return out;
}

/** The schemes a prepared scheme reads the results of (roll-up or related; not `past`), by name. */
const readsOf = (inputs: PreparedScheme['inputs']): string[] =>
  [...new Set(inputs.flatMap((f) => (f.fill && f.fill.form !== 'past' ? [f.fill.scheme] : [])))];

/** A chain from `from` back to `own` (scheme names, `from` first, `own` last), or undefined. */
async function chainBack(ctx: ServerCtx, orgId: number, own: string, from: string, memo: Map<string, Source | null>): Promise<string[] | undefined> {
  const seen = new Set<string>([from]);
  let paths: string[][] = [[from]];
  for (let depth = 0; depth < MAX_DEPTH && paths.length > 0; depth++) {
    const next: string[][] = [];
    for (const path of paths) {
      const s = await sourceOf(ctx, orgId, path[path.length - 1], memo);
      for (const name of s ? readsOf(s.prepared.inputs) : []) {
        if (name === own) return [...path, own];
        if (!seen.has(name)) { seen.add(name); next.push([...path, name]); }
      }
    }
    paths = next;
  }
  return undefined;
}

/** 422 at `scheme` (`source_period_mismatch`, `source_cycle`) for the round's `results of` inputs. */
export async function refuseSourceProblems(ctx: ServerCtx, orgId: number, own: string, info: SchemeInfo, period: string): Promise<void> {
  const memo = new Map<string, Source | null>();
  const details: { path: string; code: string; input: string; source: string; msg: Msg }[] = [];
  for (const f of info.fields) {
    const fill = f.fill;
    if (!fill || fill.form === 'past' || fill.scheme === own) continue;
    const s = await sourceOf(ctx, orgId, fill.scheme, memo);
    if (!s) continue;
    const kind = s.prepared.periodKind as PeriodKind | undefined;
    const want = fill.form === 'related' ? info.periodKind : fill.unit;
    if (kind && want && kind !== want) {
      const args = { field: f.name, scheme: fill.scheme, n: String(s.n), kind: KIND[kind]() };
      const msg = fill.form === 'related'
        ? SC.relatedKind({ ...args, own: KIND[want](), period })
        : SC.rollupKind({ ...args, unit: KIND[want]() });
      details.push({ path: 'scheme', code: 'source_period_mismatch', input: f.name, source: fill.scheme, msg });
      continue;
    }
    const chain = await chainBack(ctx, orgId, own, fill.scheme, memo);
    if (chain) {
      const msg = SC.cycle({ field: f.name, scheme: fill.scheme, path: [own, ...chain].join(' → ') });
      details.push({ path: 'scheme', code: 'source_cycle', input: f.name, source: fill.scheme, msg });
    }
  }
  if (details.length === 0) return;
  const codes = new Set(details.map((d) => d.code));
  const code = codes.size === 1 ? details[0].code : 'invalid_sources';
  throw new ApiError(422, code, details[0].msg, details.map(({ msg, ...d }) => ({ ...d, ...said(msg) })));
}
