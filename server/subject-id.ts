// The API's subject id: one zod type for every route that takes a person's id into storage or an
// evaluation (evaluate, a round's roster and inputs, the results import, /subjects/:id), checked by
// the rule every way in shares (engine/subject-id.ts idFlaw — also the CLI's and the library's
// cohort check): 1–200 UTF-16 units, well-formed, no control or invisible character, no space at
// either end or other than U+0020 inside, composed (NFC). Refused, never cleaned (hostile H6 F14:
// `B1`, `B1 ` and `B1`+U+200B were three people); the 400's detail is at the id's path, in the
// reader's language (zod-issues.ts ownWords).

import { z } from '@hono/zod-openapi';
import { idFlaw, MAX_ID_CHARS } from '../engine/subject-id.js';
import { ownWords } from './zod-issues.js';

/** Whether a text is a valid subject id (for paths that check without zod). */
export const isSubjectIdText = (s: string): boolean => idFlaw(s) === undefined;

/** A subject id as the API takes it (a new zod type per use: `.openapi()` on it stays local). */
export const subjectIdSchema = () =>
  z.string().min(1).max(MAX_ID_CHARS).superRefine((s, ctx) => {
    const flaw = idFlaw(s);
    if (flaw) ctx.addIssue({ code: 'custom', message: ownWords(flaw) });
  });
