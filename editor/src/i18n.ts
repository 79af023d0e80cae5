// UI text in zh-CN (default) and English: one dictionary, `t(key, params)`. The choice is kept in
// localStorage; switching reloads the page (main.ts), because Monaco's own words are fixed when it
// loads (nls.ts).

import { zhMessage } from '../../dsl/code-titles-zh.js';
import type { Diagnostic } from '../../dsl/diagnostics.js';

export type Lang = 'zh' | 'en';

const zh = {
  title: 'kaohe 考核 · 方案编辑器', schemes: '方案', tryIt: '试算', examples: '示例', cohort: '批量评定', publish: '发布',
  problems: '问题', noProblems: '没有问题', save: '保存草稿', saving: '正在保存…', format: '格式化',
  unsaved: '未保存', newScheme: '新建方案', open: '打开', refresh: '刷新', version: '版本', status: '状态',
  draft: '草稿', published: '已发布', createdAt: '创建时间', publishedAt: '发布时间', latest: '最新版本', none: '无',
  loading: '正在加载…', evaluate: '计算', rawJson: '原始 JSON', applyJson: '应用到表单', fillExample: '用示例填充',
  choose: '请选择', required: '必填', optional: '可选', listHint: '多个值用逗号分隔', ratingsHint: '每类评分用逗号分隔',
  jsonHint: 'JSON 格式', grade: '等次', noGrade: '不定等次', score: '总分', base: '基础分', adjust: '调节系数', rewards: '加分',
  deductions: '扣分', bonus: '奖金系数', provisional: '暂定（未按比例限额）', reasons: '评定理由', indicators: '指标',
  groups: '类别', indicator: '指标', group: '类别', weight: '权重', points: '折合分', indScore: '分数', negative: '负面清单事项',
  rewardItems: '加分事项', actions: '结果运用措施', improve: '改进建议', nothing: '无', chartPoints: '各类别/指标得分',
  chartScores: '指标得分（满分 100）', runExamples: '运行示例', passed: '通过', failed: '未通过', expect: '预期',
  left: '实际值', right: '预期值', allPassed: '全部 {n} 个示例通过', someFailed: '{f} / {n} 个示例未通过', noExamples: '方案中没有示例',
  upload: '上传文件', evaluateCohort: '批量评定', subject: '人员',
  distribution: '等次分布', cohortKey: '分组', diffTitle: '与已发布版本 {n} 的差异', noPublished: '尚无已发布版本（与空白比较）',
  publishNow: '发布为新版本', publishedOk: '已发布为版本 {n}', refused: '发布被拒绝', versions: '版本列表', publishedHead: '已发布', language: 'English',
  signinNeeded: '未登录：请打开服务器启动时打印的一次性登录链接。', networkError: '无法连接服务器，请确认 kaohe 服务正在运行', serverError: '服务器错误',
  err400: '请求格式不正确', err401: '登录已失效，请重新打开服务器打印的登录链接', err403: '当前账号无权执行此操作', err404: '未找到',
  err409: '操作冲突', err413: '内容过大', err422: '内容无法处理', err500: '服务器内部错误', line: '第 {l} 行',
  openFirst: '请先在“方案”中打开或新建一个方案', createdScheme: '已新建方案 {id}', confirmLeave: '有未保存的修改，确定离开？',
  keywordsZh: '转换为中文关键字', keywordsEn: '转换为英文关键字', inputProblems: '输入数据有误', schemeProblems: '方案有错误',
  failingExamples: '有示例未通过', id: '编号', subjects: '共 {n} 人', ms: '{n} 毫秒',
  readAsGbk: '文件不是 UTF-8 编码，已按 GBK（GB18030）读取', foundValue: '实际为 {v}', inputWhole: '输入',
  tabHint: 'Ctrl+M：Tab 移出编辑器', tabHintLong: '按 Ctrl+M 后，Tab 键在页面元素间移动焦点，而不是插入空格；再按一次恢复',
  cannotFormat: '方案有语法错误，改正后才能格式化',
  emptyQuota: '{cohort}：{grade} 的名额为 0（{n} 人按比例取整后为 0），无人能评为{grade}',
  schemeExists: '已有同名方案：请修改 scheme 后面的方案名称再保存，或打开已有的方案',
  template: '示例方案', diagnosticsCount: '{e} 个错误，{w} 个警告', cursor: '行 {l}，列 {c}', evaluated: '计算完成（评定编号 {id}）',
  // ---- versions on screen, saving old versions, publishing, comparing (issue 11 items 1, 3, 10)
  targetPublished: '版本 {n} · 已发布', targetDraft: '草稿 {n}', targetNew: '新方案', clean: '已保存',
  savedAs: '已保存为草稿 {n}', notSaved: '没有保存', cancel: '取消', close: '关闭',
  saveOldTitle: '用版本 {v} 的文本保存草稿？', saveAnyway: '仍然保存',
  saveOldReplaces: '你打开的是版本 {v}（{status}）。保存会用它的文本（连同你的修改）替换草稿 {d}，草稿 {d} 现有的内容将丢失。',
  saveOldOpens: '你打开的是版本 {v}（{status}）。保存会用它的文本（连同你的修改）新建草稿 {d}。',
  saveOldUndoes: '草稿发布后，版本 {p} 相对版本 {v} 所做的修改将被撤销。',
  saveOldHint: '若要在最新的版本上修改，请取消，再在版本列表中打开版本 {latest}。',
  publishTitle: '发布为版本 {n}？', publishConfirm: '确认发布',
  checking: '正在检查…', cannotPublish: '不能发布', publishFixErrors: '有错误的文本不能发布',
  publishAgainst: '下面是与已发布的版本 {p} 相比的全部修改（左边为版本 {p}，右边为将发布的文本）。',
  publishFirst: '这是第一个发布的版本，下面是它的全部内容。',
  publishFinal: '发布后版本 {n} 不能再修改；之后的评定默认使用它。',
  compare: '比较', compareTitle: '比较版本', compareHead: '{a} 与 {b} 的差异（左边：{a}）', compareWith: '与',
  editorText: '编辑器中的文本', versionOption: '版本 {n}（{status}）', sameText: '两者内容相同',
  guide: '使用指南', leaveTitle: '放弃未保存的修改？', leave: '放弃修改',
} as const;

