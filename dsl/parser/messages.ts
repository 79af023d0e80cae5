// The lexer's and parser's messages (KH-P…), in English and Chinese, and how tokens are named in
// them: as they are written (`indicator`/`指标`, `{`, a name) rather than by internal token names.
// Code and keywords are quoted with ` ` in English and “ ” in Chinese.
//
// Chevrotain builds its syntax-error messages through an IParserErrorMessageProvider, which must
// return a string; ours returns the message as data, JSON-encoded, and parse() decodes it (`decode`)
// into the Msg of the diagnostic. The string never leaves dsl/parser.

import type { IParserErrorMessageProvider, IToken, TokenType } from 'chevrotain';
import { defineMessages, type Msg } from '../i18n/index.js';
import { FOR_SUBJECT_ZH, keywordText, type KeywordId } from '../keywords.js';

const more = (n: string) => (n === '1' ? '1 more is not shown' : `${n} more are not shown`);

export const M = defineMessages('parser', {
  en: {
    // ---- how tokens are named
    aName: 'a name',
    aNumber: 'a number',
    aPercentage: 'a percentage',
    aString: 'a string',
    code: '`{text}`',
    keyword: '`{en}`/`{zh}`',
    endOfFile: 'the end of the file',
    alternatives: '{some} or {last}',
    alternativesMore: '{some} or …',
    somethingElse: 'something else',
    // ---- syntax (KH-P001)
    expected: 'expected {what} but found {found}',
    afterEnd: 'unexpected {found} after the end of the scheme',
    emptyFile: 'the file is empty: a scheme starts with `scheme NAME {`',
    strayMeant: '`{word}` does not start a declaration; did you mean `{meant}`?',
    straySkipped: '{found} does not start a declaration; it and what follows it were skipped up to the next declaration',
    keywordTypo: '`{word}` is not a keyword; did you mean `{meant}`? (read as `{meant}` here)',
    changeTo: 'Change to `{text}`',
    // ---- characters (KH-P002 … KH-P007)
    stringOpen: 'string is not closed with `{close}`',
    closeString: 'Close the string',
    commentOpen: 'block comment is not closed with `*/`',
    unexpectedChar: 'unexpected character `{char}` ({codePoint})',
    fullWidthDigits: 'full-width digits `{text}`; use `{digits}`',
    mathSymbol: '`{char}` is a mathematical symbol, not an operator of the language; use `{op}`',
    chinesePunct: '`{char}` is not allowed here; did you mean `{ascii}`?',
    fullWidthRemove: 'full-width `{char}` is not part of the language; remove it',
    fullWidthAscii: 'full-width `{char}` is not allowed here; use the ASCII `{ascii}`',
    replaceWith: 'Replace with `{text}`',
    replaceChar: 'Replace `{char}` with `{ascii}`',
    removeChar: 'Remove `{char}`',
    gluedKeyword: '`{word}` reads as one name; did you mean `{keyword} {rest}`?',
    insertSpace: 'Insert a space: `{keyword} {rest}`',
    malformedNumber: 'malformed number `{text}`',
    // ---- quoted names (KH-P010, KH-P011; issue 12)
    badQuotedName: '{text} is not a quoted name: the quotes must hold exactly one name',
    bidiControl: 'invisible direction control character U+{code}: the text may not read as it runs; remove it',
    removeBidi: 'Remove U+{code}',
    keywordAsName: '`{word}` is a keyword; to use it as a name, quote it: {quoted}',
    // ---- a soft share in the document's words (`比例 20% 一般 15%`; KH-P013, issue 13)
    softWord: 'a soft quota share is written with `{keyword}` (`{word}` is no keyword): `{fixed}`',
    quoteName: 'Quote the name: {quoted}',
    unitAfterSubject: 'a related subject’s result (`{for} {field}`) is of this evaluation’s own period: no unit word follows the field; remove `{word}`',
    removeWord: 'Remove `{word}`',
    // ---- a post-specific indicator written with its own `when` (KH-P015)
    whenInIndicator: 'an indicator takes no `when` of its own: write the indicators that apply only to some subjects (a post, a rank) in a `when` block, one block for all of them: {block}',
    toWhenBlock: 'Write as a `when` block: {block}',
    weightMissing: 'is `{keyword}` missing? A share is written `{keyword} {share}` (read so here)',
    atMostWord: '`{word}` is not needed: a quota of {share} already means at most {share} (read so here); remove it',
    arrowBody: 'the value for each item of a list is written after `:`, not `=>`: `avg(x in LIST : f(x))` (read so here)',
    trimInWords: '`{words}` is not a panel line: dropping the highest and lowest ratings is the trim rule `{rule}` (with at least 5 ratings in a category, drop its 1 highest and 1 lowest; choose the numbers); no rule was read here',
    // ---- limits (KH-P008, KH-P009)
    chainTooLong: 'this expression chains more than {limit} operands, operators or suffixes; split it into lets',
    nestedTooDeep: 'nested too deeply here (brackets, expressions and groups more than {limit} levels together); split the expression into lets, a table or bands, or flatten the groups',
    treeTooDeep: 'this expression is more than {limit} operations deep; split it into lets',
    tooManyErrors: (a) => `too many syntax errors: ${more(a.more)}; fix the first ones and check again`,
    stoppedAtLimit: 'more than {limit} syntax errors: reading stopped here, and the rest of the file was not checked; fix the first ones and check again',
    stoppedRecovering: 'too many syntax errors to recover from: reading stopped here, and the rest of the file was not checked; fix the first ones and check again',
  },
  zh: {
    aName: '名称',
    aNumber: '数字',
    aPercentage: '百分数',
    aString: '字符串',
    code: '“{text}”',
    keyword: '“{zh}”/“{en}”',
    endOfFile: '文件末尾',
    alternatives: '{some}或{last}',
    alternativesMore: '{some}等',
    somethingElse: '其他内容',
    expected: '此处应为{what}，实际是{found}',
    afterEnd: '方案已结束，后面却还有{found}',
    emptyFile: '文件是空的：方案以“方案 名称 {”开头',
    strayMeant: '“{word}”不能开始一个声明；是否想写“{meant}”？',
    straySkipped: '{found}不能开始一个声明；从它到下一个声明之间的内容已跳过',
    keywordTypo: '“{word}”不是关键字；是否想写“{meant}”？（此处已按“{meant}”读取）',
    changeTo: '改为“{text}”',
    stringOpen: '字符串缺少结尾的引号 {close}',
    closeString: '补上结尾的引号',
    commentOpen: '块注释缺少结尾的“*/”',
    unexpectedChar: '此处不允许字符“{char}”（{codePoint}）',
    fullWidthDigits: '全角数字“{text}”；请改用“{digits}”',
    mathSymbol: '“{char}”是数学符号，不是本语言的运算符；请改用“{op}”',
    chinesePunct: '此处不允许中文标点“{char}”；是否想写“{ascii}”？',
    fullWidthRemove: '全角字符“{char}”不属于本语言；请删除',
    fullWidthAscii: '此处不允许全角字符“{char}”；请改用半角的“{ascii}”',
    replaceWith: '替换为“{text}”',
    replaceChar: '把“{char}”替换为“{ascii}”',
    removeChar: '删除“{char}”',
    gluedKeyword: '“{word}”被读作一个名称；是否想写“{keyword} {rest}”？',
    insertSpace: '插入空格：“{keyword} {rest}”',
    malformedNumber: '数字格式不正确：“{text}”',
    badQuotedName: '{text}不是加引号的名称：引号内只能是一个名称',
    bidiControl: '不可见的文字方向控制字符 U+{code}：显示的文本可能与实际执行的不同，请删除',
    removeBidi: '删除 U+{code}',
    keywordAsName: '“{word}”是关键字；用作名称时请加引号：{quoted}',
    softWord: '通常比例用关键字“{keyword}”书写（“{word}”不是关键字）：“{fixed}”',
    quoteName: '给名称加引号：{quoted}',
    unitAfterSubject: '“{for} {field}”读取所指对象本考核期的结果，输入项后不写考核期类型：请删除“{word}”',
    removeWord: '删除“{word}”',
    whenInIndicator: '指标中不能写“当”条件；只适用于部分人员（如某类岗位、职级）的指标写在“当”块中，条件相同的几项写在同一块内：{block}',
    toWhenBlock: '改写为“当”块：{block}',
    weightMissing: '是否漏写了“{keyword}”？权重写作“{keyword} {share}”（此处已按此读取）',
    atMostWord: '“{word}”不必写：比例 {share} 就是不超过 {share}（此处已按此读取），请删除“{word}”',
    arrowBody: '对列表每一项求的值写在“:”之后，不用“=>”：“平均(x 属于 列表 : f(x))”（此处已按此读取）',
    trimInWords: '“{words}”不是测评组的写法：去掉最高分和最低分写作“{rule}”（某类评价人的评分不少于 5 个时，去掉其中 1 个最高分和 1 个最低分；数字按办法填写）；此处未读取任何去分规则',
    chainTooLong: '该表达式连续的操作数、运算符或后缀超过 {limit} 个；请拆分为多个“定义”',
    nestedTooDeep: '此处嵌套过深（括号、表达式和类别合计超过 {limit} 层）；请把表达式拆分为多个“定义”、“对照表”或“分段”，或减少类别的层级',
    treeTooDeep: '该表达式的运算超过 {limit} 层；请拆分为多个“定义”',
    tooManyErrors: '语法错误过多：另有 {more} 个未列出；请先改正前面的错误后再检查',
    stoppedAtLimit: '语法错误超过 {limit} 个：读到此处停止，文件其余部分未检查；请先改正前面的错误后再检查',
    stoppedRecovering: '语法错误过多，无法继续读取：读到此处停止，文件其余部分未检查；请先改正前面的错误后再检查',
  },
});

