// Evaluation results as a workbook: one row per person — id, display fields (姓名, 科室…), the
// cohort unit, the inputs (laid out as the roster's columns), each indicator's and group's score
// (with points, subtotal and attached items where they apply: results-points.ts), base, rewards,
// deductions, total, grade, the ranks (issue 13), the reasons for it (quota decisions included), the
// scope of a demotion, soft-quota flags and committee decisions (results-cohort.ts), matched negative
// and reward items with their amounts, actions, bonus (when the scheme gives one) and what to improve
// — a second sheet with the grade distribution per unit with a total row, and a third of the quotas
// per scope when the scheme has an overall or soft quota. Scores carry the scheme's precision (97.00).

import { render, type Locale } from '../dsl/i18n/index.js';
import type { Contract } from '../dsl/service/index.js';
import type { CohortResult, CohortSummary, SubjectInput, SubjectResult } from '../engine/api.js';
import { inputCell, layoutInputs, leafValue, type LeafColumn } from './layout.js';
import { M } from './messages.js';
import { addCohortSeen, cohortColumns, cohortSeen, quotasSheet, type CohortSummaries } from './results-cohort.js';
import { addAttached, itemCells, pointsColumns } from './results-points.js';
import { widthOf, type OutCell, type SheetColumn, type SheetData, type WorkbookData } from './workbook.js';

type Person = SubjectResult & { cohort?: string };

export interface ResultsInput {
  contract: Contract;
  /** The subjects as evaluated, in the results' order (display fields come from here when the
   * results do not carry them). */
  subjects: readonly SubjectInput[];
  result: CohortResult | SubjectResult;
  locale: Locale;
}

export function buildResults({ contract, subjects, result, locale }: ResultsInput): WorkbookData {
  const people: Person[] = 'results' in result ? result.results : [result];
  const cohorts: CohortSummary[] = 'cohorts' in result ? result.cohorts : [single(result)];
  const layout = new ResultsLayout(contract, locale);
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
    for (const k of Object.keys(r.display ?? display ?? {})) this.displayKeys.add(k);
    this.indicators.add(r.indicators.map((x) => x.id));
    this.groups.add(r.groups.map((x) => x.id));
    addAttached(this.attachedTo, r);
    addCohortSeen(this.cohort, r);
    if (r.rewardItems.length > 0) this.showRewards = true;
    if (r.bonus !== null) this.showBonus = true; // no `bonus by grade`: no column
  }

  sheetName(): string { return render(M.sheetResults(), this.locale); }

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
    const columns: SheetColumn[] = [
      { header: words(M.idHeader()), text: true, width: 20 }, // an 18-digit ID number in full
      ...displayKeys.map((k) => ({ header: k, width: widthOf([k], 8, 20) })),
      ...(showCohort ? [{ header: contract.cohortBy!, width: 14 }] : []),
      ...leaves.map((l) => ({ header: l.header, width: widthOf([l.header], 8, 24) })),
      ...indicators.flatMap((id) => [score(id), ...pts.columns(id, score)]),
      ...groups.map(score),
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
