// Display width of formatted text, in terminal/editor columns: the formatter's 100-column limit is
// about what a reader sees, and a CJK character takes two columns in every monospace font an editor
// or terminal uses (Unicode East Asian Width W and F). Combining marks, zero-width joiners and
// variation selectors take none; everything else, including ambiguous-width symbols such as `≥`,
// takes one (how Monaco and most terminals show them outside a CJK locale).

/** [first, last, columns] for the code points that are not one column wide, ascending. */
const RANGES: readonly (readonly [number, number, 0 | 2])[] = [
  [0x0300, 0x036f, 0], // combining diacritical marks
  [0x1100, 0x115f, 2], // Hangul Jamo leading consonants
  [0x200b, 0x200f, 0], // zero-width space, joiners, direction marks
  [0x231a, 0x231b, 2],
  [0x2329, 0x232a, 2],
  [0x23e9, 0x23ec, 2],
  [0x25fd, 0x25fe, 2],
  [0x2614, 0x2615, 2],
  [0x2648, 0x2653, 2],
  [0x26aa, 0x26ab, 2],
  [0x26bd, 0x26be, 2],
  [0x26c4, 0x26c5, 2],
  [0x2705, 0x2705, 2],
  [0x270a, 0x270b, 2],
  [0x274c, 0x274c, 2],
  [0x2753, 0x2755, 2],
  [0x2795, 0x2797, 2],
  [0x2b1b, 0x2b1c, 2],
  [0x2e80, 0x303e, 2], // CJK radicals, Kangxi, CJK symbols and punctuation (、。「」)
  [0x3041, 0x33ff, 2], // kana, Bopomofo, Hangul compatibility, CJK compatibility
  [0x3400, 0x4dbf, 2], // CJK extension A
  [0x4e00, 0x9fff, 2], // CJK unified ideographs
  [0xa000, 0xa4cf, 2], // Yi
  [0xa960, 0xa97f, 2],
  [0xac00, 0xd7a3, 2], // Hangul syllables
  [0xf900, 0xfaff, 2], // CJK compatibility ideographs
  [0xfe00, 0xfe0f, 0], // variation selectors
  [0xfe10, 0xfe19, 2], // vertical forms
  [0xfe30, 0xfe6f, 2], // CJK compatibility forms, small form variants
  [0xff00, 0xff60, 2], // full-width ASCII (，：（）)
  [0xffe0, 0xffe6, 2], // full-width signs (￥)
  [0x1f300, 0x1f64f, 2], // pictographs, emoticons
  [0x1f680, 0x1f6ff, 2],
  [0x1f900, 0x1f9ff, 2],
  [0x20000, 0x3fffd, 2], // CJK extensions B–H
];

/** Columns of one code point. */
export function codePointWidth(cp: number): number {
  if (cp < 0x0300) return 1;
  let lo = 0, hi = RANGES.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [first, last, w] = RANGES[mid];
    if (cp < first) hi = mid - 1;
    else if (cp > last) lo = mid + 1;
    else return w;
  }
  return 1;
}

/** Columns of `s` (which holds no line break). */
export function displayWidth(s: string): number {
  let w = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x0300) { w++; continue; }
    const cp = s.codePointAt(i)!;
    if (cp > 0xffff) i++; // the low surrogate
    w += codePointWidth(cp);
  }
  return w;
}
