// Turns of the event loop inside a long pass over a request's people (a roster or an inputs upload
// of 10,000: hostile H6 F5 measured 1.1–2 s of /healthz waiting). The pass runs inside its round's
// lock (rounds/lock.ts), so nothing of the same round moves meanwhile; every few hundred people it
// lets the loop serve other requests (setImmediate: after the pending I/O), so no one waits for the
// whole pass; and it turns between the stages of the request (loopTurn). What must be atomic — the
// write — stays one synchronous transaction after the pass. (An `await` of a settled promise is no
// turn: microtasks run before any I/O or timer.)

/** People handled between two turns: a few milliseconds of checks each. */
export const PEOPLE_PER_TURN = 500;

/** A text this long (UTF-16 units) — a request body, a big evaluation's stored input and result — is
 * worth a turn of the event loop of its own (user trial U7-15: ≈ 700 province subjects). */
export const BIG_TEXT_CHARS = 256 * 1024;

/** One turn of the loop: other requests' I/O and timers run before the caller goes on (between the
 * stages of a big upload — parse, checks, the write, the answer — each a piece of its own). */
export const loopTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Calls `each` for every item in order, letting the loop turn every `per` items. */
export async function inTurns<T>(items: readonly T[], each: (item: T, i: number) => void, per = PEOPLE_PER_TURN): Promise<void> {
  for (let i = 0; i < items.length; i++) {
    if (i > 0 && i % per === 0) await loopTurn();
    each(items[i], i);
  }
}
