// The words of the papers' errors (issue 15): a round with no result to print, a person or unit not
// in it (for a unit officer: not among those they may see), a unit officer asking for another unit or
// whose units have nobody in the round, a file too large to make at once.

import { defineMessages } from '../../dsl/i18n/index.js';

export const P = defineMessages('serverReports', {
  en: {
    notEvaluated: 'round `{id}` has not been evaluated yet: there is no result to print; evaluate it first',
    notInRound: '`{subject}` is not among the people of round `{id}` (its latest result): check the id on the roster',
    unitNotInRound: 'nobody of unit `{unit}` is in the latest result of round `{id}`',
    notAmongYours: '`{subject}` is not among the people of round `{id}` you may see (your account sees only the people of {units}): check the id on the roster',
    nobodyOfYours: 'nobody of your account\'s units ({units}) is in the latest result of round `{id}`: there is nothing of yours to print',
    otherUnit: 'your account covers only {units}, not unit `{unit}`',
    tooManyPages: 'this file would have {count} pages, more than {max} at once: ask for one unit with `?unit=`',
  },
  zh: {
    notEvaluated: '考核批次“{id}”尚未评定，没有可打印的结果，请先评定',
    notInRound: '“{subject}”不在考核批次“{id}”的最新结果中，请核对名册上的编号',
    unitNotInRound: '考核批次“{id}”的最新结果中没有单位“{unit}”的人员',
    notAmongYours: '“{subject}”不在考核批次“{id}”中你可查看的人员中（你的账户只能查看{units}的人员），请核对名册上的编号',
    nobodyOfYours: '考核批次“{id}”的最新结果中没有你的账户所管理单位（{units}）的人员，没有可打印的内容',
    otherUnit: '你的账户只管理{units}，不包括单位“{unit}”',
    tooManyPages: '该文件共有{count}页，超过一次最多{max}页，请用“?unit=”按单位分别生成',
  },
});
