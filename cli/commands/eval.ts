// `kaohe eval FILE INPUT [--out FILE] [--lang zh|en] [--explain]` (API.md). INPUT is JSON —
// `{"id", "input"}` (one subject) or `{"subjects": […]}` (a cohort), `-` for standard input — or a
// roster: `.xlsx` (its roster sheet: sheets/sheet-choice.ts), `.csv` (UTF-8 or GBK), `.jsonl` (a
// subject per line), read by sheets/ as a stream and evaluated as one cohort; JSON lines given as
// JSON (`cat r.jsonl | kaohe eval S -`) are such a roster too (eval-stdin.ts). Without --out (or with
// `--out -`) the result JSON is printed (Chinese not escaped), as JSON lines with `--format jsonl`;
// `--out` writes `.json`, `.jsonl`, `.csv` or `.xlsx` (sheets/results.ts). A .json input that is not
// JSON is reported at its line and column (cli/json-syntax.ts).
// Exit 1 on invalid input or an evaluation error, printing `{"errors": […]}` — for a roster each
// with its row and column and a message in the chosen language (`第 7 行 “结案数” 列：…`); exit 2 on
// scheme errors (printed as `kaohe check` does), on usage errors — a `--period` the scheme does not
// take, or none for a roster under a scheme that reads it (eval-period.ts); an option given twice or
// without its value, a third argument (cli/options.ts, C10b) — and when FILE or INPUT
// cannot be read at all (missing, a directory, no permission: one line on stderr, as for FILE).
// A roster is always evaluated as a stream (issue 16): to .json, .jsonl or standard output by
// eval-stream.ts, to a results workbook (.xlsx) or sheet (.csv) by eval-sheet.ts — the same output,
// without holding the batch; `--backend compiled|closures` picks the engine (EvalOptions.backend).

import { accessSync, constants, realpathSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { render, type Locale, type Msg } from '../../dsl/i18n/index.js';
import { PERIOD_FORMS } from '../../dsl/dates.js';
import { C } from '../messages.js';
import type { CohortResult, EvalError, EvalOptions, PreparedScheme, SubjectInput, SubjectResult } from '../../engine/api.js';
import { evaluate, evaluateCohort, prepare } from '../../engine/index.js';
import { parseJsonExact } from '../../engine/json-exact.js';
import { cohortKeyErrors, subjectKeyErrors } from '../../engine/subject-keys.js';
import { buildResults, M as SheetWords } from '../../sheets/index.js';
import { contractOf, schemeLocale, type Contract } from '../../sheets/scheme.js';
import { withoutBom } from '../../sheets/csv.js';
import { outFormat, rosterFormat, writeWorkbookFile } from '../../sheets/node/files.js';
import { controlsReplaced, MAX_CELL_CHARS, type ControlCell } from '../../sheets/xlsx.js';
import { sweepKilledRuns } from './eval-litter.js';
import { evalRosterSheet } from './eval-sheet.js';
import { readPeriodFiles, type PeriodFill } from './eval-periods.js';
import { periodSuggestion } from '../../engine/period-suggestion.js';
import { badPeriodOption, looksLikePeriod, periodNeeded, periodNotNamed } from './eval-period.js';
import { cannotWriteTemp, evalRosterStream, isJsonl } from './eval-stream.js';
import { asRosterFile, isJsonLinesText } from './eval-stdin.js';
import { jsonSyntaxError, jsonSyntaxWords } from '../json-syntax.js';
import { P } from '../periods-messages.js';
import { visible } from './whatif-shown.js';
import { diagnosticLine, documentLocale, langOrReport, mib, parseArgs, readOrReport, reportUnreadable, shownPath, unknownOption, usage, writeOrReport, type IO } from '../io.js';

export { writeOrReport }; // its home is cli/io.ts; test/engine/cli.test.ts imports it from here

const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;
const SYNOPSIS = 'kaohe eval FILE INPUT [--period P] [--periods RESULTS,…] [--out FILE | --format json|jsonl] [--lang zh|en] [--explain] [--rules-runtime native|jre] [--backend compiled|closures]';
/** The synopsis and its notes (input formats, period forms) in `locale`. */
const usageEval = (locale: Locale): string => `${usage(SYNOPSIS, locale)}${render(C.notes_eval(), locale)}\n${render(P.notes_periods(), locale)}\n${render(C.notes_evalStream(), locale)}\n`;
const VALUED = ['rules-runtime', 'out', 'lang', 'period', 'backend', 'periods', 'format'];
const OPTIONS = [...VALUED, 'explain'];
/** What each option's value may be, said when it is missing (cli/options.ts). */
const HINTS: Record<string, string> = {
  'rules-runtime': 'native | jre', backend: 'compiled | closures', period: Object.values(PERIOD_FORMS).join(' | '),
  periods: 'q1.json,q2.json,…', out: 'results.json | .jsonl | .csv | .xlsx', format: 'json | jsonl',
};

/** Most problems a roster reports (then one KH-E009): a wrong column repeated down 10,000 rows is
 * one header problem anyway, and a flood of cell problems is no more useful past this. */
const ROSTER_MAX_ERRORS = 1000;

/** The largest .json input: it is read whole, as text, and a 200 MB file ended the process with a
 * V8 out-of-memory abort. Rosters (.xlsx, .csv, .jsonl) are streamed and have no cap. */
export const MAX_TEXT_INPUT = 64 * 2 ** 20;

/** The size of the file at `path` when it is over `max` bytes, else undefined (also when it cannot
 * be read: that is reported where it is read). */
function sizeOver(path: string, max: number): number | undefined {
  try {
    const { size } = statSync(path);
    return size > max ? size : undefined;
  } catch {
    return undefined;
  }
}

/** A .json input's text, at most MAX_TEXT_INPUT bytes counted as it is read — standard input or a
 * device has no size to look at first (hostile audit H6 F11); undefined after saying why not. */
function readJsonInput(io: IO, path: string, locale: Locale): string | undefined {
  try {
    return io.read(path, MAX_TEXT_INPUT);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'KH_TOO_LARGE') reportUnreadable(io, 'eval', path, e, locale);
    // standard input cannot be streamed twice as a roster is: the advice is a file (U8 trial)
    else if (path === '-') io.err(`${render(C.stdinTooLarge({ prog: 'kaohe eval', max: mib(MAX_TEXT_INPUT) }), locale)}\n`);
    else io.err(`${render(C.inputTooLarge({ prog: 'kaohe eval', path: shownPath(path), max: mib(MAX_TEXT_INPUT) }), locale)}\n`);
    return undefined;
  }
}

