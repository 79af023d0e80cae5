// What a subject's id may be, one rule for every way in (hostile H5 F2, F8): the HTTP API, a cohort
// file, and the command line's rosters (.xlsx, .csv, .jsonl — their ids reach the engine's cohort
// check: batch.ts checkIds, stream/ids.ts). An id is text of 1 to MAX_ID_CHARS (200) UTF-16 code
// units, as the API has always said; well-formed Unicode (a lone surrogate cannot be stored as
// UTF-8: it would become U+FFFD, and two ids one); and without control characters (U+0000–U+001F,
// U+007F–U+009F) or the noncharacters U+FFFE/U+FFFF: no spreadsheet shows them and an .xlsx result
// cannot hold them (XML 1.0), so `q\u0001` and `q\u0002` would print as the same `q`.

import { defineMessages, type Msg } from '../dsl/i18n/index.js';

/** The most UTF-16 code units an id has (the API's limit). */
export const MAX_ID_CHARS = 200;

const CONTROL = /[\u0000-\u001f\u007f-\u009f\ufffe\uffff]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const SI = defineMessages('engineSubjectId', {
  en: {
    idTooLong: 'the id has {n} characters, more than {max}',
    idControl: 'the id holds a control character ({code}), which no spreadsheet shows',
    idSurrogate: 'the id is not well-formed Unicode (a lone surrogate)',
  },
  zh: {
    idTooLong: '编号有 {n} 个字符，超过 {max} 个',
    idControl: '编号含控制字符（{code}），表格中看不见',
    idSurrogate: '编号不是有效的 “Unicode” 文本（含不成对的代理字符）',
  },
});

/** What is wrong with a non-empty text id, or undefined when it is a valid id. */
export function idFlaw(id: string): Msg | undefined {
  if (id.length > MAX_ID_CHARS) return SI.idTooLong({ n: id.length, max: MAX_ID_CHARS });
  const control = CONTROL.exec(id);
  if (control) return SI.idControl({ code: `U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` });
  if (LONE_SURROGATE.test(id)) return SI.idSurrogate();
  return undefined;
}
