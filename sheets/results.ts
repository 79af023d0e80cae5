// Evaluation results as a workbook: one row per person — id, display fields (姓名, 科室…), the
// cohort unit, the inputs (laid out as the roster's columns), each indicator's and group's score
// (with points, subtotal and attached items where they apply: results-points.ts), base, rewards,
// deductions, total, grade, the ranks (issue 13), the reasons for it (quota decisions included), the
// scope of a demotion, soft-quota flags and committee decisions (results-cohort.ts), matched negative
// and reward items with their amounts, actions, bonus (when the scheme gives one) and what to improve
// — a second sheet with the grade distribution per unit with a total row, and a third of the quotas
// per scope when the scheme has an overall or soft quota. Scores carry the scheme's precision (97.00).
// Headings as the reader knows them (U6 L-2): an indicator or group by its label (重点任务, not the id
// 一般任务; the id where it has none, both where two share a label), the id column by the roster's own
// heading (身份证号) when the caller knows it, and a display column whose every value is a date
// (出生日期: the roster reader turns an Excel date into 1983-11-28) as date cells.

import { render, type Locale } from '../dsl/i18n/index.js';
import type { Contract } from '../dsl/service/index.js';
import type { CohortResult, CohortSummary, SubjectInput, SubjectResult } from '../engine/api.js';
import { inputCell, layoutInputs, leafValue, type LeafColumn } from './layout.js';
import { M } from './messages.js';
import { addCohortSeen, cohortColumns, cohortSeen, quotasSheet, type CohortSummaries } from './results-cohort.js';
import { addAttached, itemCells, pointsColumns } from './results-points.js';
import { ISO_DATE, widthOf, type OutCell, type SheetColumn, type SheetData, type WorkbookData } from './workbook.js';

type Person = SubjectResult & { cohort?: string };

export interface ResultsInput {
  contract: Contract;
  /** The subjects as evaluated, in the results' order (display fields come from here when the
   * results do not carry them). */
  subjects: readonly SubjectInput[];
  result: CohortResult | SubjectResult;
  locale: Locale;
  /** The roster's heading of its id column (身份证号), kept for the results' (default 编号). */
  idHeader?: string;
}

export function buildResults({ contract, subjects, result, locale, idHeader }: ResultsInput): WorkbookData {
  const people: Person[] = 'results' in result ? result.results : [result];
  const cohorts: CohortSummary[] = 'cohorts' in result ? result.cohorts : [single(result)];
  const layout = new ResultsLayout(contract, locale);
  layout.keepIdHeader(idHeader);
  people.forEach((r, i) => { layout.addInput(subjects[i]?.input); layout.addResult(r, subjects[i]?.display); });
  const columns = layout.columns();
  const rows = people.map((r, i) => layout.row(r, subjects[i]));
  return { sheets: [{ name: layout.sheetName(), columns, rows }, ...layout.summarySheets('results' in result ? result : { cohorts })], locale };
}

/** The results sheet's columns worked out person by person (addInput, addResult: what a column
 * depends on — display fields, list lengths, indicators and groups in a merged order, which extra
 * columns someone needs), then its rows one at a time — in memory (buildResults) or streamed from a
 * cohort too large to hold (node/results-stream.ts). Only names and flags are kept, never a row. */
export class ResultsLayout {
  private readonly displayKeys = new Set<string>();
  private readonly listLengths = new Map<string, number>();
  private readonly indicators = new MergeOrder();
  private readonly groups = new MergeOrder();
  private readonly attachedTo = new Set<string>();
  /** Indicator and group labels by id (a label equal to its id is none). */
  private readonly labels = new Map<string, string>();
  /** Display fields with a value that is no date (the others, seen with one, are date columns). */
  private readonly notDate = new Set<string>();
  private readonly someDate = new Set<string>();
  private idHeader?: string;
  private readonly cohort = cohortSeen();
  private showRewards = false;
  private showBonus = false;
  private laid?: Laid;

  constructor(private readonly contract: Contract, private readonly locale: Locale) {}

  /** A subject's input: how many numbered columns its lists of records need. */
  addInput(input: unknown): void {
    if (input === null || typeof input !== 'object' || Array.isArray(input)) return;
    for (const f of this.contract.fields) {
      const v = Object.hasOwn(input, f.name) ? (input as Record<string, unknown>)[f.name] : undefined;
      if (Array.isArray(v) && v.length > (this.listLengths.get(f.name) ?? 1)) this.listLengths.set(f.name, v.length);
    }
  }

