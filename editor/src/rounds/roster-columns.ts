// A roster's columns that are inputs of the round's scheme (user trial U6 H-1): an HR export uploaded
// as the roster carries 受党纪处分, 缺勤天数…; kept as display only, evaluate ran on their defaults and
// a vetoed person came out 称职, while `kaohe eval` read the same file's columns as inputs. Here the
// file is read a second time as the inputs upload reads it (sheet.ts readInputs: the same converter,
// its problems by row and column), against the scheme inputs the sender may give — never the `cohort
// by` field (the roster's 单位 is the unit) nor a field the server fills — and each member gets those
// columns as its `input`: PUT roster stores them with the roster, all or nothing, and answers which
// columns were taken (server/rounds/roster-parts.ts).

import type { Contract } from '../../../dsl/service/index.js';
import type { RosterRules } from '../../../sheets/index.js';
import type { RosterFile } from '../roster-input.js';
import type { RosterMember } from './api.js';
import { readInputs, type Read } from './sheet.js';

/** Field kinds the contract gives the fields the server fills (`results of`, `past`). */
const SERVER_FILLED: ReadonlySet<string> = new Set(['unknown', 'periodResults']);

/** `members` (as readMembers read `file`) with the scheme inputs among the file's columns as each
 * one's `input`; the read's problems (row and column) when a value does not read. */
export async function withRosterInputs(file: RosterFile, members: RosterMember[], c: Contract, rules: RosterRules): Promise<Read<RosterMember>> {
  const givable = c.fields.filter((f) => !f.results && !SERVER_FILLED.has(f.type.kind) && f.name !== c.cohortBy);
  if (givable.length === 0) return { ok: true, items: members, notices: [] };
  const read = await readInputs(file, givable, rules);
  if (!read.ok) return read;
  const inputs = new Map(read.items.filter((s) => Object.keys(s.input).length > 0).map((s) => [s.id, s.input]));
  return { ok: true, items: members.map((m) => (inputs.has(m.id) ? { ...m, input: inputs.get(m.id) } : m)), notices: [] };
}
