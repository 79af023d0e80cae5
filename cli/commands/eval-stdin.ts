// A JSON-lines roster given as a .json input — `cat r.jsonl | kaohe eval S -`, `… /dev/stdin`, or a
// file of JSON lines saved as `.json` (user trial U7-4: it was parsed as one JSON text and refused
// with the parser's English, "Unexpected non-whitespace character after JSON at position 460").
// The text was read whole, within the .json cap (eval.ts MAX_TEXT_INPUT); when its first line is a
// subject `{"id", "input"}` and more lines follow, it is a roster of one subject a line. A roster is
// read twice by the streaming cohort, which a pipe cannot be, so the text is kept in a temporary file
// of this user's (0600, named as eval-litter.ts sweeps it, removed on a signal by
// engine/stream/litter.ts) and evaluated exactly as `kaohe eval S roster.jsonl`: the same results,
// the same problems by line.

import { rm, writeFile } from 'node:fs/promises';
import { track } from '../../engine/stream/index.js';
import { withoutBom } from '../../sheets/csv.js';
import { evalTempPath } from './eval-litter.js';

/** Whether `text` is JSON lines: a first line that is a subject on its own, and more lines after it.
 * A JSON document never is (its first line alone is no complete object unless it is the whole
 * document), so only the first line is parsed, not the whole text again. */
export function isJsonLinesText(text: string): boolean {
  const body = withoutBom(text);
  const start = body.search(/\S/);
  if (start < 0) return false;
  const nl = body.indexOf('\n', start);
  if (nl < 0 || body.slice(nl + 1).trim() === '') return false;
  try {
    const first: unknown = JSON.parse(body.slice(start, nl));
    return typeof first === 'object' && first !== null && !Array.isArray(first) && 'input' in first;
  } catch {
    return false;
  }
}

/** `text` in a temporary .jsonl file for `run`, removed after it (or on a signal); `unwritable`
 * answers when the temporary folder refuses the file (missing, full: eval-stream.ts cannotWriteTemp). */
export async function asRosterFile<T>(text: string, run: (path: string) => Promise<T>, unwritable: (e: NodeJS.ErrnoException) => T): Promise<T> {
  const path = evalTempPath('jsonl');
  const forget = track(path);
  try {
    try {
      await writeFile(path, text, { encoding: 'utf8', mode: 0o600 });
    } catch (e) {
      return unwritable(e as NodeJS.ErrnoException);
    }
    return await run(path);
  } finally {
    await rm(path, { force: true });
    forget();
  }
}
