// The checker's messages about ranks and quotas (issue 13: `rank by`, quota tables and scopes, soft
// quotas, several rules for one grade; KH-C130 … KH-C135 and the `rank by` type error). A catalog of
// its own (`checkQuotas`), so the feature adds no lines to the shared parts. `{type}` and `{what}` are
// Msgs (type names, kind words), `{scope}` one of the scope words below, shares as written (`30%`).

import { defineMessages } from '../../i18n/index.js';

export const M = defineMessages('checkQuotas', {
  en: {
    rankByType: '`rank by` ranks the subjects by a number, not {type}',
    keyUnknown: "unknown name '{name}': a quota table is looked up by an input or let of an enum type",
    keyNotValue: '{name} ({what}) is not an input or let: a quota table is looked up by an input or let of an enum type',
    keyNotEnum: '{name} is {type}: a quota table is looked up by an enum, with one share per member',
    tableGap: 'quota table by {name} has no share for {gap}: give every member of enum {enum} a share',
    tableNotMember: "'{member}' is not a member of enum {enum} (the type of {name})",
    tableTwice: "'{member}' has two shares in the quota table by {name}",
    tableShareRange: 'a share in a quota table must be from 0% to 100%',
    twoPerScope: 'grade {grade} has two quotas for {scope} (the other on line {line}): one quota per scope',
    normalAbove: 'the normal share {normal} is above the hard share {hard}: the soft quota could never flag anyone',
    normalAboveTable: 'the normal share {normal} is above every share of the quota table by {name} (at most {hard}): the soft quota could never flag anyone',
    notAdjacent: 'grade {name} already has a rule on line {line}: write the rules of one grade on lines next to each other',
    sCohort: 'its cohort',
    sOverall: 'the whole batch',
  },
  zh: {
    rankByType: '“排名依据”须为数值，而不是{type}',
    keyUnknown: '未定义的名称“{name}”：比例表须以枚举类型的输入项或定义取值',
    keyNotValue: '“{name}”是{what}，不是输入项或定义：比例表须以枚举类型的输入项或定义取值',
    keyNotEnum: '“{name}”是{type}：比例表须以枚举取值，每个成员一个比例',
    tableGap: '按“{name}”的比例表缺少{gap}的比例：枚举“{enum}”的每个成员都须给出比例',
    tableNotMember: '“{member}”不是枚举“{enum}”的成员（“{name}”的类型）',
    tableTwice: '“{member}”在按“{name}”的比例表中有两个比例',
    tableShareRange: '比例表中的比例须在 0% 至 100% 之间',
    twoPerScope: '等次“{grade}”在{scope}有两个比例（另一个在第 {line} 行）：每个范围只能有一个比例',
    normalAbove: '通常比例 {normal} 高于比例上限 {hard}：这样的通常比例不会标记任何人',
    normalAboveTable: '通常比例 {normal} 高于按“{name}”的比例表中的每一个比例（最高 {hard}）：这样的通常比例不会标记任何人',
    notAdjacent: '等次“{name}”已在第 {line} 行有规则：同一等次的多条规则须写在相邻的行',
    sCohort: '本组',
    sOverall: '全体',
  },
});
