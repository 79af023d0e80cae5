// `kaohe eval FILE ROSTER --out results.xlsx|.csv` as a stream (issue 16, user trial: 200,000 people
// held as one workbook peaked at 2.3 GB). The roster is evaluated by the streaming cohort
// (engine/stream, as eval-stream.ts does for JSON): on the way, every subject's input (first pass)
// and every result tell the results sheet which columns it needs (sheets/results.ts ResultsLayout),
// and the results go to a temporary JSON-lines file. Then the roster is read once more beside that
// file and each person's row is written as it is made (sheets/node/results-stream.ts). Memory holds
// what ranks and quotas need and the column names, never the results. The sheets are buildResults'
// (the in-memory path), errors are reported as eval-stream.ts reports them, all or nothing: the
// workbook is written under a temporary name and renamed once complete, and nothing is written when
// the batch fails. Interrupted: every temporary file goes, exit 130/143. The results file in the
// temporary folder is this user's alone (mode 0600: hostile audit H6 F9); a temporary folder missing or
// full is said in one line, nothing left (H6 F7, eval-stream.ts streamOrReport).

import { render, type Locale } from '../../dsl/i18n/index.js';
import type { CohortMemberResult, EvalOptions, PreparedScheme } from '../../engine/api.js';
import { planOf } from '../../engine/index.js';
import { AtomicFile, jsonlSink, removeQuietly, streamCohort, track, type CohortHead, type ResultSink } from '../../engine/stream/index.js';
import type { SubjectSource } from '../../engine/stream/source.js';
import { M as SheetWords } from '../../sheets/index.js';
import { jsonLines } from '../../sheets/node/jsonl.js';
import { writeResultsFile, type ResultPair } from '../../sheets/node/results-stream.js';
import { ResultsLayout } from '../../sheets/results.js';
import type { Contract } from '../../sheets/scheme.js';
import { controlsReplaced, MAX_CELL_CHARS, type ControlCell } from '../../sheets/xlsx.js';
import { writeOrReport, type IO } from '../io.js';
import { C } from '../messages.js';
import type { PeriodFill } from './eval-periods.js';
import { cannotWriteTemp, onInterrupt, proceedWith, reportProblems, rosterOf, streamOrReport } from './eval-stream.js';
import { evalTempPath } from './eval-litter.js';

/** Evaluates a roster file as a streamed cohort into a results workbook (.xlsx) or sheet (.csv) at
 * `out`; the exit code (0, 1 on problems, 2 when a file cannot be written). */
export async function evalRosterSheet(io: IO, prepared: PreparedScheme, contract: Contract, path: string, options: EvalOptions, locale: Locale, out: string, maxErrors: number, fill?: PeriodFill): Promise<number> {
  const rs = await rosterOf(path, contract, fill); // the template's example row noticed (eval-stream.ts)
  // the workbook in the results' language (options.lang: eval.ts's documentLocale), the rest in `locale`
  const sheetLocale = options.lang ?? locale;
  const layout = new ResultsLayout(contract, sheetLocale);
  const results = evalTempPath('jsonl');
  const stop = onInterrupt(io, locale);
  const forget = track(results);
  try {
    // Pass 1 of the source reads every subject: their inputs say how many columns a list needs.
    let passes = 0;
    const source: SubjectSource = {
      async *open(want) {
        const first = passes++ === 0;
        for await (const s of rs.source.open(want)) {
          if (first && s) layout.addInput(s.input);
          yield s;
        }
      },
    };
    const file = new AtomicFile(results, 0o600);
    const sink = layoutSink(jsonlSink(file), layout);
    const outcome = await streamOrReport(io, file, locale, () => streamCohort(planOf(prepared), source, sink.sink, { ...options, maxErrors }, { proceed: proceedWith(rs) }));
    if (typeof outcome === 'number') return outcome;
    for (const n of rs.roster.notices) io.err(`${render(n.msg, locale)}\n`);
    if (!outcome.ok) {
      await file.discard();
      if (file.failed) return cannotWriteTemp(io, file.failed, locale);
      return reportProblems(io, rs, outcome.errors, locale);
    }
    const head = sink.head();
    layout.keepIdHeader(rs.roster.index.idColumn); // 身份证号 stays 身份证号 (U6 L-2)
    let cut = 0;
    const controls: ControlCell[] = []; // cells whose control characters Excel cannot keep (xlsx.ts xmlText)
    const written = await writeOrReport(io, 'eval', out, locale, async (target) => {
      const forgetTarget = track(target);
      try {
        cut = await writeResultsFile(target, { layout, count: outcome.value.subjects, people: pairs(results, rs.source, locale), summaries: head, locale: sheetLocale, controls });
      } finally {
        forgetTarget();
      }
    });
    if (!written) return 2;
    io.err(`${render(SheetWords.wrote({ file: out, count: outcome.value.subjects }), locale)}\n`);
    if (cut > 0) io.err(`${render(SheetWords.cellsCut({ file: out, count: cut, max: MAX_CELL_CHARS }), locale)}\n`);
    if (controls.length > 0) io.err(`${render(controlsReplaced(out, controls), locale)}\n`);
    return 0;
  } finally {
    removeQuietly(results);
    forget();
    stop();
  }
}

/** A sink that adds every result to the layout on its way to `inner`, and keeps the cohort's head. */
function layoutSink(inner: ResultSink, layout: ResultsLayout): { sink: ResultSink; head(): CohortHead } {
  let head: CohortHead | undefined;
  return {
    sink: {
      start(h) { head = h; return inner.start(h); },
      result(json, i) { layout.addResult(JSON.parse(json) as CohortMemberResult); return inner.result(json, i); },
      end: () => inner.end(),
      abort: () => inner.abort(),
    },
    head: () => head!,
  };
}

/** The results file (after its head line) beside the roster read again: one pair per person. */
async function* pairs(results: string, source: SubjectSource, locale: Locale): AsyncGenerator<ResultPair> {
  const subjects = source.open()[Symbol.asyncIterator]();
  let first = true;
  try {
    for await (const { text } of jsonLines(results)) {
      if (first) { first = false; continue; } // the cohort's head
      const next = await subjects.next();
      if (next.done) throw new Error(render(C.rosterChanged(), locale));
      yield [JSON.parse(text!) as CohortMemberResult, next.value];
    }
  } finally {
    await subjects.return?.();
  }
}
