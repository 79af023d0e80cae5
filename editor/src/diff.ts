// A read-only Monaco diff of two texts of a scheme, coloured as kaohe: the publish question (the
// draft against the last published version) and the compare view (any two versions) use it.
// The caller disposes it when its container goes away.

import { LANGUAGE_ID, THEME } from './language.js';
import { monaco } from './monaco.js';

export interface DiffView { dispose(): void }

/** Shows `original` → `modified` in `container` (which must be in the document). A model passed as
 * `modified` is shown live and not disposed here (the editor's own model). */
export function diffView(container: HTMLElement, original: string, modified: string | monaco.editor.ITextModel, opts: { inline?: boolean } = {}): DiffView {
  const left = monaco.editor.createModel(original, LANGUAGE_ID);
  const right = typeof modified === 'string' ? monaco.editor.createModel(modified, LANGUAGE_ID) : modified;
  const editor = monaco.editor.createDiffEditor(container, {
    theme: THEME, readOnly: true, originalEditable: false, automaticLayout: true, renderSideBySide: !opts.inline,
    minimap: { enabled: false }, scrollBeyondLastLine: false, renderOverviewRuler: false,
    // Long unchanged stretches fold away: what changed is what the reader must check.
    hideUnchangedRegions: { enabled: true, contextLineCount: 3, minimumLineCount: 6, revealLineCount: 20 },
  });
  editor.setModel({ original: left, modified: right });
  return {
    dispose() {
      editor.dispose();
      left.dispose();
      if (typeof modified === 'string') right.dispose();
    },
  };
}
