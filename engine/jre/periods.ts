// Results of other periods in the json-rules-engine export (issue 14): a scheme with `results of` /
// `past` inputs is handed back to kaohe's evaluator, with the reason in the document. Such an input is
// filled by kaohe's server from the final results of earlier rounds (the periods this one covers,
// the person's earlier periods of this scheme), validated against the evaluation's period (which
// periods are expected, missing and what the policy does) and read by `streak`, none of which a rule
// engine fed one subject's facts can do; facts over them are computed by the kaohe evaluator like
// every `expr@LINE:COL` fact.

import type { CheckedScheme } from '../../dsl/check/index.js';
import type { SourceFile } from '../../dsl/source.js';

export interface PeriodsHandBack { evaluator: 'kaohe'; reason: string; inputs: string[] }

export function periodsHandBack(checked: CheckedScheme, file: SourceFile): PeriodsHandBack | undefined {
  const inputs: string[] = [];
  for (const d of checked.scheme.decls) {
    if (d.kind !== 'Input') continue;
    for (const f of d.fields) {
      if (f.type.kind !== 'PeriodResults') continue;
      inputs.push(`line ${file.position(f.span.start).line}: ${file.slice(f.span).replace(/\s+/g, ' ')}`);
    }
  }
  if (!inputs.length) return undefined;
  return {
    evaluator: 'kaohe',
    reason: 'this scheme reads results of other periods (`results of` / `past` inputs): their values are filled by kaohe from '
      + "the final results of earlier rounds, checked against the evaluation's period (expected, missing and ungraded periods, "
      + 'the `missing` policy) and counted by `streak`, which one subject\'s facts cannot do; evaluate the scheme with kaohe, '
      + 'with the evaluation\'s period',
    inputs,
  };
}
