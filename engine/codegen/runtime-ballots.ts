// `rate` of a panel with criteria (ballots) for the generated programs (issue 16; `R`
// inside their source, index.ts merges it): engine/ballots.ts's score without its traces, on exact
// fractions of safe integers through runtime.ts's checked helpers (a value leaving them bails, and the
// closures engine, the reference, decides). For each category c and criterion e: the ratings of e in
// c (input order), `min` counted before trimming, trimmed per criterion or by whole ballots, averaged
// → m(c, e); s(e) = Σ_c w_c·m(c, e) over the categories that have it, renormalized or with the
// missing ones as 0; score = Σ_e v_e·s(e). A category missing under `missing error` and a criterion
// no category rates (KH-E014/13) bail: the reference writes those errors. Ratings are validated numbers; their order
// as doubles is their exact values' order (each reads back as the double's shortest decimal).

import { add, bail, cmp, div, F, mul, num, rated } from './runtime.js';

/** A panel's settings as `ballots` reads them (emit-forms.ts declares one per panel use). */
export interface BallotSpec {
  cats: { name: string; wn: number; wd: number; min: number; proto?: boolean }[];
  crits: { name: string; vn: number; vd: number; proto?: boolean }[];
  trim?: { count: number; atLeast: number; perBallot: boolean };
  zero: boolean; // `missing zero`; else renormalize
  error: boolean; // `missing error`: a missing category bails (the reference reports KH-E014)
}

const trims = (t: BallotSpec['trim'], n: number): boolean => !!t && n >= t.atLeast && n > 2 * t.count;

// scratch, reused by every call (no allocation per subject beyond the sort's)
const rs: number[] = [];
const totals: { i: number; n: number; d: number }[] = [];
const kept: boolean[] = [];
let sN: number[] = [], sD: number[] = [], wN: number[] = [], wD: number[] = [];

/** The ballot total Σ v_e·r_e / Σ v_e over the criteria it rates, into F. */
function ballotMean(b: Record<string, unknown>, spec: BallotSpec): void {
  let n = 0, d = 1, wn = 0, wd = 1;
  for (const c of spec.crits) {
    const r = rated(b, c.name, c.proto);
    if (r === undefined) continue;
    num(r); mul(F.n, F.d, c.vn, c.vd); add(n, d, F.n, F.d); n = F.n; d = F.d;
    add(wn, wd, c.vn, c.vd); wn = F.n; wd = F.d;
  }
  if (wn === 0) { F.n = 0; F.d = 1; return; }
  div(n, d, wn, wd);
}

/** Marks in `kept` the ballots `per ballot` trimming keeps (ballots.ts keptBallots). */
function keep(list: Record<string, unknown>[], spec: BallotSpec): void {
  kept.length = list.length;
  kept.fill(true);
  const t = spec.trim;
  if (!t?.perBallot || !trims(t, list.length)) return;
  totals.length = 0;
  for (let i = 0; i < list.length; i++) { ballotMean(list[i], spec); totals.push({ i, n: F.n, d: F.d }); }
  totals.sort((a, b) => cmp(a.n, a.d, b.n, b.d) || a.i - b.i); // stable: ties in input order
  for (let k = 0; k < t.count; k++) { kept[totals[k].i] = false; kept[totals[totals.length - 1 - k].i] = false; }
}

/** The mean of `rs` (doubles read exactly) with `k` dropped at each end, into F. */
function meanOf(k: number): void {
  if (k > 0) rs.sort((a, b) => a - b);
  let n = 0, d = 1;
  for (let i = k; i < rs.length - k; i++) { num(rs[i]); add(n, d, F.n, F.d); n = F.n; d = F.d; }
  div(n, d, rs.length - 2 * k, 1);
}

/** `rate` of ballots `obj` (category → list of ballots) into F. */
export function ballots(obj: Record<string, unknown>, spec: BallotSpec): void {
  const E = spec.crits.length;
  if (sN.length < E) { sN = new Array(E); sD = new Array(E); wN = new Array(E); wD = new Array(E); }
  for (let j = 0; j < E; j++) { sN[j] = 0; sD[j] = 1; wN[j] = 0; wD[j] = 1; }
  const t = spec.trim;
  for (const c of spec.cats) {
    const list = (rated(obj, c.name, c.proto) ?? []) as Record<string, unknown>[];
    keep(list, spec);
    for (let j = 0; j < E; j++) {
      const e = spec.crits[j];
      let count = 0;
      rs.length = 0;
      for (let i = 0; i < list.length; i++) {
        const r = rated(list[i], e.name, e.proto);
        if (r === undefined) continue;
        count++;
        if (kept[i]) rs.push(r as number);
      }
      if (count === 0 || count < c.min) { // missing for e
        if (spec.error) bail('KH-E014');
        if (spec.zero) { add(wN[j], wD[j], c.wn, c.wd); wN[j] = F.n; wD[j] = F.d; }
        continue;
      }
      meanOf(t && !t.perBallot && trims(t, count) ? t.count : 0);
      mul(F.n, F.d, c.wn, c.wd); add(sN[j], sD[j], F.n, F.d); sN[j] = F.n; sD[j] = F.d;
      add(wN[j], wD[j], c.wn, c.wd); wN[j] = F.n; wD[j] = F.d;
    }
  }
  let n = 0, d = 1;
  for (let j = 0; j < E; j++) {
    if (wN[j] === 0) { if (!spec.zero) bail('KH-E013'); continue; } // zero: s(e) = 0
    div(sN[j], sD[j], wN[j], wD[j]);
    mul(F.n, F.d, spec.crits[j].vn, spec.crits[j].vd);
    add(n, d, F.n, F.d); n = F.n; d = F.d;
  }
  F.n = n; F.d = d;
}
