// The cohort's id check (batch.ts checkIds) one subject at a time: every subject needs a text id,
// valid (../subject-id.ts) and unique in the cohort. The in-memory batch checks every id before evaluating anyone; a stream sees
// them as they come, so the same errors are collected on the way and the caller orders them as the
// batch would (ids first). `stoppedAt`: the subject whose id problem went past `max` — the batch
// then reports the id errors alone.

import type { EvalError } from '../api.js';
import { evalError } from '../errors.js';
import { M } from '../messages.js';
import { idFlaw } from '../subject-id.js';
import { TextSet } from './texts.js';

/** What is wrong with one subject's id — none, not text, or not a valid id (../subject-id.ts: the
 * API's rule) — as an error at `path` (`at` names the subject); the one subject of `evaluate` is
 * checked with it too (../index.ts). */
export function idError(id: unknown, at: string, path: string): EvalError | undefined {
  // `at` empty: the one subject of `evaluate`, which no path names (U8-5: "subject：…" in zh)
  if (typeof id !== 'string' || id === '') return evalError('KH-E008', at ? M.subjectNeedsId({ at }) : M.oneSubjectNeedsId(), { path });
  const flaw = idFlaw(id);
  return flaw ? evalError('KH-E008', M.at({ path, what: flaw }), { path }) : undefined;
}

export class IdCheck {
  readonly errors: EvalError[] = [];
  private seen = new TextSet(); // a million ids as strings in a Set: a million objects (texts.ts)
  stoppedAt?: number;

  constructor(private readonly max: number) {}

  /** Checks subject i's id; false once past `max` (then `stoppedAt` is set). */
  see(i: number, id: unknown): boolean {
    // the common case first, without the texts an error needs (a million subjects: two strings each)
    if (this.errors.length < this.max && typeof id === 'string' && id !== '' && !idFlaw(id) && this.seen.add(id)) return true;
    const at = `subjects[${i}]`, path = `${at}.id`;
    const wrong = idError(id, at, path);
    if (this.errors.length === this.max && (wrong || this.seen.has(id as string))) { this.stoppedAt = i; return false; }
    if (wrong) this.errors.push(wrong);
    else if (!this.seen.add(id as string)) this.errors.push(evalError('KH-E008', M.duplicateId({ at, id: id as string }), { path, subject: id as string }));
    return true;
  }

  /** Forgets the ids (once pass 1 succeeded: pass 2 does not check them; a million ids are ≈ 50 MB). */
  release(): void { this.seen = new TextSet(); }
}
