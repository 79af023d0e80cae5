// Makes the json-rules-engine runtime available as `rulesRuntime: 'jre'` (EvalOptions). Importing
// this module once is enough; engine/index.ts may import it so every caller has both runtimes.

import { registerRulesRuntime } from '../run.js';
import { jreRules } from './runtime.js';

registerRulesRuntime('jre', jreRules);
