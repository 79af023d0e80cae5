// Idempotency-Key: a retry returns the first answer without storing twice. Within this process a
// second request with a key still in flight waits for the first one's answer (so two concurrent
// retries evaluate once; a different request with the key is refused once the first is answered);
// across processes the unique index (token, key) decides, and the loser returns the winner's stored
// answer (see service.ts).

import type { Locale } from '../../dsl/i18n/index.js';
import { conflict } from '../errors.js';
import { M } from '../messages.js';

/** An evaluation's answer: `json` is the response body's text — the stored result with its
 * `evaluationId` — built from the same text that was stored, so it is serialized once; `lang` is
 * the language its words were made in (a replay answers in the first request's). */
export interface Answer {
  status: 200 | 201; evaluationId: string; json: string; replayed: boolean; lang: Locale;
  /** `json` in UTF-8, when the result was stored from bytes (service.ts): the answer is written
   * without encoding the text again. */
  bytes?: Buffer;
}

/** The stored result text (a JSON object) with `evaluationId` added as its last member. */
export const withEvaluationId = (resultJson: string, id: string): string =>
  `${resultJson.slice(0, resultJson.lastIndexOf('}'))}${idMember(resultJson, id)}`;

/** withEvaluationId on the result's UTF-8 bytes (`resultJson` is their text): the same answer's bytes. */
export const withEvaluationIdBytes = (result: Buffer, resultJson: string, id: string): Buffer =>
  Buffer.concat([result.subarray(0, result.lastIndexOf(0x7d /* } */)), Buffer.from(idMember(resultJson, id))]);

/** What replaces the result's closing brace. */
const idMember = (resultJson: string, id: string) => `${resultJson.trimEnd() === '{}' ? '' : ','}"evaluationId":${JSON.stringify(id)}}`;

export class InFlight {
  private readonly pending = new Map<string, { requestHash: string; answer: Promise<Answer> }>();

  /** Runs `work` unless the same key is in flight, in which case it shares that answer. */
  async run(tokenId: number, key: string, requestHash: string, work: () => Promise<Answer>): Promise<Answer> {
    const k = `${tokenId}\u0000${key}`;
    const running = this.pending.get(k);
    if (running) {
      if (running.requestHash !== requestHash) {
        // The commit decides which request the key belongs to, not who came first here: another server
        // may have stored this very request under the key while a different one is in flight here
        // (trial X14). That one answered: the key is its — 409; it failed: this one goes on its own.
        if (await running.answer.then(() => true, () => false)) throw reusedKey();
        return this.run(tokenId, key, requestHash, work);
      }
      const first = await running.answer;
      return { ...first, status: 200, replayed: true };
    }
    const answer = work();
    this.pending.set(k, { requestHash, answer });
    try {
      return await answer;
    } finally {
      this.pending.delete(k);
    }
  }
}

export const reusedKey = () =>
  conflict('idempotency_key_reused', M.keyReused());
