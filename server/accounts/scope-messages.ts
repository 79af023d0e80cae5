// The words of unit scoping (issue 14: a unit officer — an account with units — sees and acts for
// its units only): the refusals of steps that decide or show the whole cohort, of a round made for
// another unit, and of the cohort-wide
// evaluations list. One catalog (namespace `scope`) used by rounds, subjects and evaluations alike.

import { defineMessages } from '../../dsl/i18n/index.js';

export const U = defineMessages('scope', {
  en: {
    evaluateNeedsAllUnits: 'only an account covering every unit may evaluate a round: the result decides the whole cohort',
    publicizeNeedsAllUnits: 'only an account covering every unit may put a round into public notice',
    finalizeNeedsAllUnits: 'only an account covering every unit may finalize a round',
    roundUnitNotYours: 'unit `{unit}` is not one of your units ({units}); make rounds for your own units',
    roundUnitRequired: 'your account covers only some units: give the round a `unit`, one of {units}',
    evaluationsNeedAllUnits: 'evaluations are cohort-wide: only an account covering every unit may list them; use `GET /api/rounds` instead',
  },
  zh: {
    evaluateNeedsAllUnits: '只有可处理全部单位的账号才能计算考核批次：计算结果决定全体人员的等次',
    publicizeNeedsAllUnits: '只有可处理全部单位的账号才能将考核批次公示',
    finalizeNeedsAllUnits: '只有可处理全部单位的账号才能确定考核批次的最终结果',
    roundUnitNotYours: '单位“{unit}”不在您负责的单位（{units}）之中，只能为自己负责的单位建立考核批次',
    roundUnitRequired: '您的账号只负责部分单位，请为考核批次指定单位（“unit”），可选：{units}',
    evaluationsNeedAllUnits: '测评记录涉及全体人员，只有可处理全部单位的账号才能查看列表，请改用“GET /api/rounds”',
  },
});
