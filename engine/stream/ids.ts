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

export class IdCheck {
  readonly errors: EvalError[] = [];
  private seen = new TextSet(); // a million ids as strings in a Set: a million objects (texts.ts)
  stoppedAt?: number;

  constructor(private readonly max: number) {}

  /** Checks subject i's id; false once past `max` (then `stoppedAt` is set). */
  see(i: number, id: unknown): boolean {
    const text = typeof id === 'string' && id !== '';
    const flaw = text ? idFlaw(id) : undefined; // ../subject-id.ts: the API's rule
    if (this.errors.length === this.max && (!text || flaw || this.seen.has(id))) { this.stoppedAt = i; return false; }
    const at = `subjects[${i}]`, path = `${at}.id`;
    if (!text) this.errors.push(evalError('KH-E008', M.subjectNeedsId({ at }), { path }));
    else if (flaw) this.errors.push(evalError('KH-E008', M.at({ path, what: flaw }), { path }));
    else if (!this.seen.add(id)) this.errors.push(evalError('KH-E008', M.duplicateId({ at, id }), { path, subject: id }));
    return true;
  }

  /** Forgets the ids (once pass 1 succeeded: pass 2 does not check them; a million ids are ≈ 50 MB). */
  release(): void { this.seen = new TextSet(); }
}
