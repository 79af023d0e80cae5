// What the usual follow-up actions mean (约谈提醒, 限期改进, 诫勉, 组织处理, …), for the person reading
// the feedback sheet: a scheme names an action and may give it a label, but rarely says what it
// entails. A small glossary by the names schemes use for them (several spellings each); an action it
// does not know is explained by the scheme's own label, or as "as the scheme provides".

import { defineMessages, type Msg } from '../../dsl/i18n/index.js';

export const A = defineMessages('reportActions', {
  en: {
    talk: 'your supervisor or the personnel office talks with you about the problems found and reminds you to correct them in time.',
    improve: 'you draw up and carry out measures against the problems found within a set time; how far they were carried out is checked when it ends.',
    admonish: 'you are admonished in a talk or in writing and urged to correct the problems; promotion and similar steps during the period follow the relevant regulations.',
    organizational: 'depending on the case, measures under the relevant regulations such as suspension for inspection, a change of post, an order to resign, removal or demotion.',
    reassign: 'you are moved to another post according to the needs of the work and your performance.',
    training: 'you take part in training aimed at the shortcomings found, to improve how you perform your duties.',
    criticism: 'a criticism is circulated within a set scope.',
    noAwards: 'you do not take part in the selection for commendations and awards this year.',
    demote: 'your post or rank is lowered under the relevant regulations.',
    dismiss: 'you are removed from your leading post under the relevant regulations.',
  },
  zh: {
    talk: '由主管领导或组织人事部门与本人谈话，指出存在的问题，提醒及时改正。',
    improve: '针对存在的问题，在规定期限内制定并落实改进措施，期满后检查改进情况。',
    admonish: '以谈话或书面方式对本人进行诫勉，督促认识和改正问题；诫勉期间的提拔使用等按有关规定执行。',
    organizational: '按照有关规定，视情况采取停职检查、调整职务、责令辞职、免职、降职等措施。',
    reassign: '根据工作需要和本人表现，调整到其他工作岗位。',
    training: '安排参加有针对性的培训，提高履职能力。',
    criticism: '在一定范围内通报批评。',
    noAwards: '本年度不参加评优评先。',
    demote: '按照有关规定降低职务或者职级层次。',
    dismiss: '按照有关规定免去现任领导职务。',
  },
});

const GLOSSARY: Record<string, () => Msg> = {
  约谈提醒: A.talk, 谈话提醒: A.talk, 提醒谈话: A.talk, 约谈: A.talk,
  限期改进: A.improve, 限期整改: A.improve,
  诫勉: A.admonish, 诫勉谈话: A.admonish,
  组织处理: A.organizational,
  调整岗位: A.reassign, 岗位调整: A.reassign, 调岗: A.reassign,
  培训: A.training, 脱产培训: A.training, 待岗培训: A.training, 离岗培训: A.training,
  通报批评: A.criticism,
  取消评优: A.noAwards, 取消评优评先: A.noAwards, 取消评先评优: A.noAwards,
  降职: A.demote, 降级: A.demote,
  免职: A.dismiss,
};

/** What action `name` means, when the glossary knows it (also when only its label is a known name). */
export function actionMeaning(name: string, label?: string): Msg | undefined {
  return (GLOSSARY[name] ?? (label !== undefined ? GLOSSARY[label] : undefined))?.();
}