  /** A person's result (`display`: the subject's, when the result carries none). */
  addResult(r: Person, display?: SubjectInput['display']): void {
    for (const [k, v] of Object.entries(r.display ?? display ?? {})) {
      this.displayKeys.add(k);
      if (typeof v === 'string' && ISO_DATE.test(v)) this.someDate.add(k);
      else if (v !== null && v !== undefined && v !== '') this.notDate.add(k);
    }
    for (const x of [...r.indicators, ...r.groups]) if (x.label && x.label !== x.id && !this.labels.has(x.id)) this.labels.set(x.id, x.label);
    this.indicators.add(r.indicators.map((x) => x.id));
    this.groups.add(r.groups.map((x) => x.id));
    addAttached(this.attachedTo, r);
    addCohortSeen(this.cohort, r);
    if (r.rewardItems.length > 0) this.showRewards = true;
    if (r.bonus !== null) this.showBonus = true; // no `bonus by grade`: no column
  }

  sheetName(): string { return render(M.sheetResults(), this.locale); }

  /** The roster's heading of its id column (身份证号), for the results' id column; before `columns`. */
  keepIdHeader(header: string | undefined): void {
    if (header !== undefined && header.trim() !== '') this.idHeader = header.trim();
  }

  /** The columns, once every person was added. */
  columns(): SheetColumn[] {
    return this.lay().columns;
  }

  /** One person's row (`subject`: the input evaluated, for the input columns). */
  row(r: Person, subject: SubjectInput | undefined): OutCell[] {
    const { displayKeys, showCohort, leaves, indicators, groups, pts, items, ranks, sep } = this.lay();
    const locale = this.locale;
    const display = r.display ?? subject?.display ?? {};
    const ind = new Map(r.indicators.map((x) => [x.id, x.score]));
    const grp = new Map(r.groups.map((x) => [x.id, x.score]));
    return [
      r.subject,
      ...displayKeys.map((k) => display[k] ?? null),
      ...(showCohort ? [r.cohort ?? null] : []),
      ...leaves.map((l) => inputCell(leafValue(subject?.input, l), locale)),
      ...indicators.flatMap((id) => [ind.get(id) ?? null, ...pts.cells(r, id)]),
      ...groups.map((id) => grp.get(id) ?? null),
      r.base, r.rewards, r.deductions, r.score,
      r.grade,
      ...ranks.rankCells(r),
      [...r.gradeReasons, ...(r.quota && !r.gradeReasons.includes(r.quota.reason) ? [r.quota.reason] : [])].join(sep),
      ...ranks.noteCells(r),
      items.negative(r),
      ...items.rewards(r),
      r.actions.join('、'),
      ...(this.showBonus ? [r.bonus] : []),
      r.improve.join('、'),
    ];
  }

  /** The sheets after the results: the grade distribution per unit, and the quotas when shown. */
  summarySheets(summaries: CohortSummaries): SheetData[] {
    const quotas = quotasSheet(summaries, this.contract, this.locale);
    return [distributionSheet(summaries.cohorts, this.contract, this.locale), ...(quotas ? [quotas] : [])];
  }

  private lay(): Laid {
    if (this.laid) return this.laid;
    const { contract, locale } = this;
    const words = (m: Parameters<typeof render>[0]) => render(m, locale);
    const p = contract.precision;
    const inputNames = new Set(contract.fields.map((f) => f.name)); // a `display` input has its input column
    const displayKeys = [...this.displayKeys].filter((k) => !inputNames.has(k));
    const showCohort = contract.cohortBy !== undefined && !contract.fields.some((f) => f.name === contract.cohortBy);
    const leaves = layoutInputs(contract.fields, (path) => this.listLengths.get(path) ?? 1);
    const indicators = this.indicators.list(), groups = this.groups.list();
    const pts = pointsColumns(contract, this.attachedTo, locale);
    const items = itemCells(this.showRewards, locale);
    const ranks = cohortColumns(contract, this.cohort, locale);
    const score = (header: string): SheetColumn => ({ header, decimals: p, width: widthOf([header], 8) });
    const named = headings([...indicators, ...groups], this.labels, locale);
    const columns: SheetColumn[] = [
      { header: this.idHeader ?? words(M.idHeader()), text: true, width: 20 }, // an 18-digit ID number in full
      ...displayKeys.map((k) => (this.someDate.has(k) && !this.notDate.has(k) ? { header: k, date: true, width: 12 } : { header: k, width: widthOf([k], 8, 20) })),
      ...(showCohort ? [{ header: contract.cohortBy!, width: 14 }] : []),
      ...leaves.map((l) => ({ header: l.header, width: widthOf([l.header], 8, 24) })),
      ...indicators.flatMap((id) => [score(named(id)), ...pts.columns(id, score, named(id))]),
      ...groups.map((id) => score(named(id))),
      score(words(M.baseHeader())), score(words(M.rewardsHeader())), score(words(M.deductionsHeader())), score(words(M.scoreHeader())),
      { header: words(M.gradeHeader()), width: 10 },
      ...ranks.rankColumns,
      { header: words(M.reasonsHeader()), width: 40, wrap: true },
      ...ranks.noteColumns,
      { header: words(M.negativeHeader()), width: 20, wrap: true },
      ...items.rewardColumns,
      { header: words(M.actionsHeader()), width: 14 },
      ...(this.showBonus ? [{ header: words(M.bonusHeader()), width: 10 }] : []),
      { header: words(M.improveHeader()), width: 16 },
    ];
    // A roster column named like a result column (总分, 评定等次, an indicator) must not stand before
    // the real one under the same header: whoever reads the sheet would take the roster's value.
    const taken = new Set(columns.slice(1 + displayKeys.length).map((c) => c.header).concat(columns[0].header));
    for (let d = 1; d <= displayKeys.length; d++) {
      if (taken.has(columns[d].header)) columns[d] = { ...columns[d], header: words(M.fromRoster({ header: columns[d].header })) };
    }
    this.laid = { columns, displayKeys, showCohort, leaves, indicators, groups, pts, items, ranks, sep: locale === 'zh' ? '；' : '; ' };
    return this.laid;
  }
}

