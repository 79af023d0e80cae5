// A slim Monaco: the editor API and its editing features, without the bundled languages and the
// TypeScript/CSS/HTML/JSON language workers (about a third of the full package). Only Monaco's own
// editor worker is bundled; kaohe's language service has its own worker (worker.ts).

import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/features/register.all';
// Parts editor.main imports beyond the feature list (commands, suggest, go-to, semantic tokens).
import 'monaco-editor/editor/browser/coreCommands';
import 'monaco-editor/editor/contrib/find/browser/findController';
import 'monaco-editor/editor/contrib/gotoSymbol/browser/goToCommands';
import 'monaco-editor/editor/contrib/gotoError/browser/markerSelectionStatus';
import 'monaco-editor/editor/contrib/semanticTokens/browser/documentSemanticTokens';
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/editor/contrib/caretOperations/browser/caretOperations';
import 'monaco-editor/editor/contrib/dropOrPasteInto/browser/copyPasteContribution';
import 'monaco-esm/base/browser/ui/codicons/codicon/codicon-modifiers.css';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';

self.MonacoEnvironment = { getWorker: () => new EditorWorker() };

export { monaco };
