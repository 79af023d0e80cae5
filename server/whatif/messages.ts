// The words of POST /api/whatif's refusals (server/whatif/), rendered in the reader's locale.

import { defineMessages } from '../../dsl/i18n/index.js';

export const WA = defineMessages('whatifApi', {
  en: {
    allUnitsOnly: 'a what-if re-evaluates and shows every unit\'s people; your account covers only some units',
    noDraft: 'the scheme `{id}` has no open draft to simulate',
    invalidInputs: 'the round\'s inputs do not fit the version simulated; nothing was stored',
    sourceHasErrors: 'the scheme text has errors',
    versionOrSource: 'give exactly one of `version` and `source`',
    otherScheme: 'the round belongs to the scheme `{round}`; the text simulated is the scheme `{given}` — simulate a version of `{round}`',
    cursorForm: 'a cursor is the `next` of a previous page: a whole number',
    notOnRoster: '`{subject}` is not on the roster of round `{id}`: check the id',
  },
  zh: {
    allUnitsOnly: '模拟会重新评定并显示所有单位的人员，您的账户仅涵盖部分单位',
    noDraft: '方案“{id}”没有可供模拟的草稿',
    invalidInputs: '考核批次的输入不符合所模拟的版本，未保存任何内容',
    sourceHasErrors: '方案文本有错误',
    versionOrSource: '“version”和“source”须给出其中一个，且只能给一个',
    otherScheme: '该考核批次属于方案“{round}”，所给方案为“{given}”；请用“{round}”的版本进行模拟',
    cursorForm: '“cursor”应为上一页返回的“next”，即一个整数',
    notOnRoster: '“{subject}”不在考核批次“{id}”的名册中，请核对编号',
  },
});
