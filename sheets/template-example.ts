// The template's example row left in a filled roster (user trial U4, MED-4). `kaohe template` writes
// one example person on row 2 and its notes say to write over or delete it; left in, it is evaluated
// as a person, enters its unit's quota base and can take a quota place. Warning, not refusing: the
// row is a valid person as far as the scheme can tell, and a scheme's example may be a real case; but
// it is never silent — the roster gets a notice naming the row (the command line prints notices on
// standard error; the editor shows them with the batch).
//
// The example is found as the template writes it, in both languages, read back by roster.ts: a
// subject with the same id and the same input is the example.

import type { SubjectInput } from '../engine/api.js';
import type { Contract } from '../dsl/service/index.js';
import type { Locale } from '../dsl/i18n/index.js';
import { M } from './messages.js';
import { notice, type SheetNotice } from './problems.js';
import { readRoster } from './roster.js';
import { buildTemplate } from './template.js';

const LOCALES: Locale[] = ['zh', 'en'];

/** The template's example subject in each language (as a filled template reads back). */
async function templateExamples(contract: Contract): Promise<SubjectInput[]> {
  const out: SubjectInput[] = [];
  for (const locale of LOCALES) {
    const sheet = buildTemplate(contract, locale).sheets[0];
    const rows = [{ row: 1, cells: sheet.columns.map((c) => c.header) }, { row: 2, cells: sheet.rows[0] }];
    const roster = await readRoster(rows, contract.fields, { grades: contract.grades, committee: !!contract.committee });
    if (roster.subjects[0]) out.push(roster.subjects[0]);
  }
  return out;
}

/** JSON with each object's keys in order: two inputs read from columns in another order are equal. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x)
    ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : x));
}

/** A check for subjects as they are read: the notice for the template's example, once, naming its row. */
export async function exampleWatch(contract: Contract): Promise<(subject: SubjectInput, row: number | undefined) => SheetNotice | undefined> {
  const examples = (await templateExamples(contract)).map((s) => ({ id: s.id, input: canonical(s.input) }));
  const ids = new Set(examples.map((x) => x.id));
  let said = false;
  return (subject, row) => {
    if (said || !ids.has(subject.id)) return undefined;
    const input = canonical(subject.input);
    if (!examples.some((x) => x.id === subject.id && x.input === input)) return undefined;
    said = true;
    return notice(M.exampleRowLeft({ row: row ?? '?', id: subject.id }));
  };
}
