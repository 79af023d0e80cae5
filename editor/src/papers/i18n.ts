// The words of the links to printable pages (links.ts), in Chinese and English: a dsl/i18n catalog,
// checked like every other (same placeholders, no English words in Chinese), rendered in the UI
// language of editor/src/i18n.ts.

import { defineMessages, render, type MsgArgs } from '../../../dsl/i18n/index.js';
import { lang } from '../i18n.js';

const M = defineMessages('editor-papers', {
  en: {
    papers: 'Printable papers',
    papersHint: 'Each opens in a new tab as an A4 page: print it, or save it as PDF from the browser’s print dialog.',
    papersAfterEvaluation: 'Feedback sheets, the publicity list, registration forms and result notices can be printed once the round is evaluated.',
    publicityAll: 'Publicity list (whole round)',
    publicityUnit: 'Publicity list',
    publicityExcel: 'Publicity list (Excel)',
    resultsExcel: 'Results with scores (Excel)',
    feedback: 'Feedback sheet',
    feedbackUnit: 'Feedback sheets',
    register: 'Registration form',
    registerUnit: 'Registration forms',
    notice: 'Result notice',
    noticeUnit: 'Result notices',
    colUnit: 'Unit',
    colPapers: 'Papers (the whole unit in one file)',
    personPapers: 'Papers for this person',
    personRound: '{scheme} {period}',
    schemeDocument: 'The scheme in plain words (version {n})',
    schemeDocumentDraft: 'The scheme in plain words (draft {n})',
    schemeDocumentHint: 'Generated from the rules of the saved version, for publication to the people assessed; save first to see unsaved changes.',
  },
  zh: {
    papers: '打印与公文',
    papersHint: '每项在新标签页中打开为 A4 页面，可直接打印，或在浏览器的打印对话框中另存为 PDF。',
    papersAfterEvaluation: '批次评定之后，可打印反馈面谈表、公示名单、登记表和结果通知书。',
    publicityAll: '公示名单（全部单位）',
    publicityUnit: '公示名单',
    publicityExcel: '公示名单（Excel）',
    resultsExcel: '考核结果明细（Excel）',
    feedback: '反馈表',
    feedbackUnit: '反馈表',
    register: '登记表',
    registerUnit: '登记表',
    notice: '结果通知',
    noticeUnit: '结果通知',
    colUnit: '单位',
    colPapers: '打印（全单位一个文件）',
    personPapers: '此人的反馈表与公文',
    personRound: '{scheme} {period}',
    schemeDocument: '方案说明（版本 {n}）',
    schemeDocumentDraft: '方案说明（草稿 {n}）',
    schemeDocumentHint: '根据已保存版本的规则生成，供向被考核人公布；未保存的修改请先保存。',
  },
});

export type PapersKey = keyof typeof M;

/** A text of this catalog in the UI language. */
export function tp(key: PapersKey, args?: MsgArgs): string {
  return render(M[key](args), lang);
}
