// `kaohe whatif SCHEME.kaohe --against ROUND.json [--base ROUND-VERSION.kaohe] [--other-scheme]
// [--lang zh|en] [--out report.json|report.xlsx]` (issue 15): a round exported from the server (GET
// /api/rounds/:id/export, `kaohe.round-export/1`) run under the scheme file, compared with the
// round's stored result (simulate/): the grade distribution per unit before and after with the
// quotas, the declarations that differ, and everyone whose result differs with the reason. The
// export does not hold the round's scheme text, so the rule diff needs it as `--base` (checked
// against the round's hash); a scheme file that IS the round's version needs none. Text report on
// standard output (or the whole answer as JSON / a workbook with `--out`), exit 0. Exit 2 on a
// file that cannot be read, a round file that is not an export (with the path of each problem), a
// scheme with errors, a base that is not the round's version, inputs that do not fit the scheme — and
// a scheme file under another name than the round's (a version of another scheme, most often the
// wrong file), naming both, unless `--other-scheme` says it is meant (trying next year's new scheme
// on this year's inputs: offline, nothing is stored, so a deliberate choice may go ahead; the server,
// whose versions all carry their scheme's name, has no such switch).

import { statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { hasErrors } from '../../dsl/diagnostics.js';
import { render, type Locale, type Msg } from '../../dsl/i18n/index.js';
import { engine } from '../../engine/index.js';
import { sourceHash } from '../../server/prepared.js';
import { RoundExportSchema } from '../../server/rounds/export-schema.js';
import { issueMsg } from '../../server/zod-issues.js';
import { whatIf, type RoundAgainst, type WhatIf } from '../../simulate/index.js';
import { writeWorkbookFile } from '../../sheets/node/files.js';
import { M as SheetWords } from '../../sheets/messages.js';
import { controlsReplaced, MAX_CELL_CHARS, type ControlCell } from '../../sheets/xlsx.js';
import { diagnosticLine, langOrReport, parseArgs, readOrReport, unknownOption, usage, writeOrReport, type IO } from '../io.js';
import { C } from '../messages.js';
import { whatIfWorkbook } from './whatif-sheets.js';
import { WC } from './whatif-messages.js';
import { shown, visibleIO } from './whatif-shown.js';

const SYNOPSIS = 'kaohe whatif SCHEME.kaohe --against ROUND.json [--base ROUND-VERSION.kaohe] [--other-scheme] [--lang zh|en] [--out report.json|report.xlsx]';
const PROG = 'kaohe whatif';
/** Options taking a value, then the switches. */
const VALUED = ['against', 'base', 'lang', 'out'];
const OPTIONS = [...VALUED, 'other-scheme'];

/** The largest file read (the round export, the scheme, the base): refused by its size before it is
 * read. A round of 100,000 people exports to some 50 MB; past ~500 MB the text cannot even be a
 * string, and reading it first costs gigabytes and seconds for nothing (hostile F6). */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;
/** A score no scheme gives (|x| above this): a hand-edited file, refused by its path (hostile F5). */
export const MAX_SCORE = 1e9;

export async function run(argv: string[], rawIO: IO): Promise<number> {
  // Names and labels from the round file reach the terminal: never its control characters raw (F4).
  const io = visibleIO(rawIO);
  const { args, opts } = parseArgs(argv, VALUED);
  const locale = langOrReport(io, 'whatif', opts, { argv, valued: VALUED, hints: { against: 'ROUND.json', base: 'FILE', out: 'report.json | report.xlsx' } });
  if (!locale) return 2;
  const say = (m: Msg) => render(m, locale);
  const unknown = [...opts.keys()].find((k) => !OPTIONS.includes(k));
  const against = opts.get('against');
  const base = opts.get('base');
  const out = opts.get('out');
  const ext = typeof out === 'string' ? extname(out).toLowerCase() : '';
  const other = opts.get('other-scheme');
  if (unknown || args.length !== 1 || typeof against !== 'string' || base === true || out === true || (other !== undefined && other !== true)) {
    if (unknown) io.err(unknownOption('whatif', unknown, locale, OPTIONS));
    io.err(usage(SYNOPSIS, locale));
    return 2;
  }
  // Another kind of file (a .pdf) is named with the kinds there are, not answered with the usage.
  if (typeof out === 'string' && ext !== '.json' && ext !== '.xlsx') {
    io.err(`${say(WC.outKind({ prog: PROG, file: out }))}\n`);
    return 2;
  }
  const [file] = args;
  const source = readBounded(io, file, locale);
  if (source === undefined) return 2;
  const roundText = readBounded(io, against, locale);
  if (roundText === undefined) return 2;
  const round = parseRound(io, against, roundText, locale);
  if (!round) return 2;
  const forged = forgedProblems(round, locale);
  if (forged.length > 0) {
    io.err(`${say(WC.notRoundExport({ prog: PROG, file: against, problems: forged.join(locale === 'zh' ? '；' : '; ') }))}\n`);
    return 2;
  }
  const prepared = engine.prepare(source, file);
  if (!prepared.value || hasErrors(prepared.diagnostics)) {
    for (const d of prepared.diagnostics) if (d.severity === 'error') io.err(`${diagnosticLine(file, d, locale)}\n`);
    return 2;
  }
  if (prepared.value.id !== round.scheme.id && other !== true) {
    io.err(`${say(WC.otherScheme({ prog: PROG, file, round: round.round.name ?? round.round.id, scheme: round.scheme.id, given: prepared.value.id }))}\n`);
    return 2;
  }
  // The round's own version: given as --base (checked), or the scheme file itself when it is it.
  let before: string | undefined = prepared.value.hash === round.scheme.hash ? source : undefined;
  if (typeof base === 'string') {
    const text = readBounded(io, base, locale);
    if (text === undefined) return 2;
    const hash = sourceHash(text);
    if (hash !== round.scheme.hash) {
      io.err(`${say(WC.baseMismatch({ prog: PROG, file: base, round: round.round.name ?? round.round.id, hash, expected: round.scheme.hash }))}\n`);
      return 2;
    }
    before = text;
  }
  const outcome = await whatIf(engine, prepared.value, round, {
    lang: locale, unpaged: true, sources: { ...(before !== undefined && { before: { text: before } }), after: { text: source } },
  });
  if (!outcome.ok) {
    if (outcome.reason === 'invalid_input') {
      io.err(`${say(WC.invalidInputs({ prog: PROG, file }))}\n`);
      for (const e of outcome.errors) io.err(`${say(WC.inputProblem({ subject: e.subject ?? '', problem: problemText(e.path ?? '', e.msg ? say(e.msg) : e.message, locale) }))}\n`);
    } else io.err(`${say(WC.notEvaluated({ prog: PROG, file: against, round: round.round.name ?? round.round.id }))}\n`);
    return 2;
  }
  const w = outcome.value;
  if (typeof out !== 'string') {
    io.out(reportText(w, locale));
    return 0;
  }
  let cut = 0; // cells cut to fit Excel (sheets/xlsx.ts fitCell)
  const controls: ControlCell[] = []; // cells whose control characters Excel cannot keep (xlsx.ts xmlText)
  const written = await writeOrReport(io, 'whatif', out, locale, async (target) => {
    if (ext === '.json') await writeFile(target, `${JSON.stringify(w, null, 2)}\n`, 'utf8');
    else cut = await writeWorkbookFile(target, whatIfWorkbook(w, locale), controls);
  });
  if (!written) return 2;
  io.err(`${say(WC.wrote({ file: out }))}\n`);
  if (cut > 0) io.err(`${say(SheetWords.cellsCut({ file: out, count: cut, max: MAX_CELL_CHARS }))}\n`);
  if (controls.length > 0) io.err(`${say(controlsReplaced(out, controls))}\n`);
  return 0;
}

/** The file's text, or undefined after saying why not: a file above MAX_FILE_BYTES is refused by
 * its size before anything is read (standard input and files the IO alone knows are not measured). */
function readBounded(io: IO, path: string, locale: Locale): string | undefined {
  if (path !== '-') {
    let size: number | undefined;
    try {
      const st = statSync(resolve(io.cwd, path));
      if (st.isFile()) size = st.size;
    } catch {
      // not on disk (or not measurable): reading it says why
    }
    if (size !== undefined && size > MAX_FILE_BYTES) {
      const mb = (n: number) => String(Math.ceil(n / 1024 / 1024));
      io.err(`${render(WC.tooBig({ prog: PROG, file: path, size: mb(size), limit: mb(MAX_FILE_BYTES) }), locale)}\n`);
      return undefined;
    }
  }
  return readOrReport(io, 'whatif', path, locale);
}

/** What a valid export cannot hold but a hand-edited one may (hostile F5): inputs of someone not on
 * the roster (the simulation would drop them silently), and result numbers no scheme gives —
 * beyond ±MAX_SCORE — each by its path. At most five. */
function forgedProblems(round: RoundAgainst, locale: Locale): string[] {
  const say = (m: Msg) => render(m, locale);
  const problems: string[] = [];
  const members = new Set(round.members.map((m) => m.id));
  round.inputs.forEach((x, i) => {
    if (!members.has(x.subject)) problems.push(say(WC.exportProblem({ path: `inputs[${i}].subject`, message: say(WC.notAMember({ subject: x.subject })) })));
  });
  const check = (path: string, v: number | null | undefined) => {
    if (typeof v === 'number' && !(Math.abs(v) <= MAX_SCORE)) problems.push(say(WC.exportProblem({ path, message: say(WC.absurdNumber({ value: String(v), max: '1e9' })) })));
  };
  round.result?.results.forEach((r, i) => {
    const at = `result.results[${i}]`;
    for (const k of ['score', 'base', 'adjust', 'rewards', 'deductions', 'bonus'] as const) check(`${at}.${k}`, r[k]);
    for (const [list, nodes] of [['indicators', r.indicators], ['groups', r.groups]] as const) {
      nodes.forEach((n, j) => { for (const k of ['score', 'weight', 'points'] as const) check(`${at}.${list}[${j}].${k}`, n[k]); });
    }
  });
  return problems.slice(0, 5);
}

/** `path：message`, the path once: an engine message that already starts with its path keeps it. */
function problemText(path: string, message: string, locale: Locale): string {
  if (path === '' || message.startsWith(path)) return message;
  return `${path}${locale === 'zh' ? '：' : ': '}${message}`;
}

/** The round file as an export, or undefined after saying what is wrong (JSON, or each problem's
 * path, in the reader's language: zod's English is reworded as the server's 400s are). */
function parseRound(io: IO, path: string, text: string, locale: Locale): RoundAgainst | undefined {
  const say = (m: Msg) => render(m, locale);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    io.err(`${say(C.jsonUnreadable({ file: path, why: (e as Error).message }))}\n`);
    return undefined;
  }
  const parsed = RoundExportSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 5).map((i) => {
      const at = i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
      const msg = issueMsg(i);
      return say(WC.exportProblem({ path: at || say(WC.root()), message: msg ? say(msg) : i.message }));
    });
    io.err(`${say(WC.notRoundExport({ prog: PROG, file: path, problems: problems.join(locale === 'zh' ? '；' : '; ') }))}\n`);
    return undefined;
  }
  return parsed.data as RoundAgainst;
}

