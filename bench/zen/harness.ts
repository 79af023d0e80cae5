// The GoRules zen-engine baseline: the province-annual scheme (../shared/spec/examples/
// province-annual.kaohe) written as a JDM decision graph (bench/zen/province-annual.json: expression
// nodes, decision tables for the bands, the grade and the bonus, a switch for the post; no function
// node) and evaluated by @gorules/zen-engine (Rust, 28-digit decimals). The graph and this harness
// are frozen baselines (their sha256 in test/bench/frozen.test.ts): changing either moves a ratio.
//
// The graph reads the same input JSON as kaohe. ZEN's lexer takes no Chinese identifiers, so its
// first node copies the inputs (with their defaults) into ASCII names via `$root['…']`. It computes
// what a person reads — score, base, rewards, deductions, grade, bonus, actions — but not the
// improve list (ZEN 0.54 has no sort), so Zen does slightly less work than kaohe here.
// The comparison with kaohe is bench/zen/agreement.ts (not frozen: it reads engine internals).

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// The napi binding itself, pinned as an optional dependency: the wrapper package @gorules/zen-engine
// lists a binary per platform, and `npm ci` refuses a lock file without all of them while this
// machine's registry serves only linux-x64. Other platforms get no Zen baseline (zenAvailable false).
const BINDING = '@gorules/zen-engine-linux-x64-gnu';

/** The part of the binding's API the harness uses (its own typings live in the wrapper package). */
export interface ZenDecision { evaluate(input: object): Promise<{ result: unknown; performance: string }> }
interface ZenBinding { ZenEngine: new () => { createDecision(graph: object): ZenDecision } }

function loadBinding(): ZenBinding | undefined {
  try { return createRequire(import.meta.url)(BINDING) as ZenBinding; } catch { return undefined; }
}
const binding = loadBinding();

/** Whether this platform has the Zen binding (linux-x64 with glibc). */
export const zenAvailable = binding !== undefined;

export const GRAPH_FILE = new URL('./province-annual.json', import.meta.url);

/** What the graph's output node returns (reported values, rounded half away from zero to 2 places). */
export interface ZenResult {
  score: number; base: number; rewards: number; deductions: number;
  grade: string | null; bonus: number | null; actions: string[];
}

let decision: ZenDecision | undefined;

/** The compiled graph, made once per process (Zen caches it; evaluations reuse it). */
export function zenDecision(): ZenDecision {
  if (!binding) throw new Error(`${BINDING} is not installed on this platform`);
  decision ??= new binding.ZenEngine().createDecision(JSON.parse(readFileSync(GRAPH_FILE, 'utf8')) as object);
  return decision;
}

/** One subject through Zen. `µs` is Zen's own measurement of the graph (its `performance` field),
 * without the Node↔Rust marshalling that the bench's CPU figure includes. */
export async function zenEvaluate(input: Record<string, unknown>): Promise<{ result: ZenResult; µs: number }> {
  const r = await zenDecision().evaluate(input);
  const result = r.result as ZenResult;
  // Zen leaves a null out of its output object: put grade and bonus back as kaohe reports them
  result.grade ??= null;
  result.bonus ??= null;
  return { result, µs: parsePerformance(r.performance) };
}

/** Zen reports e.g. "420.3µs", "1.2ms" or "15ns". */
export function parsePerformance(p: string): number {
  const m = /^([\d.]+)\s*(ns|µs|us|ms|s)$/.exec(p.trim());
  if (!m) return NaN;
  const k = { ns: 1e-3, µs: 1, us: 1, ms: 1e3, s: 1e6 }[m[2] as 'ns' | 'µs' | 'us' | 'ms' | 's'];
  return Number(m[1]) * k;
}
