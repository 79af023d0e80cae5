// Results of other periods in the json-rules-engine export (issue 14): a scheme with `results of` /
// `past` inputs is handed back to kaohe's evaluator, with the reason in the document. Such an input is
// filled by kaohe's server from the final results of earlier rounds (the periods this one covers,
// the person's earlier periods of this scheme), validated against the evaluation's period (which
// periods are expected, missing and what the policy does) and read by `streak`, none of which a rule
// engine fed one subject's facts can do; facts over them are computed by the kaohe evaluator like
// every `expr@LINE:COL` fact. A related subject's result (`results of S for FIELD`, issue 14 part 2)
// likewise: it is another subject's record (the one FIELD names) in this period, filled by the server
// from that scheme's final results, with a missing policy and a grade that may be null (KH-E058 when
// a quota table reads it) — the same hand-back, the reason naming it.

import type { CheckedScheme } from '../../dsl/check/index.js';
import type { SourceFile } from '../../dsl/source.js';

export interface PeriodsHandBack { evaluator: 'kaohe'; reason: string; inputs: string[] }

export function periodsHandBack(checked: CheckedScheme, file: SourceFile): PeriodsHandBack | undefined {
  const inputs: string[] = [];
  let related = false;
  for (const d of checked.scheme.decls) {
    if (d.kind !== 'Input') continue;
    for (const f of d.fields) {
      if (f.type.kind !== 'PeriodResults') continue;
      if (f.type.form === 'related') related = true;
      inputs.push(`line ${file.position(f.span.start).line}: ${file.slice(f.span).replace(/\s+/g, ' ')}`);
    }
  }
  if (!inputs.length) return undefined;
  return {
    evaluator: 'kaohe',
    reason: 'this scheme reads results of other periods (`results of` / `past` inputs): their values are filled by kaohe from '
      + "the final results of earlier rounds, checked against the evaluation's period (expected, missing and ungraded periods, "
      + 'the `missing` policy) and counted by `streak`, which one subject\'s facts cannot do; evaluate the scheme with kaohe, '
      + 'with the evaluation\'s period'
      + (related ? "; a related subject's result (`results of S for FIELD`) is another subject's result of this period, found by the "
        + 'value of FIELD among the final results of S, with its `missing` policy' : ''),
    inputs,
  };
}