const changeWord = { changed: WC.changed, added: WC.added, removed: WC.removed } as const;

/** The text report: per unit the grade counts and quotas before → after, the declarations that
 * differ, the changed people with their reasons. */
export function reportText(w: WhatIf, locale: Locale): string {
  const say = (m: Msg) => render(m, locale);
  const lines: string[] = [];
  // Every value from the round or the scheme through shown(): no control character reaches the terminal raw (F4).
  const label = (l: string | null) => (l === null ? '' : say(WC.versionLabel({ label: shown(l) })));
  lines.push(say(WC.title({
    scheme: shown(w.scheme.after.id), label: label(w.scheme.after.label), hash: shown(w.scheme.after.hash.slice(0, 19)), round: shown(w.round.name ?? w.round.id), period: shown(w.round.period),
    version: w.scheme.before.version, beforeLabel: label(w.scheme.before.label), before: shown(w.scheme.before.hash.slice(0, 19)),
  })), '');
  lines.push(say(WC.units()));
  for (const row of [...w.units, w.overall]) {
    const counts = w.grades.filter((g) => row.before[g] || row.after[g]).map((g) => say(WC.gradeCount({ grade: g === 'none' ? say(WC.none()) : shown(g), from: row.before[g] ?? 0, to: row.after[g] ?? 0 })));
    lines.push(`  ${row.unit === '' ? say(WC.overall()) : shown(row.unit)}  ${say(WC.size({ n: row.size }))}  ${counts.join('  ')}`);
    for (const q of row.quotas) {
      lines.push(`    ${say(WC.quota({ grade: shown(q.grade), limitFrom: q.before?.limit ?? '—', limitTo: q.after?.limit ?? '—', from: q.before?.admitted ?? '—', to: q.after?.admitted ?? '—' }))}`);
    }
  }
  lines.push('');
  if (w.rules === null) lines.push(say(WC.rulesUnknown()));
  else if (w.rules.length === 0) lines.push(say(WC.noRules()));
  else {
    lines.push(say(WC.rules()));
    for (const r of w.rules) {
      lines.push(`  ${say(WC.ruleLine({ title: shown(r.title ?? r.name), change: changeWord[r.change](), before: r.before?.line ?? '—', after: r.after?.line ?? '—' }))}`);
    }
  }
  lines.push('');
  if (w.changes.length === 0) lines.push(say(WC.nobody()));
  else {
    lines.push(say(WC.people({ n: w.summary.changed, up: w.summary.up, down: w.summary.down })));
    for (const c of w.changes) lines.push(`  ${say(WC.person({ who: shown(c.name ? `${c.subject} ${c.name}` : c.subject), unit: shown(c.unit), reason: shown(c.reason) }))}`);
  }
  return `${lines.join('\n')}\n`;
}
