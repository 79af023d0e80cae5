// Chinese titles of every diagnostic code (docs/diagnostics.md, and the editor's fallback for a
// message that arrives without its data). Messages themselves are rendered per locale from the
// catalogs (dsl/i18n; each area's messages.ts) and carry the specifics. Terms follow the Chinese keywords of dsl/keywords.ts
// (测评组, 对照表, 分段, 等级, 比例, 其他, 示例). Keyed by code text so the engine's KH-E… codes live here
// too without dsl/ depending on engine/; test/diagnostic-titles.test.ts checks it covers every code.

export const ZH_TITLES: Readonly<Record<string, string>> = {
  // ---- lexing and parsing
  'KH-P001': '语法错误：此处不应出现该符号',
  'KH-P002': '字符串缺少结尾的引号',
  'KH-P003': '块注释缺少结尾的 */',
  'KH-P004': '此处不允许出现该字符',
  'KH-P005': '误用了全角字符、中文标点或数学符号（此处应为半角字符）',
  'KH-P006': '中文关键字与名称连在一起（缺少空格）',
  'KH-P007': '数字格式不正确',
  'KH-P008': '嵌套层数过多',
  'KH-P009': '语法错误过多，其余未列出',
  'KH-P010': '引号内不是一个名称',
  'KH-P011': '关键字用作名称时未加引号',
  'KH-P012': '不可见的文字方向控制字符（显示的文本可能与实际执行的不同）',
  // ---- names and types
  'KH-C000': '检查提前中止（内部错误），只检查了语法',
  'KH-C001': '未定义的名称',
  'KH-C002': '名称重复定义',
  'KH-C003': '关键字不能用作名称',
  'KH-C004': '枚举成员同时属于多个枚举，无法确定',
  'KH-C005': '类型不匹配',
  'KH-C006': '不是该枚举的成员',
  'KH-C007': '未定义的字段或测评类别',
  'KH-C008': '函数或计分方式的用法不正确',
  'KH-C009': '结果名称只能用于等次、结果运用和示例',
  // ---- weights and points
  'KH-C010': '权重之和不是 100%',
  'KH-C011': '同级指标混用了分值和权重',
  'KH-C012': '分值之和不等于总分',
  'KH-C013': '指标或分组缺少权重或分值',
  'KH-C014': '权重检查未能覆盖所有情形',
  // ---- forms and tables
  'KH-C020': '测评组权重之和不是 100%',
  'KH-C021': '等级未覆盖所有成员',
  'KH-C022': '对照表未覆盖所有成员',
  'KH-C023': '奖金系数未覆盖所有等次',
  'KH-C024': '分段的分数线不是单调的',
  'KH-C025': '线性计分的 x 不是递增的',
  'KH-C026': '等次最后需要一个“其他”',
  'KH-C027': '“其他”必须是最后一个等次',
  'KH-C028': '设置或约束无效',
  'KH-C029': '比例（名额）设置无效',
  // ---- cycles and evaluation hazards
  'KH-C030': '循环引用',
  'KH-C031': '负面清单或加分项引用了总分',
  'KH-C032': '可能除以零',
  // ---- unused and unreachable
  'KH-C040': '输入项未被使用',
  'KH-C041': '测评组未被使用',
  'KH-C070': '量表无效（没有分值、分值不是数、重复、同属两个档次、档次重名，或命名档次与散列分值混用）',
  'KH-C071': '不是量表',
  'KH-C072': '数值集合无效（限定了不能限定的类型，或含有取不到的值）',
  'KH-C073': '测评组的要素无效（没有要素、重复声明或权重之和不是 100%）',
  'KH-C074': '没有要素的测评组不能按整票去掉',
  'KH-C075': '量表未被使用',
  'KH-C076': '测评组的要素过多（至多 100 个）',
  'KH-C042': '对照表未被使用',
  'KH-C043': '没有任何考核对象适用该指标',
  'KH-C044': '指标在被引用处可能不适用',
  // ---- examples
  'KH-C050': '示例设置了未定义的字段',
  'KH-C051': '示例预期了未定义的名称',
  'KH-C052': '示例的输入不符合输入约定',
  'KH-C110': '示例结果名称只能用在“预期”中',
  'KH-C111': '预期中的名称不是本方案的措施或事项',
  'KH-C112': '对可能为空的列表求汇总值',
  'KH-C113': '显示字段不是文本',
  // ---- dates and periods
  'KH-C100': '不是日期',
  'KH-C101': '时长只能用于日期加减',
  'KH-C102': '示例的周期与方案的周期类型不符',
  'KH-C103': '方案用到考核周期，示例却未给出周期',
  'KH-C104': '区间两端为常量且区间为空，条件恒不成立',
  'KH-C105': '时长超过 10000 年',
  // ---- shares, normalize and attached items (issue 12)
  'KH-C090': '事项的“计入”不是指标',
  'KH-C091': '计入指标的事项没有加分或扣分',
  'KH-C092': '归一的指标组可能没有适用的成员',
  'KH-C093': '计入指标的事项可能在该指标不适用时成立',
  'KH-C094': '分值写成了百分数',
  // ---- functions (issue 12)
  'KH-C080': '函数使用了输入项、定义、指标、类别或结果名称（函数只能使用参数）',
  'KH-C081': '函数递归调用（直接或经由其他函数）',
  'KH-C082': '函数调用的参数个数不对',
  'KH-C083': '参数重复声明',
  'KH-C084': '参数的类型是测评结果或带有约束',
  'KH-C085': '函数未被使用',
  'KH-C086': '参数未被使用',
  'KH-C087': '函数调用展开后计算步数过多',
  // ---- limits
  'KH-C060': '问题过多，其余未列出',
  'KH-C061': '依赖链过长',
  // ---- input validation and evaluation
  'KH-E001': '未定义的字段',
  'KH-E002': '缺少必填字段',
  'KH-E003': '类型错误',
  'KH-E004': '不是该枚举的成员',
  'KH-E005': '不是整数',
  'KH-E006': '数值超出范围',
  'KH-E007': '列表长度超出范围',
  'KH-E008': '请求格式错误（考核对象缺少编号、编号重复或输入不是对象）',
  'KH-E009': '问题过多，其余输入未再检查',
  'KH-E010': '除以零',
  'KH-E011': '对空列表求汇总值',
  'KH-E012': '加权平均的权重之和为零',
  'KH-E020': '取值不在规定的集合或量表之内',
  'KH-E021': '选票格式不对（不是对象、为空或含有未知要素）',
  'KH-E022': '按整票去掉时选票未评全所有要素',
  'KH-E013': '所有测评类别都缺失',
  'KH-E014': '测评类别缺失（规定缺失即报错）',
  'KH-E015': '指标或分组不适用于该考核对象',
  'KH-E016': '没有匹配的分段或等级',
  'KH-E017': '适用的下级指标权重或分值之和不正确',
  'KH-E018': '运行时的值类型不对',
  'KH-E019': '对照表中没有该值',
  'KH-E030': '不是日期',
  'KH-E031': '考核周期的写法不对',
  'KH-E032': '缺少考核周期',
  'KH-E033': '日期超出范围',
  'KH-E099': '内部错误',
};

/** A diagnostic as a Chinese reader sees it: the code's title, then the specific message. */
export function zhMessage(code: string, message: string): string {
  const title = ZH_TITLES[code];
  return title ? `${title}：${message}` : message;
}