/** What is wrong with the positional arguments (FILE INPUT), or undefined: a third that looks like a
 * period (`r.csv 2026-Q2`) was meant as --period (C10b). */
function argsProblem(args: readonly string[]): Msg | undefined {
  const prog = 'kaohe eval';
  if (args.length < 2) return C.tooFewArgs({ prog });
  if (args.length > 2) {
    const extra = args.slice(2).find(looksLikePeriod) ?? args[2];
    return looksLikePeriod(extra) ? C.periodAsArg({ prog, arg: extra, period: periodSuggestion(extra, undefined) ?? extra }) : C.tooManyArgs({ prog, arg: extra });
  }
  return args[0] === '-' && args[1] === '-' ? C.bothStdin({ prog }) : undefined;
}

type Evaluated = { subjects: readonly SubjectInput[]; result: CohortResult | SubjectResult };

export async function run(argv: string[], given: IO): Promise<number> {
  // A roster's headers, ids and names reach the terminal in notices and errors: never their control
  // characters raw (hostile F8), shown escaped as `kaohe whatif` shows them.
  const io: IO = { ...given, err: (t: string) => given.err(visible(t)) };
  const { args, opts } = parseArgs(argv, VALUED);
  // an option given twice or without its value: one line, exit 2 (cli/options.ts)
  const locale = langOrReport(io, 'eval', opts, { argv, valued: VALUED, hints: HINTS });
  if (!locale) return 2;
  const unknown = [...opts.keys()].find((k) => !OPTIONS.includes(k));
  if (unknown) {
    io.err(unknownOption('eval', unknown, locale, OPTIONS));
    io.err(usageEval(locale));
    return 2;
  }
  const say = (m: Parameters<typeof render>[0]) => io.err(`${render(m, locale)}\n`);
  const wrongArgs = argsProblem(args);
  if (wrongArgs) {
    say(wrongArgs);
    io.err(usageEval(locale));
    return 2;
  }
  const [file, inputPath] = args;
  // Every valued option has its value now (langOrReport said the ones without).
  const value = (k: string): string | undefined => { const v = opts.get(k); return typeof v === 'string' ? v : undefined; };
  const runtime = value('rules-runtime');
  if (runtime !== undefined && runtime !== 'native' && runtime !== 'jre') {
    say(C.badRulesRuntime({ prog: 'kaohe eval', value: String(runtime) }));
    return 2;
  }
  const backend = value('backend');
  if (backend !== undefined && backend !== 'compiled' && backend !== 'closures') {
    say(C.badBackend({ prog: 'kaohe eval', value: String(backend) }));
    return 2;
  }
  // `--period 2026-Q1`: the evaluation period (checked by the engine against the scheme's kind).
  const period = value('period');
  const periodFiles = value('periods');
  // `--periods ,` names no file: as missing as `--periods ''` (else every row lacks its quarters)
  if (periodFiles !== undefined && periodFiles.split(',').every((f) => f.trim() === '')) {
    say(C.needsValue({ prog: 'kaohe eval', option: '--periods', values: HINTS.periods }));
    return 2;
  }
  const givenOut = value('out');
  const out = givenOut === '-' ? undefined : givenOut; // `--out -`: standard output, as without --out
  // `--format jsonl`: results on standard output as JSON lines, the form of `--out x.jsonl` (U7-9)
  const form = value('format');
  if (form !== undefined && form !== 'json' && form !== 'jsonl') { say(C.badFormat({ prog: 'kaohe eval', value: form })); return 2; }
  if (form !== undefined && typeof out === 'string') { say(C.formatWithOut({ prog: 'kaohe eval', file: out })); return 2; }
  const lines = form === 'jsonl';
  if (typeof out === 'string' && !outFormat(out) && !isJsonl(out)) {
    say(C.badOut({ prog: 'kaohe eval', value: out }));
    return 2;
  }

  if (typeof out === 'string' && inputPath !== '-' && samePath(resolve(io.cwd, out), resolve(io.cwd, inputPath))) {
    io.err(`${render(SheetWords.outIsInput({ prog: 'kaohe eval', path: out }), locale)}\n`);
    return 2;
  }
  // An --out that is a directory can never be written: said now, not after evaluating (hostile F6).
  if (typeof out === 'string' && isDirectory(resolve(io.cwd, out))) {
    say(SheetWords.cannotWrite({ prog: 'kaohe eval', path: out, why: C.isDirectory() }));
    return 2;
  }

  const source = readOrReport(io, 'eval', file, locale);
  if (source === undefined) return 2;
  const prepared = prepare(source, file);
  if (!prepared.value) {
    for (const d of prepared.diagnostics) if (d.severity === 'error') io.err(diagnosticLine(file, d, locale) + '\n');
    return 2;
  }
  // `--period` is the command line's: checked against the scheme before any input is read (eval-period.ts).
  const badPeriod = typeof period === 'string' ? badPeriodOption(prepared.value, period) : undefined;
  if (badPeriod) { say(badPeriod); return 2; }
  // The input contract as sheets/ reads it: only for a roster or a spreadsheet out.
  let known: Contract | undefined;
  const contract = () => (known ??= contractOf(source));
  // A results workbook is a document for the scheme's users: its words (headings, the engine's
  // reasons) as documentLocale says — the scheme's own language when nothing names one (V11 MED-4).
  const spreadsheetOut = typeof out === 'string' && !isJsonl(out) && outFormat(out) !== 'json';
  const resultsLocale = spreadsheetOut ? documentLocale(opts, io.env, () => schemeLocale(contract())) : locale;
  // `--rules-runtime jre` runs the negative-list, reward and outcome rules through json-rules-engine.
  const options: EvalOptions = {
    explain: opts.has('explain'), rulesRuntime: runtime === 'jre' ? 'jre' : 'native', lang: resultsLocale,
    ...(typeof period === 'string' ? { period } : {}),
    ...(backend ? { backend } : {}), // the contract's EvalOptions.backend (engine/api.ts)
  } as EvalOptions;
  // `--periods q1.json,…`: earlier results filling the roll-up inputs, as a round does (eval-periods.ts).
  let fill: PeriodFill | undefined;
  if (typeof periodFiles === 'string') {
    fill = readPeriodFiles(io, prepared.value, periodFiles, typeof period === 'string' ? period : undefined, locale);
    if (!fill) return 2;
  }
  const filled = (code: number): number => {
    for (const m of fill?.notices() ?? []) io.err(`${render(m, locale)}\n`);
    return code;
  };

  const format = inputPath === '-' ? undefined : rosterFormat(inputPath);
  const roster = format !== undefined;
  const tooBig = inputPath !== '-' && !roster ? sizeOver(resolve(io.cwd, inputPath), MAX_TEXT_INPUT) : undefined;
  if (tooBig !== undefined) {
    io.err(`${render(SheetWords.fileTooLarge({ prog: 'kaohe eval', path: inputPath, size: mib(tooBig), max: mib(MAX_TEXT_INPUT) }), locale)}\n`);
    return 2;
  }
  let text: string | undefined;
  if (roster) {
    const why = unreadableFile(resolve(io.cwd, inputPath));
    if (why) { reportUnreadable(io, 'eval', inputPath, why, locale); return 2; }
  } else {
    text = readJsonInput(io, inputPath, locale);
    if (text === undefined) return 2;
  }
  sweepKilledRuns(tmpdir(), typeof out === 'string' ? resolve(io.cwd, out) : undefined); // what a killed run left (eval-litter.ts)
  const evalRoster = async (path: string): Promise<number> => filled(spreadsheetOut
    ? await evalRosterSheet(io, prepared.value!, contract(), path, options, locale, out as string, ROSTER_MAX_ERRORS, fill)
    : await evalRosterStream(io, prepared.value!, contract(), path, options, locale, typeof out === 'string' ? out : undefined, ROSTER_MAX_ERRORS, fill, lines));
  // A roster has no period of its own: one its scheme needs must come as --period (exit 2, before
  // it is read).
  const needed = options.period === undefined ? periodNeeded(prepared.value) : undefined;
  if (needed && (roster || isJsonLinesText(text!))) { say(needed); return 2; }
  // Results without a period, of a scheme that names a kind of period (and reads none, or it would
  // have stopped): said after they are out, so an officer notices her quarter is not named in them
  // (eval-period.ts); a run that wrote nothing has nothing to say it of.
  const unnamed = (code: number, named: string | undefined = options.period): number => {
    const notice = code === 0 && named === undefined ? periodNotNamed(prepared.value!) : undefined;
    if (notice) say(notice);
    return code;
  };
  if (roster) return unnamed(await evalRoster(resolve(io.cwd, inputPath)));
  // JSON lines on standard input (or in a .json file): a roster, as its .jsonl file is (eval-stdin.ts, U7-4)
  if (isJsonLinesText(text!)) return unnamed(await asRosterFile(text!, evalRoster, (e) => cannotWriteTemp(io, e, locale)));
  const evaluated = await evalJson(io, prepared.value, inputPath, text!, options, fill, locale);
  if (!evaluated) return filled(1);
  filled(0);

  if (typeof out !== 'string') {
    io.out(lines ? jsonLines(evaluated.result) : json(evaluated.result));
    return unnamed(0, evaluated.result.period); // the JSON's "period" counts as --period does
  }
  let cut = 0; // cells cut to fit Excel (sheets/xlsx.ts fitCell)
  const controls: ControlCell[] = []; // cells whose control characters Excel cannot keep (xlsx.ts xmlText)
  const written = await writeOrReport(io, 'eval', out, locale, async (target) => {
    if (isJsonl(out)) await writeFile(target, jsonLines(evaluated.result), 'utf8');
    else if (outFormat(out) === 'json') await writeFile(target, json(evaluated.result), 'utf8');
    else cut = await writeWorkbookFile(target, buildResults({ contract: contract(), ...evaluated, locale: resultsLocale }), controls);
  });
  if (!written) return 2;
  const count = 'results' in evaluated.result ? evaluated.result.results.length : 1;
  io.err(`${render(SheetWords.wrote({ file: out, count }), locale)}\n`);
  if (cut > 0) io.err(`${render(SheetWords.cellsCut({ file: out, count: cut, max: MAX_CELL_CHARS }), locale)}\n`);
  if (controls.length > 0) io.err(`${render(controlsReplaced(out, controls), locale)}\n`);
  return unnamed(0, evaluated.result.period);
}

