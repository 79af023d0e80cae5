// What a what-if runs against, read for the worker (job.ts): the round's current revision as its
// export shows it (rounds/export.ts, `kaohe.round-export/1`: round, scheme, roster, the inputs the
// revision ran on, its result) — but as the stored texts, not parsed here. Building the whole export
// on the event loop (parse the inputs, stringify 8.8 MB) took 0.5–1 s for 10,000 people, and eight
// what-ifs at once held /healthz for 4.7 s; the worker parses and assembles it (roundAgainst) off
// the loop. Only callers who see every unit run a what-if, so nothing is scoped.

import type { RoundAgainst } from '../../simulate/index.js';
import type { RoundRow } from '../db/schema.js';
import type { Sql } from '../store/types.js';

/** The stored pieces of the export: `display`, `inputs` and `result` as their JSON texts. */
export interface AgainstParts {
  round: RoundAgainst['round'];
  scheme: RoundAgainst['scheme'];
  members: { id: string; unit: string | null; status: 'take' | 'absent' | 'ungraded'; countsInBase: number; display: string | null }[];
  inputs: string;
  result: string;
}

const META = `
    select r.id, r.name, r.status, r.period, r.unit, r.revision, s.name as scheme, v.n as version, v.hash
    from rounds r join schemes s on s.id = r.scheme_id join scheme_versions v on v.id = r.version_id
    where r.id = ?`;
const MEMBERS = `
    select subject_id as id, unit, status, counts_in_base as "countsInBase", display
    from round_members where round_id = ? order by position`;
const REVISION = 'select inputs, result from revisions where round_id = ? and n = ?';

type Meta = { id: string; name: string | null; status: string; period: string; unit: string | null; revision: number; scheme: string; version: number; hash: string };

export async function againstParts(sql: Sql, round: Pick<RoundRow, 'id' | 'revision'>): Promise<AgainstParts> {
  const meta = (await sql.get<Meta>(META, [round.id]))!;
  const members = await sql.all<AgainstParts['members'][number]>(MEMBERS, [round.id]);
  const revision = (await sql.get<{ inputs: string; result: string }>(REVISION, [round.id, meta.revision]))!;
  return {
    round: { id: meta.id, name: meta.name, period: meta.period, unit: meta.unit, status: meta.status, revision: meta.revision },
    scheme: { id: meta.scheme, version: meta.version, hash: meta.hash },
    members, inputs: revision.inputs, result: revision.result,
  };
}

/** The export's `round`, `scheme`, `members`, `inputs` and `result`, as rounds/export.ts makes them. */
export function roundAgainst(parts: AgainstParts): RoundAgainst {
  const stored = JSON.parse(parts.inputs) as { subjects: { id: string; input: Record<string, unknown>; decision?: RoundAgainst['inputs'][number]['decision'] }[] };
  return {
    round: parts.round,
    scheme: parts.scheme,
    members: parts.members.map((m) => ({ id: m.id, unit: m.unit, status: m.status, countsInBase: m.countsInBase === 1, display: m.display === null ? null : JSON.parse(m.display) })),
    inputs: stored.subjects.map((x) => ({ subject: x.id, input: x.input, decision: x.decision ?? null })),
    result: JSON.parse(parts.result),
  };
}