export type Key = keyof typeof zh;

const en: Record<Key, string> = {
  title: 'kaohe · scheme editor', schemes: 'Schemes', tryIt: 'Try it', examples: 'Examples', cohort: 'Cohort', publish: 'Publish',
  problems: 'Problems', noProblems: 'No problems', save: 'Save draft', saving: 'Saving…', format: 'Format',
  unsaved: 'Unsaved', newScheme: 'New scheme', open: 'Open', refresh: 'Refresh', version: 'Version', status: 'Status',
  draft: 'draft', published: 'published', createdAt: 'Created', publishedAt: 'Published', latest: 'Latest', none: 'none',
  loading: 'Loading…', evaluate: 'Evaluate', rawJson: 'Raw JSON', applyJson: 'Apply to form', fillExample: 'Fill from example',
  choose: 'Choose', required: 'required', optional: 'optional', listHint: 'separate values with commas', ratingsHint: 'ratings per category, comma-separated',
  jsonHint: 'JSON', grade: 'Grade', noGrade: 'No grade', score: 'Score', base: 'Base', adjust: 'Adjust', rewards: 'Rewards',
  deductions: 'Deductions', bonus: 'Bonus', provisional: 'provisional (quotas not applied)', reasons: 'Reasons', indicators: 'Indicators',
  groups: 'Groups', indicator: 'Indicator', group: 'Group', weight: 'Weight', points: 'Points', indScore: 'Score', negative: 'Negative items',
  rewardItems: 'Reward items', actions: 'Actions', improve: 'Improve', nothing: 'none', chartPoints: 'Points per group / indicator',
  chartScores: 'Indicator scores (of 100)', runExamples: 'Run examples', passed: 'passed', failed: 'failed', expect: 'Expect',
  left: 'Actual', right: 'Expected', allPassed: 'All {n} examples pass', someFailed: '{f} of {n} examples fail', noExamples: 'The scheme has no examples',
  upload: 'Upload', evaluateCohort: 'Evaluate cohort', subject: 'Subject',
  distribution: 'Grade distribution', cohortKey: 'Cohort', diffTitle: 'Changes against published version {n}', noPublished: 'No published version yet (compared with empty)',
  publishNow: 'Publish as a new version', publishedOk: 'Published as version {n}', refused: 'Publishing was refused', versions: 'Versions', publishedHead: 'Published', language: '中文',
  signinNeeded: 'Not signed in: open the one-time sign-in URL the server printed.', networkError: 'Cannot reach the server ({msg}); is kaohe running?', serverError: 'Server error',
  err400: 'Malformed request', err401: 'Your session has ended; open the sign-in URL again', err403: 'Your account may not do this', err404: 'Not found',
  err409: 'Conflict', err413: 'Too large', err422: 'Cannot be processed', err500: 'Internal server error', line: 'line {l}',
  openFirst: 'Open or create a scheme under “Schemes” first', createdScheme: 'Created scheme {id}', confirmLeave: 'You have unsaved changes. Leave anyway?',
  keywordsZh: 'Convert to Chinese keywords', keywordsEn: 'Convert to English keywords', inputProblems: 'The input is invalid', schemeProblems: 'The scheme has errors',
  failingExamples: 'Some examples fail', id: 'ID', subjects: '{n} subjects', ms: '{n} ms',
  readAsGbk: 'The file is not UTF-8; it was read as GBK (GB18030)', foundValue: 'found {v}', inputWhole: 'input',
  tabHint: 'Ctrl+M: Tab leaves the editor', tabHintLong: 'After Ctrl+M, Tab moves focus between the page\'s controls instead of inserting spaces; press it again to switch back',
  cannotFormat: 'The scheme has syntax errors; fix them before formatting',
  emptyQuota: '{cohort}: the quota for {grade} is 0 ({n} people times the percentage rounds to 0), so nobody can be {grade}',
  schemeExists: 'A scheme of that name exists: change the name after `scheme` before saving, or open the existing scheme',
  template: 'Template', diagnosticsCount: '{e} errors, {w} warnings', cursor: 'Ln {l}, Col {c}', evaluated: 'Evaluated (evaluation {id})',
  targetPublished: 'Version {n} · published', targetDraft: 'Draft {n}', targetNew: 'New scheme', clean: 'Saved',
  savedAs: 'Saved as draft {n}', notSaved: 'Not saved', cancel: 'Cancel', close: 'Close',
  saveOldTitle: 'Save a draft from version {v}’s text?', saveAnyway: 'Save anyway',
  saveOldReplaces: 'You opened version {v} ({status}). Saving replaces draft {d} with its text (and your changes); what draft {d} holds now is lost.',
  saveOldOpens: 'You opened version {v} ({status}). Saving makes draft {d} from its text (and your changes).',
  saveOldUndoes: 'Once the draft is published, the changes version {p} made to version {v} are undone.',
  saveOldHint: 'To change the newest version instead, cancel and open version {latest} from the version list.',
  publishTitle: 'Publish as version {n}?', publishConfirm: 'Publish',
  checking: 'Checking…', cannotPublish: 'Cannot publish', publishFixErrors: 'a text with errors cannot be published',
  publishAgainst: 'All changes against published version {p} (left: version {p}; right: the text to publish).',
  publishFirst: 'This is the first version to be published; this is all of it.',
  publishFinal: 'Once published, version {n} cannot be changed; evaluations use it from then on.',
  compare: 'Compare', compareTitle: 'Compare versions', compareHead: '{a} against {b} (left: {a})', compareWith: 'with',
  editorText: 'Text in the editor', versionOption: 'Version {n} ({status})', sameText: 'The two are the same',
  guide: 'User guide', leaveTitle: 'Discard unsaved changes?', leave: 'Discard changes',
};

const DICTS: Record<Lang, Record<Key, string>> = { zh, en };
const listeners = new Set<() => void>();

export let lang: Lang = (localStorage.getItem('kaohe.lang') as Lang | null) ?? 'zh';

export function t(key: Key, params: Record<string, string | number> = {}): string {
  return DICTS[lang][key].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
}

export function setLang(l: Lang): void {
  lang = l;
  localStorage.setItem('kaohe.lang', l);
  document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
  for (const f of listeners) f();
}

/** A diagnostic's text in the UI language. The worker renders every message that is data (`msg`)
 * in the UI language (localizeDiagnostic); one still in English words only gets, in Chinese, its
 * code's Chinese title first (dsl/code-titles-zh.ts). */
export function diagText(d: Pick<Diagnostic, 'code' | 'message' | 'msg'>): string {
  return lang === 'zh' && !d.msg ? zhMessage(d.code, d.message) : d.message;
}

/** Calls `f` now and whenever the language changes. */
export function onLang(f: () => void): void {
  listeners.add(f);
  f();
}
