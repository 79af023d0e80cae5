// The checker: runs a named, ordered list of passes over a parsed scheme and returns the resolved
// scheme (CheckedScheme, see types.ts for the contract) with every diagnostic. Passes are small and
// independent except that later ones read the maps `resolve-and-types` fills; the order is the list.
// Whatever the input, it returns diagnostics and never throws: a tree recovered from syntax errors
// is first given back the shapes of ast.ts (holes.ts), at most CHECK_PROBLEM_LIMIT problems are
// reported (sink.ts, KH-C060), and a dependency chain too deep to follow is refused (KH-C061) before
// the passes that follow references recursively run (passes/chains.ts).

import type { ParsedFile } from '../ast.js';
import type { Result } from '../diagnostics.js';
import type { SourceFile } from '../source.js';
import { buildSymbols } from '../symbols.js';
import { createContext, type Pass } from './context.js';
import { repairHoles } from './holes.js';
import { CheckSink } from './sink.js';
import { namesPass } from './passes/names.js';
import { reservedPass } from './passes/reserved.js';
import { resolvePass } from './passes/resolve-and-types.js';
import { chainsPass } from './passes/chains.js';
import { settingsPass } from './passes/settings.js';
import { weightsPass } from './passes/weights.js';
import { pointsPass } from './passes/points.js';
import { panelsPass } from './passes/panels.js';
import { scalesPass } from './passes/scales.js';
import { coveragePass } from './passes/coverage.js';
import { bandsLinearPass } from './passes/bands-linear.js';
import { gradesPass } from './passes/grades.js';
import { quotasPass } from './passes/quotas.js';
import { relatedQuotaPass } from './passes/related-quota.js';
import { cyclesPass } from './passes/cycles.js';
import { cohortAggregatesPass } from './passes/cohort-aggregates.js';
import { divisionPass } from './passes/division.js';
import { reachabilityPass } from './passes/reachability.js';
import { unusedPass } from './passes/unused.js';
import { examplesPass } from './passes/examples.js';
import { cohortExamplesPass } from './passes/cohort-examples.js';
import { functionsPass } from './passes/functions.js';
import { functionCostPass } from './passes/function-cost.js';
import { emptyAggregatesPass } from './passes/empty-aggregates.js';
import { displayInputsPass } from './passes/display-inputs.js';
import { periodsInputPass } from './passes/periods-input.js';
import { selfReadPass } from './passes/self-read.js';
import type { CheckedScheme } from './types.js';

/** The passes in the order they run. */
export const PASSES: readonly Pass[] = [
  namesPass, reservedPass, resolvePass, chainsPass, settingsPass, weightsPass, pointsPass, panelsPass, scalesPass, coveragePass,
  bandsLinearPass, gradesPass, quotasPass, relatedQuotaPass, cyclesPass, cohortAggregatesPass, divisionPass, emptyAggregatesPass, reachabilityPass, unusedPass, displayInputsPass, periodsInputPass, selfReadPass, examplesPass, cohortExamplesPass, functionsPass, functionCostPass,
];

export interface CheckOptions {
  /** The parse reported no error, so the tree has no holes to repair (holes.ts): skips that walk,
   * which costs several percent of a check on large schemes. */
  complete?: boolean;
}

export function check(parsed: ParsedFile, file: SourceFile, opts: CheckOptions = {}): Result<CheckedScheme> {
  const scheme = parsed.scheme;
  if (!scheme) throw new Error('check() needs a parsed scheme');
  const invented = opts.complete ? undefined : repairHoles(scheme, file.text.length);
  const sink = new CheckSink(file, invented);
  const symbols = buildSymbols(scheme);
  const ctx = createContext(parsed, file, scheme, symbols, sink, opts.complete === true);
  for (const pass of PASSES) if (!(ctx.chainsTooDeep && pass.followsReferences)) pass.run(ctx);
  return {
    value: { scheme, symbols, refs: ctx.refs, types: ctx.types, memberRefs: ctx.memberRefs },
    diagnostics: sink.close(),
  };
}

export type { CheckedScheme, Resolved, Type, ResultName } from './types.js';
export type { Pass } from './context.js';