const KINDS: Record<string, Msg> = {
  Identifier: M.aName(), NumberLiteral: M.aNumber(), PercentLiteral: M.aPercentage(), StringLiteral: M.aString(),
};
const PUNCT: Record<string, string> = {
  LCurly: '{', RCurly: '}', LParen: '(', RParen: ')', LBracket: '[', RBracket: ']', Comma: ',',
  Colon: ':', Dot: '.', Arrow: '=>', Assign: '=', Plus: '+', Minus: '-', Star: '*', Slash: '/',
  EqEq: '==', NotEq: '!=', LtEq: '<=', GtEq: '>=', Lt: '<', Gt: '>',
};

/** The keyword a token type stands for (token types of keywords are named Kw_<id>). */
export function keywordOfType(t: TokenType): KeywordId | undefined {
  return t.name.startsWith('Kw_') ? t.name.slice(3) as KeywordId : undefined;
}

/** What a token type is, as the reader writes it. */
export function describeTokenType(t: TokenType, ruleName?: string): Msg {
  const id = keywordOfType(t);
  // `for` after `results of S` is the related subject's field (`对象 班子`), not an attached item (`计入`).
  if (id === 'for' && ruleName === 'periodResultsType') return M.keyword({ en: keywordText(id, 'en'), zh: FOR_SUBJECT_ZH });
  if (id) return M.keyword({ en: keywordText(id, 'en'), zh: keywordText(id, 'zh') });
  const p = PUNCT[t.name];
  return p ? M.code({ text: p }) : KINDS[t.name] ?? M.code({ text: t.name });
}

