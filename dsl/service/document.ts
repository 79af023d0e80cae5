// One open document: its text, the analysis (parse + check), and what the service derives from it
// (tokens, occurrences), each computed once per text on first use. While the author types, the tree
// may be missing or the checker may fail on a half-written construct; the document then keeps the
// last symbol table that worked so completion and hover still know the scheme's names.

import { analyze, reanalyze, type Analysis } from '../index.js';
import { parse } from '../parser/index.js';
import { SourceFile } from '../source.js';
import { buildSymbols, type SymbolTable } from '../symbols.js';
import type { Diagnostic } from '../diagnostics.js';
import { render } from '../i18n/index.js';
import { W } from './messages.js';
import type { Lang } from '../keywords.js';
import { collectOccurrences, type Occurrence } from './occurrences.js';
import { scan, type Tok } from './scan.js';

export class ServiceDocument {
  readonly analysis: Analysis;
  /** Symbols of this text, or of the last text that had a tree. */
  readonly symbols?: SymbolTable;
  private toks?: Tok[];
  private occ?: Occurrence[];

  /** `previous` is the document this text was edited from; it is consumed (its tree may be reused
   * and mutated by the incremental analysis) and must not be used afterwards. */
  constructor(readonly text: string, previous?: ServiceDocument, readonly path = '<input>') {
    this.analysis = safeAnalyze(text, path, previous?.path === path ? previous.analysis : undefined);
    const scheme = this.analysis.parsed.scheme;
    this.symbols = this.analysis.checked?.symbols ?? (scheme ? buildSymbols(scheme) : previous?.symbols);
  }

  get file(): SourceFile { return this.analysis.file; }
  get diagnostics(): Diagnostic[] { return this.analysis.diagnostics; }
  get lang(): Lang { return this.analysis.parsed.keywordLang; }

  get tokens(): Tok[] { return (this.toks ??= scan(this.text)); }

  /** Names of this text's own tree (empty when nothing was recovered). */
  get occurrences(): Occurrence[] {
    if (!this.occ) {
      const scheme = this.analysis.parsed.scheme;
      this.occ = scheme ? collectOccurrences(scheme, this.analysis.checked?.symbols ?? buildSymbols(scheme), this.analysis.checked) : [];
    }
    return this.occ;
  }
}

/** analyze() — incrementally from the previous analysis when the edit allows — but a checker crash on
 * odd input degrades to parse-only diagnostics plus one note, rather than taking the editor's language
 * features down with it. */
function safeAnalyze(text: string, path: string, previous?: Analysis): Analysis {
  try {
    return (previous && reanalyze(previous, text, path)) ?? analyze(text, path);
  } catch (e) {
    const file = new SourceFile(text, path);
    const parsed = parse(file);
    const at = { start: 0, end: 0 };
    const msg = W.checkerCrashed({ error: e instanceof Error ? e.message : String(e) });
    const note: Diagnostic = { code: 'KH-C000', severity: 'warning', span: at, range: file.range(at), message: render(msg, 'en'), msg };
    return { file, parsed: parsed.value, diagnostics: [...parsed.diagnostics, note] };
  }
}