/** A result as JSON lines (eval-stream.ts's format): a cohort's summaries, then one result per line. */
function jsonLines(result: CohortResult | SubjectResult): string {
  if (!('results' in result)) return `${JSON.stringify(result)}\n`;
  const { results, ...head } = result;
  return [head, ...results].map((x) => `${JSON.stringify(x)}\n`).join('');
}

const isDirectory = (path: string): boolean => { try { return statSync(path).isDirectory(); } catch { return false; } };

/** Whether two resolved paths name the same file (through symbolic links when it exists). */
function samePath(a: string, b: string): boolean {
  const real = (p: string) => { try { return realpathSync(p); } catch { return p; } };
  return a === b || real(a) === real(b);
}

/** Why a roster file cannot be read at all (it is read from disk by sheets/, not through `io`), or
 * undefined: checked first, so that a missing file is one line, not an exceljs stream error. A roster
 * is read twice (engine/stream): a device or a pipe (`/dev/zero`, `<(…)`) cannot be, and was read
 * without end (hostile audit H6 F11). */
function unreadableFile(path: string): NodeJS.ErrnoException | undefined {
  try {
    const st = statSync(path);
    if (st.isDirectory()) return Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    if (!st.isFile()) return Object.assign(new Error('not a regular file'), { code: 'KH_NOT_FILE' });
    accessSync(path, constants.R_OK);
    return undefined;
  } catch (e) {
    return e as NodeJS.ErrnoException;
  }
}