interface Laid {
  columns: SheetColumn[];
  displayKeys: string[];
  showCohort: boolean;
  leaves: LeafColumn[];
  indicators: string[];
  groups: string[];
  pts: ReturnType<typeof pointsColumns>;
  items: ReturnType<typeof itemCells>;
  ranks: ReturnType<typeof cohortColumns>;
  sep: string;
}

function distributionSheet(cohorts: CohortSummary[], contract: Contract, locale: Locale): SheetData {
  const words = (m: Parameters<typeof render>[0]) => render(m, locale);
  const grades = unique([...contract.grades, ...cohorts.flatMap((c) => Object.keys(c.distribution).filter((g) => g !== 'none'))]);
  const keyHeader = contract.cohortBy ?? words(M.cohortHeader());
  const columns: SheetColumn[] = [
    { header: keyHeader, width: widthOf([keyHeader, ...cohorts.map((c) => c.key)], 10, 30) },
    { header: words(M.sizeHeader()), width: 8 },
    ...grades.map((g) => ({ header: g, width: widthOf([g], 8) })),
    { header: words(M.noGradeHeader()), width: 10 },
  ];
  const rows: OutCell[][] = cohorts.map((c) => [
    c.key === '' ? words(M.allCohort()) : c.key, c.size, ...grades.map((g) => c.distribution[g] ?? 0), c.distribution.none ?? 0,
  ]);
  if (cohorts.length > 1) {
    const sum = (k: number) => rows.reduce((s, r) => s + (r[k] as number), 0);
    rows.push([words(M.totalRow()), ...columns.slice(1).map((_, k) => sum(k + 1))]);
  }
  return { name: words(M.sheetDistribution()), columns, rows };
}

/** The distribution of one subject evaluated alone. */
function single(r: SubjectResult): CohortSummary {
  return { key: '', size: 1, quotas: [], distribution: { [r.grade ?? 'none']: 1 } };
}

const unique = (xs: Iterable<string>): string[] => [...new Set(xs)];

/** An indicator's or group's heading: its label; its id without one; `label（id）` when two share it. */
function headings(ids: readonly string[], labels: ReadonlyMap<string, string>, locale: Locale): (id: string) => string {
  const count = new Map<string, number>();
  for (const id of ids) { const l = labels.get(id) ?? id; count.set(l, (count.get(l) ?? 0) + 1); }
  return (id) => {
    const l = labels.get(id);
    if (l === undefined) return id;
    return count.get(l) === 1 ? l : render(M.labelWithId({ name: l, id }), locale);
  };
}

/** One order for names that each subject lists in declaration order, but only those that apply to
 * it (受理量 for 受理, 审批量 for 审批): a name not seen yet goes right after its predecessor in the
 * list that has it, so every list stays in its order. Lists come one at a time (`add`). */
export class MergeOrder {
  private readonly out: string[] = [];
  private readonly seen = new Set<string>();

  add(list: readonly string[]): void {
    const { out, seen } = this;
    if (list.every((name) => seen.has(name))) return; // the common case: nothing new (and no indexOf)
    let after = -1;
    for (const name of list) {
      if (seen.has(name)) { after = out.indexOf(name); continue; }
      out.splice(after + 1, 0, name);
      seen.add(name);
      after++;
    }
  }

  list(): string[] { return [...this.out]; }
}

export function mergeOrder(lists: readonly (readonly string[])[]): string[] {
  const order = new MergeOrder();
  for (const list of lists) order.add(list);
  return order.list();
}
