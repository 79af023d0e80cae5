// The backend matrix's corpus and rows (issue 16): every reference scheme (../shared/spec/examples,
// schemes/, test/jre/schemes/; identical sources counted once), the backends compared (closures with
// the native rules runtime is the reference; closures with json-rules-engine; the compiled engine),
// how many subjects a run compares (KAOHE_DIFF_N: small in `npm test`, 100,000 in
// `npm run test:differential`), and a probe of the code generator's counters (engine/codegen), which
// prove the compiled path really ran rather than falling back to the reference.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EvalOptions, PreparedScheme } from '../../engine/api.js';
import { planOf, prepare } from '../../engine/index.js';
import type { Plan } from '../../engine/plan.js';
import '../../engine/jre/register.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIRS = [join(ROOT, '../shared/spec/examples'), join(ROOT, 'schemes'), join(ROOT, 'test/jre/schemes')];

/** Subjects per scheme per backend: KAOHE_DIFF_N (the full run: 100,000), else a size that keeps
 * `npm test` fast (120; 240 before session 3: the matrix and codegen/json-text read it). */
export const N = Number(process.env.KAOHE_DIFF_N ?? 120);
export const FULL = N >= 10_000;

/** The options a row evaluates with (`backend`: engine/api.ts, issue 16). */
export type MatrixOptions = EvalOptions;

export interface Row { name: string; opts: MatrixOptions }
/** The rows of the matrix; the first is the reference the others must equal. */
export const ROWS: Row[] = [
  { name: 'closures+native', opts: { backend: 'closures', rulesRuntime: 'native' } },
  { name: 'closures+jre', opts: { backend: 'closures', rulesRuntime: 'jre' } },
  { name: 'compiled', opts: { backend: 'compiled' } },
];

export interface SchemeFile { name: string; source: string }

export function referenceSchemes(): SchemeFile[] {
  const seen = new Map<string, SchemeFile>();
  for (const dir of DIRS) {
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.kaohe')).sort()) {
      const source = readFileSync(join(dir, f), 'utf8');
      const key = createHash('sha256').update(source).digest('hex');
      const prev = seen.get(key);
      if (prev) prev.name += ` = ${relative(ROOT, join(dir, f))}`;
      else seen.set(key, { name: relative(ROOT, join(dir, f)), source });
    }
  }
  return [...seen.values()];
}

export function load(source: string, name: string): PreparedScheme {
  const p = prepare(source, name);
  if (!p.value) throw new Error(`${name} has errors: ${p.diagnostics.map((d) => d.message).join('; ')}`);
  return p.value;
}

/** A period for a scheme that names periodStart/periodEnd (issue 12): one whose edges the random
 * dates (test/jre/subjects.ts: 2025-12-31, 2026-01-01, 2026-02-28, 2026-03-31, 2024-02-29) straddle. */
export function periodFor(plan: Plan): Pick<EvalOptions, 'period'> {
  if (!plan.usesPeriod) return {};
  const forms: Record<string, string> = { annual: '2026', quarterly: '2026-Q1', monthly: '2026-03', special: '2026-01-01..2026-03-31' };
  return { period: forms[plan.period ?? 'quarterly'] };
}

export { planOf };

// ---- the code generator, once it exists (engine/codegen/index.ts, owned by CG)

export interface Counters { compiled: number; bailed: number; reasons: Record<string, number> }
interface Codegen {
  compileJs(plan: Plan): { program?: unknown; unsupported: { what: string; line?: number }[] };
  codegenCounters: Counters;
}

const CODEGEN = join(ROOT, 'engine/codegen/index.ts');

/** The code generator's module, or undefined while engine/codegen/index.ts does not exist. Loaded
 * by path so this suite runs (and says what it skips) before the module is written. */
export async function codegen(): Promise<Codegen | undefined> {
  if (!existsSync(CODEGEN)) return undefined;
  return (await import(/* @vite-ignore */ CODEGEN)) as Codegen;
}

/** Counter movement between two snapshots. */
export function counted(cg: Codegen | undefined, before: Counters | undefined): Counters {
  if (!cg || !before) return { compiled: 0, bailed: 0, reasons: {} };
  const now = cg.codegenCounters;
  const reasons: Record<string, number> = {};
  for (const [k, v] of Object.entries(now.reasons)) if (v !== (before.reasons[k] ?? 0)) reasons[k] = v - (before.reasons[k] ?? 0);
  return { compiled: now.compiled - before.compiled, bailed: now.bailed - before.bailed, reasons };
}

export const snapshot = (cg: Codegen | undefined): Counters | undefined =>
  cg && { compiled: cg.codegenCounters.compiled, bailed: cg.codegenCounters.bailed, reasons: { ...cg.codegenCounters.reasons } };

/** Adds counter movement b into a. */
export function addCounters(a: Counters, b: Counters): void {
  a.compiled += b.compiled; a.bailed += b.bailed;
  for (const [k, v] of Object.entries(b.reasons)) a.reasons[k] = (a.reasons[k] ?? 0) + v;
}
