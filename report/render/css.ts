// The one style sheet of every printable paper (issue 15): A4 with the margins of a 公文 page, each
// Page of the document on a sheet of its own, table rows and signature lines never split across
// sheets, a table's heading repeated on the next sheet. On screen the same page sits centred on a
// grey desk as a white A4 sheet, with a line saying how to print or save it as PDF (hidden in print).
//
// A constant, not built per document: the server answers papers with a Content-Security-Policy that
// allows exactly this style by its sha256 (server/reports/html-answer.ts) and no script at all, so a
// hostile name on a roster can neither run code nor restyle the page — and the hash is computed once.
// Changing this text changes the hash with it; nothing else needs to follow.

export const PAPER_CSS = `
@page { size: A4; margin: 12mm 16mm; }
* { box-sizing: border-box; }
html { background: #d9d9d9; }
body { margin: 0; color: #000; font: 10.5pt/1.4 "FangSong", "STFangsong", "仿宋", "Noto Serif CJK SC", "Songti SC", "SimSun", serif; }
.hint { text-indent: 0; max-width: 210mm; margin: 6mm auto 0; padding: 2mm 4mm; background: #fffbe6; border: 1px solid #e6d9a0; font: 10.5pt/1.5 system-ui, "Microsoft YaHei", sans-serif; }
.page { width: 210mm; min-height: 297mm; margin: 6mm auto; padding: 12mm 16mm; background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.3); }
h1 { margin: 0 0 1mm; text-align: center; font: bold 16pt/1.35 "SimHei", "STHeiti", "黑体", "Noto Sans CJK SC", sans-serif; letter-spacing: .05em; }
.subtitle { margin: 0 0 1.5mm; text-align: center; text-indent: 0; }
h2 { margin: 1.5mm 0 0.3mm; font: bold 10.5pt/1.35 "SimHei", "STHeiti", "黑体", "Noto Sans CJK SC", sans-serif; break-after: avoid; }
h3 { margin: 1mm 0 0.3mm; font-size: 10.5pt; font-weight: bold; break-after: avoid; }
p { margin: 0 0 0.5mm; text-indent: 2em; }
p.note { color: #333; font-size: 9pt; text-indent: 0; }
p.warning { font-weight: bold; text-indent: 0; }
p.flush { text-indent: 0; }
.num { font-variant-numeric: tabular-nums; }
ul, ol { margin: 0 0 1mm; padding-left: 2em; }
table { width: 100%; border-collapse: collapse; margin: 0.5mm 0 1mm; font-size: 9.5pt; line-height: 1.2; }
caption { caption-side: top; text-align: left; font-weight: bold; padding-bottom: 1mm; }
th, td { border: 1px solid #000; padding: 0.2mm 1.5mm; vertical-align: top; }
th { font-weight: bold; text-align: center; background: #f2f2f2; }
td.r, th.r { text-align: right; }
td.c, th.c { text-align: center; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
table.fields th { width: 18%; text-align: center; vertical-align: middle; background: none; }
table.fields td { width: 32%; }
table.fields td.wide { width: auto; }
.ruled { display: block; height: 6mm; border-bottom: 1px solid #555; }
.lines { margin: 0.5mm 0 1.5mm; break-inside: avoid; }
.lines .label { font-size: 9.5pt; color: #333; }
.signatures { display: grid; grid-template-columns: repeat(2, max-content); justify-content: end; gap: 2mm 8mm; margin: 2.5mm 0 0; break-inside: avoid; }
.sig { white-space: pre; }
.sig .blank { display: inline-block; min-width: 32mm; border-bottom: 1px solid #000; }
@media print {
  html, body { background: none; }
  .hint { display: none; }
  .page { width: auto; min-height: 0; margin: 0; padding: 0; box-shadow: none; break-after: page; }
  .page:last-child { break-after: auto; }
}
`;
