// Node only: the empty rows of a streamed worksheet's XML taken out before exceljs parses it. A row
// that holds no value — `<row r="7"/>`, or only empty cells `<row r="7"><c r="C7" s="1"/></row>`, what
// a sheet "used" down to row 1,048,576 by a format or a stray edit is made of — is read as nothing
// anyway (xlsx-stream.ts skips blank rows), but exceljs builds a row object, a cell object and four
// parser events for each: 1M such rows cost ~2 s of CPU (hostile F4). Cut here, they cost a regular
// expression's scan. Row numbers are unchanged (each row carries its own `r`).
//
// Sound on any chunking: a chunk ending inside a tag is cut at its last `<`, the rest waits for the
// next, so no tag is split and a match is a whole element; an empty row split across two chunks is
// left as it is. Text inside CDATA is the one place where `<row …>` could be data: from the first
// CDATA section on, the text passes unchanged (Excel writes none).

/** An element `row` with no content but empty cells (self-closed or `<c …></c>`) and white space. */
const EMPTY_ROW = /<row\b[^>]*?(?:\/>|>(?:\s|<c\b[^>]*?\/>|<c\b[^>]*>\s*<\/c>)*<\/row>)/g;
const CDATA = '<![CDATA[';

/** The chunks of worksheet XML text, the empty rows left out. */
export async function* dropEmptyRows(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  let rest = '', plain = true;
  for await (const chunk of chunks) {
    const text = rest + chunk;
    // only an unfinished tag waits (text after a tag's `>` — white space, a long cell — goes on at
    // once: carrying it made a long run quadratic, hostile F7)
    const lt = plain ? text.lastIndexOf('<') : -1;
    const cut = lt >= 0 && text.indexOf('>', lt) < 0 ? lt : -1;
    rest = cut < 0 ? '' : text.slice(cut);
    const ready = cut < 0 ? text : text.slice(0, cut);
    if (plain && ready.includes(CDATA)) plain = false;
    const kept = plain ? ready.replace(EMPTY_ROW, '') : ready;
    if (kept) yield kept;
  }
  if (rest) yield rest;
}
