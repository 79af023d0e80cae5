// The pipeline every fuzz input goes through, as a server request or the editor would: analyze
// (parse + check) → format (in the keyword language given: inputs alternate) → compile → run the
// examples when the scheme is clean. Anything thrown, an "internal error" from an example run, or a diagnostic that breaks
// the diagnostics contract (unregistered code, span outside the text) is a failure; the rest is
// the CPU time the input took.

import { analyze } from '../../dsl/index.js';
import { CODES, hasErrors } from '../../dsl/diagnostics.js';
import { format } from '../../dsl/format/index.js';
import type { Lang } from '../../dsl/keywords.js';
import { compile } from '../../engine/compile.js';
import { fromPlan, runExamples } from '../../engine/index.js';

export type Stage = 'analyze' | 'diagnostics' | 'format' | 'compile' | 'examples';

export interface Failure { stage: Stage; message: string }

/** Runs the pipeline on `text`: a failure, or undefined. Never throws. */
export async function pipeline(text: string, lang: Lang = 'en'): Promise<Failure | undefined> {
  let stage: Stage = 'analyze';
  try {
    const a = analyze(text, 'fuzz.kaohe');
    stage = 'diagnostics';
    for (const d of a.diagnostics) {
      if (!(d.code in CODES)) return { stage, message: `unregistered code ${d.code}` };
      if (!(d.span.start >= 0 && d.span.start <= d.span.end && d.span.end <= text.length)) {
        return { stage, message: `${d.code} span ${d.span.start}..${d.span.end} outside the text (${text.length})` };
      }
    }
    stage = 'format';
    format(a.parsed, a.file, { keywords: lang });
    if (!a.checked || hasErrors(a.diagnostics)) return undefined;
    stage = 'compile';
    const prepared = fromPlan(compile(a.checked, a.file));
    stage = 'examples';
    for (const o of await runExamples(prepared)) {
      const internal = o.failures.find((f) => f.message.startsWith('internal error'));
      if (internal) return { stage, message: internal.message };
    }
    return undefined;
  } catch (err) {
    return { stage, message: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  }
}

/** CPU milliseconds (user + system) that `fn` takes. */
export async function cpuMs(fn: () => Promise<unknown>): Promise<number> {
  const c0 = process.cpuUsage();
  await fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

export interface Outcome { failure?: Failure; ms: number }

/** Runs one input and times it; an input over `slowMs` is run up to twice again and keeps the fastest
 * time, so GC pauses or a busy neighbour do not count against it (a genuinely slow input is slow three
 * times; inputs near the budget measured 55–123 ms from run to run on a quiet machine). */
export async function runTimed(text: string, lang: Lang, slowMs = 100): Promise<Outcome> {
  let failure: Failure | undefined;
  let ms = await cpuMs(async () => { failure = await pipeline(text, lang); });
  for (let again = 0; again < 2 && ms >= slowMs && !failure; again++) ms = Math.min(ms, await cpuMs(() => pipeline(text, lang)));
  return { failure, ms };
}

/** A smaller text that fails the same way (same stage and message up to the first line number):
 * lines, then tokens, then characters are removed while the failure remains (ddmin-style, bounded). */
export async function minimize(text: string, failure: Failure, lang: Lang, budgetMs = 20_000): Promise<string> {
  const key = (f: Failure | undefined) => f && `${f.stage}:${f.message.replace(/\d+/g, 'N')}`;
  const want = key(failure);
  const deadline = performance.now() + budgetMs;
  const fails = async (t: string) => key(await pipeline(t, lang)) === want;
  let best = text;
  for (const unit of [/(?<=\n)/, /(?<=[\s{}(),:;\[\]])|(?=[\s{}(),:;\[\]])/, /(?:)/u]) {
    let parts = best.split(unit);
    for (let chunk = Math.max(1, parts.length >> 1); chunk >= 1; chunk >>= 1) {
      for (let i = 0; i < parts.length && performance.now() < deadline; ) {
        const candidate = [...parts.slice(0, i), ...parts.slice(i + chunk)];
        if (await fails(candidate.join(''))) parts = candidate;
        else i += chunk;
      }
    }
    best = parts.join('');
  }
  return best;
}
