// What a subject's id may be, one rule for every way in (hostile H5 F2, F8): the HTTP API, a cohort
// file, and the command line's rosters (.xlsx, .csv, .jsonl — their ids reach the engine's cohort
// check: batch.ts checkIds, stream/ids.ts). An id is text of 1 to MAX_ID_CHARS (200) UTF-16 code
// units, as the API has always said; well-formed Unicode (a lone surrogate cannot be stored as
// UTF-8: it would become U+FFFD, and two ids one); and without control characters (U+0000–U+001F,
// U+007F–U+009F) or the noncharacters U+FFFE/U+FFFF: no spreadsheet shows them and an .xlsx result
// cannot hold them (XML 1.0), so `q\u0001` and `q\u0002` would print as the same `q`.
// Nor may an id look the same as another (hostile H6 F14: `B1`, `B1 ` and `B1`+U+200B were three
// people, one 公示名单 showed "B1" twice): no space at either end (a spreadsheet cell is trimmed when
// read, sheets/cells.ts, so this only refuses what the API and .json files send), no invisible
// character (format characters, Cf, and the default-ignorable ones: zero-width spaces, direction
// marks, variation selectors), no space but the ordinary U+0020 inside (no-break, full-width, line
// separators), and the composed Unicode form (NFC: `é` typed as e + U+0301 is refused, not folded).
// Refused rather than cleaned: an id the server changed would not be the id the caller holds.
// Width and case stay the caller's (`Ｂ1`, `b1` and `B1` are visibly different: three people).
// A cohort key (the unit, `cohort by`'s field) is held to the visible part of the same rule (V11b
// HIGH-1: `办公室 `, `办公室\n` and `办公室`+U+200B were three cohorts, each with its own 好 quota):
// unitFlaw refuses a control character, an invisible one and a space at either end — the engine
// (validate.ts, codegen/validate.ts) and the server's roster (server/rounds) alike.

import { codePointText } from '../dsl/code-point.js';
import { defineMessages, type Msg } from '../dsl/i18n/index.js';

/** The most UTF-16 code units an id has (the API's limit). */
export const MAX_ID_CHARS = 200;

const CONTROL = /[\u0000-\u001f\u007f-\u009f\ufffe\uffff]/;
/** Visible ASCII with no space at either end: every id of this form passes (the common case, one test). */
const PLAIN = /^[!-~](?:[ -~]*[!-~])?$/;
const EDGE_SPACE = /^\s|\s$/;
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/u;
/** White space other than U+0020 (control characters are refused before). */
const ODD_SPACE = /[^\S ]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const SI = defineMessages('engineSubjectId', {
  en: {
    idTooLong: 'the id has {n} characters, more than {max}',
    idControl: 'the id holds a control character ({code}), which no spreadsheet shows',
    idSurrogate: 'the id is not well-formed Unicode (a lone surrogate)',
    idEdgeSpace: 'the id starts or ends with a space ({code}), which no spreadsheet shows: remove it',
    idInvisible: 'the id holds an invisible character ({code}: a zero-width space, a direction mark or the like), so it looks the same as another id: remove it',
    idOddSpace: 'the id holds a space other than the ordinary one ({code}: a no-break, full-width or line-separator space): use an ordinary space',
    idNotComposed: 'the id is not in composed Unicode form (NFC), so it looks the same as its composed spelling: write it as “{nfc}”',
    unitControl: 'the {field} “{value}” holds a control character ({code}), which no spreadsheet shows, so it would be a group of its own: remove it',
    unitInvisible: 'the {field} “{value}” holds an invisible character ({code}: a zero-width space, a direction mark or the like), so it would be a group of its own beside the one it looks like: remove it',
    unitEdgeSpace: 'the {field} “{value}” starts or ends with a space ({code}), which no spreadsheet shows, so it would be a group of its own: remove it',
  },
  zh: {
    idTooLong: '编号有 {n} 个字符，超过 {max} 个',
    idControl: '编号含控制字符（{code}），表格中看不见',
    idSurrogate: '编号不是有效的 “Unicode” 文本（含不成对的代理字符）',
    idEdgeSpace: '编号首尾有空格（{code}），表格中看不出：请删去',
    idInvisible: '编号含看不见的字符（{code}，如零宽空格、方向标记），与另一个编号看起来相同：请删去',
    idOddSpace: '编号含非普通空格（{code}，如不换行空格、全角空格、分行符）：请改用普通空格',
    idNotComposed: '编号不是 “Unicode” 组合形式（NFC），与其组合写法看起来相同：请写作“{nfc}”',
    unitControl: '{field}“{value}”含控制字符（{code}），表格中看不见，会单独成为一组：请删去',
    unitInvisible: '{field}“{value}”含看不见的字符（{code}，如零宽空格、方向标记），会与看起来相同的{field}分成两组：请删去',
    unitEdgeSpace: '{field}“{value}”首尾有空格（{code}），表格中看不出，会单独成为一组：请删去',
  },
});

/** `U+XXXX` of the character at the match (a whole code point). */
const codeOf = (m: RegExpExecArray): string => codePointText(m[0].codePointAt(0)!);

/** What is wrong with a non-empty text id, or undefined when it is a valid id. */
export function idFlaw(id: string): Msg | undefined {
  if (id.length > MAX_ID_CHARS) return SI.idTooLong({ n: id.length, max: MAX_ID_CHARS });
  if (PLAIN.test(id)) return undefined;
  const control = CONTROL.exec(id);
  if (control) return SI.idControl({ code: codeOf(control) });
  if (LONE_SURROGATE.test(id)) return SI.idSurrogate();
  const invisible = INVISIBLE.exec(id);
  if (invisible) return SI.idInvisible({ code: codeOf(invisible) });
  const edge = EDGE_SPACE.exec(id);
  if (edge) return SI.idEdgeSpace({ code: codeOf(edge) });
  const odd = ODD_SPACE.exec(id);
  if (odd) return SI.idOddSpace({ code: codeOf(odd) });
  const nfc = id.normalize('NFC');
  if (nfc !== id) return SI.idNotComposed({ nfc });
  return undefined;
}

/** The unit's text as a message shows it: a control character as its code (`办公室⟨U+000A⟩`), so
 * that the message itself stays one visible line. */
const shown = (s: string): string =>
  (s.length > 60 ? `${s.slice(0, 57)}...` : s).replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `⟨${codePointText(c.codePointAt(0)!)}⟩`);

/** What is wrong with a cohort key's text (a unit: `field` names it in the message), or undefined
 * when every character of it shows: no control or invisible character, no space at either end. */
export function unitFlaw(s: string, field: string | Msg): Msg | undefined {
  if (PLAIN.test(s)) return undefined;
  const control = CONTROL.exec(s);
  if (control) return SI.unitControl({ field, value: shown(s), code: codeOf(control) });
  const invisible = INVISIBLE.exec(s);
  if (invisible) return SI.unitInvisible({ field, value: shown(s), code: codeOf(invisible) });
  const edge = EDGE_SPACE.exec(s);
  if (edge) return SI.unitEdgeSpace({ field, value: shown(s), code: codeOf(edge) });
  return undefined;
}

/** What unitFlaw refuses, in one pattern: the generated validator asks it of every subject's unit. */
const UNSEEN = /[\u0000-\u001f\u007f-\u009f\ufffe\uffff\p{Cf}\p{Default_Ignorable_Code_Point}]|^\s|\s$/u;

/** Whether unitFlaw finds nothing (the generated validator's question: codegen/validate-runtime.ts). */
export const visibleUnit = (s: string): boolean => !UNSEEN.test(s);