/** The existing JSON input: one subject or a cohort, numbers read exactly (engine/json-exact.ts).
 * Problems are said in `locale` (the command's words), the results' words are `given.lang`. */
async function evalJson(io: IO, prepared: PreparedScheme, inputPath: string, text: string, given: EvalOptions, fill: PeriodFill | undefined, locale: Locale): Promise<Evaluated | undefined> {
  let options = given;
  let body: unknown;
  // A byte-order mark (Notepad's and Excel's UTF-8) is not part of the JSON.
  const bare = withoutBom(text);
  try { body = parseJsonExact(bare); } catch (err) {
    // where and what in words of ours, not the JS parser's English (U7-10)
    const where = jsonSyntaxError(bare);
    const why = where ? jsonSyntaxWords(where) : (err as Error).message;
    io.out(json({ errors: [{ code: 'KH-E008', path: '', ...(where && { line: where.line, column: where.column }), message: render(C.jsonUnreadable({ file: inputPath, why }), locale) }] }));
    return undefined;
  }
  const req = body as { id?: unknown; input?: unknown; display?: unknown; decision?: unknown; subjects?: unknown; period?: unknown };
  if (typeof req !== 'object' || req === null || Array.isArray(req) || (!('subjects' in req) && !('input' in req))) {
    io.out(json({ errors: [{ code: 'KH-E008', path: '', message: render(C.jsonShape(), locale) }] }));
    return undefined;
  }
  // A `"period"` in the JSON (as in the API body) counts when `--period` is not given.
  if (options.period === undefined && req.period !== undefined) options = { ...options, period: req.period as string };
  // Unknown keys (`"desicion"`) and `"decision": null` are refused as the API refuses them (issue 13).
  const keyErrors = 'subjects' in req ? cohortKeyErrors(req) : subjectKeyErrors(req, '', ['period']);
  if (keyErrors.length) { io.out(json({ errors: localErrors(keyErrors, locale) })); return undefined; }
  if ('subjects' in req) {
    // an empty cohort is refused, as the API refuses it (a roster of nobody: eval-stream.ts proceedWith)
    if (Array.isArray(req.subjects) && req.subjects.length === 0) {
      io.out(json({ errors: [{ code: 'KH-E008', path: 'subjects', message: render(C.emptyCohort(), locale) }] }));
      return undefined;
    }
    const subjects = fill ? (req.subjects as SubjectInput[]).map((x) => fill.fill(x)) : req.subjects as SubjectInput[];
    const outcome = await evaluateCohort(prepared, subjects, options);
    if (!outcome.ok) { io.out(json({ errors: localErrors(outcome.errors, locale) })); return undefined; }
    return { subjects, result: outcome.value };
  }
  let subject: SubjectInput = { id: String(req.id ?? ''), input: req.input as Record<string, unknown> };
  if (fill) subject = fill.fill(subject);
  if (req.display !== undefined) subject.display = req.display as Record<string, string>;
  if (req.decision !== undefined) subject.decision = req.decision as SubjectInput['decision']; // checked by the engine (issue 13)
  const outcome = await evaluate(prepared, subject, options);
  if (!outcome.ok) { io.out(json({ errors: localErrors(outcome.errors, locale) })); return undefined; }
  return { subjects: [subject], result: outcome.value };
}

/** The engine's two missing-period messages (KH-E032: dates read, results read by period). */
const PERIOD_MISSING = new Set(['engineDates.periodMissing', 'enginePeriods.periodMissing']);

/** Errors as the CLI prints them: each message in the reader's language, without its data. The
 * engine's missing period (KH-E032) names the period and not where it goes (it speaks to the API
 * too): here, where it goes on the command line. */
function localErrors(errors: readonly EvalError[], locale: Locale = 'en'): Omit<EvalError, 'msg'>[] {
  return errors.map(({ msg, ...e }) => {
    if (!msg) return e;
    const where = PERIOD_MISSING.has(msg.id) && typeof e.expected === 'string' ? C.periodWhere({ text: msg, form: e.expected }) : msg;
    return { ...e, message: render(where, locale) };
  });
}
