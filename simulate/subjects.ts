// The inputs of a what-if: exactly what the round's current revision ran on (the export's `inputs`:
// merged parts, the values the server filled — roll-ups, history, the `cohort by` unit — and the
// committee decisions), with each member's standing (不定等次, counts in base) and display fields from
// the roster, so the simulated version sees the same cohort the stored result came from. Only when the
// simulated version groups by an input the round's version did not (`cohort by` a new field) is that
// field filled from the roster unit, as the server does when it evaluates a round.
//
// Built for a 10,000-person round next to an evaluation of it: no map per member. The roster and the
// inputs are both in roster order (the inputs leave out the absent), so each input's member is found
// a few places ahead of the previous one; the units are kept by position, as the engine lists its
// results in input order; a map by id is built only for what is out of order.

import type { PreparedScheme, SubjectInput } from '../engine/api.js';
import { displayName } from '../engine/display-name.js';
import type { RoundAgainst } from './types.js';

type Member = RoundAgainst['members'][number];

export interface RoundSubjects {
  subjects: SubjectInput[];
  /** The unit a subject's rows are counted in (the roster unit, else the round's), and its display
   * name (`姓名` or `name`) when the roster has one; `at`: the position it is listed at in a result,
   * where it is looked for first (the engine lists its results in input order). */
  unitOf(subject: string, at: number): string | null | undefined;
  nameOf(subject: string, at: number): string | undefined;
}

/** How far ahead of the last member found the next input's is looked for before the map. */
const AHEAD = 8;

export function roundSubjects(against: RoundAgainst, prepared: Pick<PreparedScheme, 'cohortField'>): RoundSubjects {
  const { members, inputs } = against;
  let byId: Map<string, Member> | undefined;
  const byIdOf = () => (byId ??= new Map(members.map((m) => [m.id, m])));
  let next = 0;
  const memberOf = (id: string): Member | undefined => {
    for (let k = next; k < members.length && k < next + AHEAD; k++) {
      if (members[k].id === id) { next = k + 1; return members[k]; }
    }
    return byIdOf().get(id);
  };
  const field = prepared.cohortField;
  const subjects = new Array<SubjectInput>(inputs.length);
  const unitList = new Array<string | null>(inputs.length);
  for (let i = 0; i < inputs.length; i++) {
    const x = inputs[i];
    const m = memberOf(x.subject);
    const unit = m?.unit ?? against.round.unit;
    unitList[i] = unit;
    // Copied only when a field is added: the export's objects are otherwise used as they are.
    const input = field && !(field in x.input) && unit !== null ? { ...x.input, [field]: unit } : x.input;
    const display = m?.display ?? undefined;
    // Built field by field (no spreads): this runs once per person of a 10,000-person round.
    const subject: SubjectInput = { id: x.subject, input };
    if (display) subject.display = display;
    if (x.decision) subject.decision = x.decision;
    if (m?.status === 'ungraded') subject.standing = { ungraded: true, countsInBase: m.countsInBase };
    else if (m && !m.countsInBase) subject.standing = { countsInBase: false };
    subjects[i] = subject;
  }
  // Out of order (a result that is not the inputs', a subject left out): by id, as the roster has it.
  let units: Map<string, string | null> | undefined;
  const unitOf = (subject: string, at: number) => subjects[at]?.id === subject
    ? unitList[at] : (units ??= new Map(subjects.map((s, i) => [s.id, unitList[i]]))).get(subject);
  const nameOf = (subject: string, at: number) => {
    const display = subjects[at]?.id === subject ? subjects[at].display : byIdOf().get(subject)?.display ?? undefined;
    return displayName(display);
  };
  return { subjects, unitOf, nameOf };
}
