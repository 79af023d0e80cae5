// The rules a roster is read with, made from the scheme's contract: its grades and whether it is
// `by committee` (the decision columns, decisions.ts), and the template's example person (user trial
// U4, MED-4). `kaohe template` writes one example person on row 2 and its notes say to write over or
// delete it; left in, it is evaluated as a person, enters its unit's quota base and can take a quota
// place. Warning, not refusing: the row is a valid person as far as the scheme can tell, and a
// scheme's example may be a real case; but it is never silent — roster.ts gives the roster a notice
// naming the row, wherever it is read (the command line prints notices on standard error, the
// editor's cohort panel and round inputs show them with the batch).
//
// The example is found as the template writes it, in both languages, read back by roster.ts: a
// subject with the same id and the same input is the example (row-checks.ts isTemplateExample).

import type { Contract } from '../dsl/service/index.js';
import type { Locale } from '../dsl/i18n/index.js';
import { readRoster, type RosterRules } from './roster.js';
import { canonicalInput, type TemplateExample } from './row-checks.js';
import { buildTemplate } from './template.js';

const LOCALES: Locale[] = ['zh', 'en'];

/** What a roster of this scheme is read with (readRoster, streamRoster, the file readers). */
export async function rosterRules(contract: Contract): Promise<RosterRules> {
  const decisions = { grades: contract.grades, committee: !!contract.committee };
  return { ...decisions, examples: await templateExamples(contract, decisions) };
}

/** The template's example subject in each language (as a filled template reads back). */
async function templateExamples(contract: Contract, decisions: RosterRules): Promise<TemplateExample[]> {
  const out: TemplateExample[] = [];
  for (const locale of LOCALES) {
    const sheet = buildTemplate(contract, locale).sheets[0];
    const rows = [{ row: 1, cells: sheet.columns.map((c) => c.header) }, { row: 2, cells: sheet.rows[0] }];
    const example = (await readRoster(rows, contract.fields, decisions)).subjects[0];
    if (example) out.push({ id: example.id, input: canonicalInput(example.input) });
  }
  return out;
}