/** A token as found in the text. */
export function describeToken(tok: IToken): Msg {
  if (tok.tokenType.name === 'EOF') return M.endOfFile();
  return M.code({ text: tok.image });
}

function expectedList(paths: TokenType[][][], ruleName?: string): Msg {
  const firsts = new Map<string, Msg>();
  for (const alt of paths) for (const path of alt) if (path[0]) firsts.set(path[0].name, describeTokenType(path[0], ruleName));
  const list = [...firsts.values()];
  if (list.length > 8) return M.alternativesMore({ some: list.slice(0, 8) });
  if (list.length > 1) return M.alternatives({ some: list.slice(0, -1), last: list[list.length - 1] });
  return list[0] ?? M.somethingElse();
}

const encode = (m: Msg): string => JSON.stringify(m);

/** The message of a Chevrotain recognition exception built by `errorMessages`. */
export function decode(message: string): Msg {
  try {
    const m = JSON.parse(message) as Msg;
    if (typeof m?.id === 'string') return m;
  } catch { /* not ours: Chevrotain's own text, shown as it is */ }
  return M.code({ text: message });
}

export const errorMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual, ruleName }) {
    return encode(M.expected({ what: describeTokenType(expected, ruleName), found: describeToken(actual) }));
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return encode(M.afterEnd({ found: describeToken(firstRedundant) }));
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, actual, ruleName }) {
    return encode(M.expected({ what: expectedList(expectedPathsPerAlt, ruleName), found: describeToken(actual[0]) }));
  },
  buildEarlyExitMessage({ expectedIterationPaths, actual }) {
    return encode(M.expected({ what: expectedList([expectedIterationPaths]), found: describeToken(actual[0]) }));
  },
};
