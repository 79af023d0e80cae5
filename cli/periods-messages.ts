// The words of `kaohe eval --periods` (U6 M-11, cli/commands/eval-periods.ts): results files of
// earlier `kaohe eval` runs filling a scheme's roll-up inputs (季度结果, 往年). Each problem names the
// file (and the result or line in it); file names, options and scheme names go in as arguments.
// And of `--period` itself (C10, cli/commands/eval-period.ts): an option problem said as one (exit
// 2, before the input is read), and the notice that a scheme with a period was evaluated without one.

import { defineMessages } from '../dsl/i18n/index.js';

export const P = defineMessages('cliPeriods', {
  en: {
    notes_periods: '  --periods q1.json,q2.json,…: results files of earlier kaohe eval runs (--out x.json or x.jsonl) filling the inputs a round fills on the server: `results of SCHEME quarterly` (“季度结果”) and `past N …` (“往年”), per person by id; needs --period',
    needsPeriod: '{prog}: --periods needs the evaluation period (--period 2026): the periods a roll-up input reads depend on it',
    noTargets: '{prog}: --periods: the scheme has no input filled from results (`results of … quarterly`, `past N …`); leave --periods out',
    notResults: '{file}: not a results file of kaohe eval (JSON with “scheme”, “period” and “results”, or the .jsonl of --out x.jsonl)',
    badJson: '{file}: not valid JSON: {why}',
    badResult: '{file}, {where}: {what}',
    resultAt: 'result {n}',
    lineAt: 'line {line}',
    noSubject: 'no “subject” (the person’s id)',
    noScheme: 'no “scheme.id” (the scheme the result is of)',
    noPeriod: 'no “period”',
    badScore: '“score” is not a number',
    badGrade: '“grade” is not text',
    otherScheme: '{file}: results of the scheme “{scheme}”, which no input of this scheme reads (they read: {read})',
    otherPeriod: '{file}: results of “{scheme}” for {period}, which no input reads in {evalPeriod} (it reads: {periods})',
    twice: '{file}: “{scheme}” {period} again (already in {first}): give each period once',
    twiceSubject: '{file}: the person “{subject}” twice for “{scheme}” {period}',
    periodMissing: '{prog}: --periods: no file gives the results of “{scheme}” for {period}, which the input “{field}” reads (its rule when a period is missing: {missing})',
    replaced: 'the input “{field}” of {count} people comes from the --periods files; the roster’s column “{field}” is not used',
    read: 'read {count} results of “{scheme}” from {file} ({period})',
    // ---- --period (eval-period.ts)
    badPeriod: '{prog}: the option --period {period} is wrong: {why}; the scheme “{scheme}” takes --period {form}. Nothing was evaluated',
    badPeriodAnyKind: '{prog}: the option --period {period} is wrong: {why}. Nothing was evaluated',
    periodNeeded: '{prog}: the scheme “{scheme}” needs the evaluation period ({why}) and a roster cannot give it: add --period {form}. Nothing was evaluated',
    periodNeededDates: 'its rules read periodStart/periodEnd',
    periodNeededInput: 'the input “{input}” reads results by period',
    periodNotNamed: '{prog}: the scheme “{scheme}” is assessed by period ({kind}) but no period was given, so the results name none (they stand: no rule reads the period); to name it, add --period {form}',
  },
  zh: {
    notes_periods: '  “--periods q1.json,q2.json,…”：以前“kaohe eval”写出的结果文件（“--out x.json”或“x.jsonl”），按人员编号填入服务器上考核批次自动填写的输入项：“引用结果 方案 季度”（如季度结果）和“过去 N …”（如往年）；须同时写“--period”',
    needsPeriod: '{prog}：使用“--periods”时须写考核期（如“--period 2026”）：汇总类输入读取哪些考核期，取决于本次考核期',
    noTargets: '{prog}：“--periods”：本方案没有从考核结果汇总的输入项（“引用结果 … 季度”、“过去 N …”），不需要“--periods”',
    notResults: '“{file}”不是“kaohe eval”的结果文件（应为含“scheme”、“period”和“results”的“JSON”，或“--out x.jsonl”写出的“.jsonl”）',
    badJson: '“{file}”不是有效的“JSON”：{why}',
    badResult: '“{file}”{where}：{what}',
    resultAt: '第 {n} 个结果',
    lineAt: '第 {line} 行',
    noSubject: '缺少“subject”（人员编号）',
    noScheme: '缺少“scheme.id”（结果所属方案）',
    noPeriod: '缺少“period”（考核期）',
    badScore: '“score”不是数值',
    badGrade: '“grade”不是文本',
    otherScheme: '“{file}”是方案“{scheme}”的结果，本方案没有输入项读取它（读取的是：{read}）',
    otherPeriod: '“{file}”是“{scheme}”{period}的结果，本次考核期{evalPeriod}的输入项不读取该考核期（读取：{periods}）',
    twice: '“{file}”又给出了“{scheme}”{period}的结果（已见于“{first}”）：每个考核期只能给一次',
    twiceSubject: '“{file}”中人员“{subject}”在“{scheme}”{period}的结果出现了两次',
    periodMissing: '{prog}：“--periods”中没有“{scheme}”{period}的结果，而输入项“{field}”要读取它（缺失时的规则：{missing}）',
    replaced: '{count} 人的输入项“{field}”取自“--periods”的结果文件，名单中的“{field}”列不使用',
    read: '已从“{file}”读取“{scheme}”{period}的 {count} 个结果',
    // ---- --period (eval-period.ts)
    badPeriod: '{prog}：选项“--period {period}”有误：{why}；方案“{scheme}”的考核期应写作“--period {form}”。未进行考核',
    badPeriodAnyKind: '{prog}：选项“--period {period}”有误：{why}。未进行考核',
    periodNeeded: '{prog}：方案“{scheme}”须有考核期（{why}），名单中无法给出：请加“--period {form}”。未进行考核',
    periodNeededDates: '其规则用到了周期开始或周期结束',
    periodNeededInput: '输入项“{input}”按考核期引用结果',
    periodNotNamed: '{prog}：方案“{scheme}”按考核期考核（{kind}），但未给出考核期，结果中不含考核期（没有规则用到考核期，结果不受影响）；如需写明，请加“--period {form}”',
  },
});
