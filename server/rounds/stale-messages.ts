// The words of a round's guards against stale or doubled results (issue 14, hostile findings): a
// round changed or out of date since its newest revision, 公示 cut short, a second round of the same
// scheme, period and unit, a second result for a person and period announced or settled (one-result.ts).
// A catalog of its own (namespace `roundsStale`), rendered at the edge.

import { defineMessages } from '../../dsl/i18n/index.js';

export const S = defineMessages('roundsStale', {
  en: {
    roundChanged: 'the roster or inputs of round `{id}` changed after its newest evaluation; re-evaluate first',
    roundOutOfDate: 'results that round `{id}` reads (a round, or imported results) were corrected, or arrived where it read none, after it was evaluated; re-evaluate it first (in public notice or when final: record a source refresh — the editor\'s Refresh sources button, or an amendment with `refresh: true` and a reason)',
    publicityShortened: 'the public notice of round `{id}` runs until {until}; it can be extended, not cut short to {wanted} (if {until} was a mistake, void the round and run it again)',
    roundExists: 'round `{other}` already covers scheme `{scheme}`, period {period} and {unit}; a person gets one result per period: use that round',
    wholeOrganization: 'the whole organization',
    unitNamed: 'unit `{unit}`',
    resultExists: 'round `{id}` cannot be finalized: {subjects} already have a final result for period {period}; a person gets one result per period (take them off this roster, or correct the other result by an amendment)',
    roundResultExists: '`{subject}` already has a final result for period {period} from round `{other}`',
    importedExists: '`{subject}` already has an imported final result for period {period}',
    resultAnnounced: (a) => `round \`${a.id}\` cannot enter public notice: ${a.count === '1' ? '1 person' : `${a.count} people`} of it (${a.subjects}) already ${a.count === '1' ? 'has' : 'have'} a result for period ${a.period} in public notice or final, from another round or an import; a person gets one result per period (take them off this roster and evaluate again, void the other round while it is in public notice, or correct the other result by an amendment)`,
    roundResultAnnounced: '`{subject}` already has a result for period {period} in the public notice of round `{other}`',
    importRoundExists: '`{subject}` already has a result for period {period} from round `{round}`; a person gets one result per period: correct it by an amendment of that round',
  },
  zh: {
    roundChanged: '考核批次“{id}”的名册或输入在最近一次评定后有改动，请先重新评定',
    roundOutOfDate: '考核批次“{id}”引用的结果（考核批次或导入的结果）在其评定后有更正，或评定时缺少的结果已经有了，请先重新评定（公示中或已定稿时，请在编辑器中写明理由后点“刷新引用结果”，或通过接口提交来源刷新）',
    publicityShortened: '考核批次“{id}”的公示到{until}结束，只能延长，不能提前到{wanted}（如截止日期填错，可作废本批次后重新评定、公示）',
    roundExists: '考核批次“{other}”已涵盖方案“{scheme}”、考核期{period}和{unit}，每人每个考核期只有一个结果，请使用该批次',
    wholeOrganization: '全部单位',
    unitNamed: '单位“{unit}”',
    resultExists: '考核批次“{id}”不能定稿：{subjects}在考核期{period}已有定稿结果，每人每个考核期只有一个结果（请将其移出本批次名册，或通过更正修改另一结果）',
    roundResultExists: '“{subject}”在考核期{period}已有考核批次“{other}”的定稿结果',
    importedExists: '“{subject}”在考核期{period}已有导入的定稿结果',
    resultAnnounced: '考核批次“{id}”不能进入公示：其中{count}人（{subjects}）在考核期{period}已有其他批次或导入的公示中或定稿结果，每人每个考核期只有一个结果（请将其移出本批次名册后重新评定，或在另一批次公示期间将其作废，或通过更正修改另一结果）',
    roundResultAnnounced: '“{subject}”在考核期{period}已有考核批次“{other}”正在公示的结果',
    importRoundExists: '“{subject}”在考核期{period}已有考核批次“{round}”的结果，每人每个考核期只有一个结果，请通过该批次的更正修改',
  },
});
