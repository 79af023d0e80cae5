// Where a value sits inside a subject's input, as a list of steps (`工作任务`, item 0, `名称`), and
// the two ways it is written: as a column header (`工作任务[1].名称` — items counted from 1, as people
// count) and as the engine writes an error path (`subjects[3].input.工作任务[0].名称` — from 0).

export type Step = { name: string } | { index: number };

/** Header text of a path: names joined with `.`, items as `[n]` counted from 1. */
export function pathText(steps: readonly Step[]): string {
  let out = '';
  for (const s of steps) out += 'name' in s ? (out ? `.${s.name}` : s.name) : `[${s.index + 1}]`;
  return out;
}

/** A header cell read as a path: `满意度评价.群众`, `工作任务[2].名称` (full-width ．［］ too, spaces
 * around the separators ignored). Undefined when it does not read as one (an empty part, a bad index). */
export function parseHeader(header: string): Step[] | undefined {
  const h = header.normalize('NFKC').trim();
  if (h === '') return undefined;
  const steps: Step[] = [];
  const re = /\s*(?:\[\s*(\d+)\s*\]|(\.)?\s*([^.[\]]+?))\s*(?=$|[.[])/y;
  let at = 0;
  while (at < h.length) {
    re.lastIndex = at;
    const m = re.exec(h);
    if (!m || m[0] === '') return undefined;
    if (m[1] !== undefined) {
      if (steps.length === 0) return undefined;
      steps.push({ index: Number(m[1]) - 1 });
    } else {
      if ((steps.length === 0) === (m[2] !== undefined)) return undefined; // `.x` first, or `a b` glued
      steps.push({ name: m[3].trim() });
    }
    at = re.lastIndex;
  }
  return steps;
}

/** The steps of an engine error path (`subjects[3].input.工作任务[0].名称`, `工作任务[0].名称`,
 * `subjects[3].id`) and the subject index it names, if any. A committee decision's path
 * (`subjects[3].decision.reason`, issue 13) is `decision` with the steps inside the decision. */
export function parseEnginePath(path: string): { subject?: number; id?: boolean; decision?: boolean; steps: Step[] } {
  let rest = path;
  let subject: number | undefined;
  const m = /^subjects\[(\d+)\](?:\.(input|id|decision))?\.?/.exec(rest);
  let decision = false;
  if (m) {
    subject = Number(m[1]);
    if (m[2] === 'id') return { subject, id: true, steps: [] };
    decision = m[2] === 'decision';
    rest = rest.slice(m[0].length);
  }
  const steps: Step[] = [];
  for (const part of rest.matchAll(/\[(\d+)\]|([^.[\]]+)/g)) {
    steps.push(part[1] !== undefined ? { index: Number(part[1]) } : { name: part[2] });
  }
  return { subject, ...(decision ? { decision } : {}), steps };
}
